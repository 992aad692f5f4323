/*
 * cpu-emulate-io: domain 0's port I/O under a virtual IOPL of 1, done by
 * the hypervisor on its behalf (docs/traps.md).  The steps run in order
 * and each compares what an IN read (or that an OUT did not fault):
 *
 *   - ports the hypervisor leaves to domain 0 reach the device: the POST
 *     port 0x80, the CMOS RAM, PCI configuration through 0xCF8/0xCFC;
 *   - the RTC index is latched: 0x70 reads back what was written, bit 7
 *     (the NMI mask) included, and 0x71 reads the CMOS byte it names;
 *   - the ports the hypervisor keeps (the PICs, the PIT, QEMU's exit port,
 *     nothing past 0xFFFF) read all-ones and ignore writes -- had the
 *     write to 0xF4 gone through, QEMU would have exited;
 *   - INS and OUTS (REP too) move the same bytes through memory, and a
 *     fault on that memory is a #PF with its address.
 *
 * COM1 is Xen's own UART, refused to dom0, and Ringleader's virtual one
 * (cpu-emulate-uart); its check runs on Ringleader only.  So does the
 * last: ring 3 at level 3 may use IN but not INS, which Ringleader
 * emulates for ring 1 only (docs/xen-differences.md).
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "domain 0's port I/O reaches its devices, not the hypervisor's";

#define ANY 0xDEADBEEFU
#define UNMAPPED 0x40000000U
#define VEC_PF 14
#define PFEC_WRITE 2U

enum dir { IN, OUT };

#define EXIT "\n\tmovl $0xE1E1, %eax\n\tint $0x80"
USER_ASM(user_in, "movw $0x80, %dx\n\tinb %dx, %al" EXIT);
USER_ASM(user_insb, "leal -16(%esp), %edi\n\tmovw $0x80, %dx\n\tinsb" EXIT);

struct step {
    const char *what;
    enum dir dir;
    uint16_t port;
    unsigned size;
    uint32_t val;               /* written, or expected (ANY: not checked) */
    bool ringleader_only;       /* Xen differs on purpose (docs/xen-differences.md) */
};

static const struct step steps[] = {
    { "POST code written", OUT, 0x80, 1, 0x55, false },
    { "POST port read (QEMU: all-ones)", IN, 0x80, 1, 0xFF, false },
    { "RTC index 0x0D written", OUT, 0x70, 1, 0x0D, false },
    { "RTC index read back", IN, 0x70, 1, 0x0D, false },
    { "RTC status D (valid RAM and time)", IN, 0x71, 1, 0x80, false },
    { "RTC index 0x8D (NMI bit) written", OUT, 0x70, 1, 0x8D, false },
    { "RTC index read back, NMI bit kept", IN, 0x70, 1, 0x8D, false },
    { "RTC status D through it", IN, 0x71, 1, 0x80, false },
    { "RTC index and data as a word", IN, 0x70, 2, 0x808D, false },
    { "CMOS index 0x48 written", OUT, 0x70, 1, 0x48, false },
    { "CMOS byte 0x48 written", OUT, 0x71, 1, 0xA5, false },
    { "CMOS byte 0x48 read back", IN, 0x71, 1, 0xA5, false },
    { "PCI address 00:00.0 register 0", OUT, 0xCF8, 4, 0x80000000U, false },
    { "PCI address read back", IN, 0xCF8, 4, 0x80000000U, false },
    { "PCI 00:00.0 vendor and device (i440FX)", IN, 0xCFC, 4, 0x12378086U, false },
    { "PCI address cleared", OUT, 0xCF8, 4, 0, false },
    { "an empty port", IN, 0x2F0, 1, 0xFF, false },
    { "PIC 1 mask (kept)", IN, 0x21, 1, 0xFF, false },
    { "PIC 1 as a word (kept)", IN, 0x20, 2, 0xFFFF, false },
    { "PIC 1 mask written (dropped)", OUT, 0x21, 1, 0xFF, false },
    { "PIC 2 mask (kept)", IN, 0xA1, 1, 0xFF, false },
    { "PIT channel 0 (kept)", IN, 0x40, 1, 0xFF, false },
    { "PIT channel 1 (kept)", IN, 0x41, 1, 0xFF, false },
    { "QEMU's exit port written (dropped)", OUT, 0xF4, 1, 0x01, false },
    { "QEMU's exit port read", IN, 0xF4, 1, 0xFF, false },
    { "a dword across the top of the port space", IN, 0xFFFE, 4, 0xFFFFFFFFU, false },
    { "COM1 line status (Ringleader's virtual UART)", IN, 0x3FD, 1, 0x60, true },
};

static struct fault port_in(uint16_t port, unsigned size, uint32_t *val)
{
    *val = 0;
    if (size == 1)
        return EXPECT_FAULT("inb %w1, %b0", : "+a" (*val) : "d" (port) : "memory");
    if (size == 2)
        return EXPECT_FAULT("inw %w1, %w0", : "+a" (*val) : "d" (port) : "memory");
    return EXPECT_FAULT("inl %w1, %0", : "+a" (*val) : "d" (port) : "memory");
}

static struct fault port_out(uint16_t port, unsigned size, uint32_t val)
{
    if (size == 1)
        return EXPECT_FAULT("outb %b0, %w1", : : "a" (val), "d" (port) : "memory");
    if (size == 2)
        return EXPECT_FAULT("outw %w0, %w1", : : "a" (val), "d" (port) : "memory");
    return EXPECT_FAULT("outl %0, %w1", : : "a" (val), "d" (port) : "memory");
}

static void run_step(const struct step *s)
{
    uint32_t val = 0;
    struct fault f = s->dir == IN ? port_in(s->port, s->size, &val) : port_out(s->port, s->size, s->val);

    if (f.happened) {
        test_failure("%s: vector %u", s->what, f.vector);
    } else if (s->dir == OUT) {
        printf("%s: done\n", s->what);
    } else {
        printf("%s: %#x\n", s->what, val);
        if (s->val != ANY && val != s->val)
            test_failure("%s: read %#x, expected %#x", s->what, val, s->val);
    }
}

static uint8_t buf[8];

/* INS and OUTS through buf: the same bytes as IN and OUT, REP moving EDI. */
static void check_string_io(void)
{
    uint32_t edi = (uint32_t)(uintptr_t)buf, ecx = 4, esi;
    uint8_t index = 0x0D, got;
    struct fault f;

    memset(buf, 0, sizeof(buf));
    port_out(0x70, 1, 0x0D);
    f = EXPECT_FAULT("insb", : "+D" (edi) : "d" (0x71) : "memory");
    if (f.happened || buf[0] != 0x80 || edi != (uint32_t)(uintptr_t)buf + 1)
        test_failure("insb from 0x71: %#x, edi +%u (fault %d)", buf[0],
                     edi - (uint32_t)(uintptr_t)buf, f.happened);
    edi = (uint32_t)(uintptr_t)buf;
    f = EXPECT_FAULT("rep insb", : "+D" (edi), "+c" (ecx) : "d" (0x80) : "memory");
    if (f.happened || ecx || edi != (uint32_t)(uintptr_t)buf + 4 || buf[0] != 0xFF || buf[3] != 0xFF)
        test_failure("rep insb x4 from 0x80: ecx %u, edi +%u, %#x..%#x (fault %d)", ecx,
                     edi - (uint32_t)(uintptr_t)buf, buf[0], buf[3], f.happened);
    esi = (uint32_t)(uintptr_t)&index;
    f = EXPECT_FAULT("outsb", : "+S" (esi) : "d" (0x70) : "memory");
    port_in(0x70, 1, &ecx);
    got = (uint8_t)ecx;
    if (f.happened || got != index || esi != (uint32_t)(uintptr_t)&index + 1)
        test_failure("outsb to 0x70: index %#x (fault %d)", got, f.happened);
    printf("insb, rep insb, outsb: the bytes IN and OUT move\n");
}

/* A fault on INS's or OUTS's memory: #PF at the INS, CR2 the address. */
static void check_string_fault(void)
{
    uint32_t edi = UNMAPPED, esi = UNMAPPED;
    struct fault f;

    f = EXPECT_FAULT("insb", : "+D" (edi) : "d" (0x80) : "memory");
    printf("insb to an unmapped page: vector %u, error code %#x, cr2 %#x\n", f.vector,
           f.error_code, f.cr2);
    if (!f.happened || f.vector != VEC_PF || f.cr2 != UNMAPPED || f.eip != fault_insn_eip ||
        f.error_code != PFEC_WRITE || edi != UNMAPPED)
        test_failure("insb to an unmapped page: vector %u ec %#x cr2 %#x eip %#x edi %#x",
                     f.vector, f.error_code, f.cr2, f.eip, edi);
    f = EXPECT_FAULT("outsb", : "+S" (esi) : "d" (0x80) : "memory");
    printf("outsb from an unmapped page: vector %u, error code %#x, cr2 %#x\n", f.vector,
           f.error_code, f.cr2);
    if (!f.happened || f.vector != VEC_PF || f.cr2 != UNMAPPED || f.error_code != 0)
        test_failure("outsb from an unmapped page: vector %u ec %#x cr2 %#x", f.vector,
                     f.error_code, f.cr2);
}

/* Ring 3 at level 3: IN is emulated on both; INS only on Xen. */
static void check_user_io(bool ringleader)
{
    struct physdev_set_iopl iopl3 = { 3 };
    struct fault f;

    expect_rc("set_iopl(3)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &iopl3), 0);
    f = exec_user(user_in);
    if (f.vector != SYSCALL_VECTOR)
        test_failure("inb from ring 3 at level 3: vector %u", f.vector);
    if (!ringleader)
        return;
    f = exec_user(user_insb);
    printf("insb from ring 3 at level 3: vector %u\n", f.vector);
    if (f.vector != 13)
        test_failure("insb from ring 3 at level 3: vector %u, expected #GP", f.vector);
}

void test_main(void)
{
    struct physdev_set_iopl iopl1 = { 1 };
    bool ringleader = on_ringleader();

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    expect_rc("set_iopl(1)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &iopl1), 0);
    for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
        if (ringleader || !steps[i].ringleader_only)
            run_step(&steps[i]);
    check_string_io();
    check_string_fault();
    check_user_io(ringleader);
    test_success();
}
