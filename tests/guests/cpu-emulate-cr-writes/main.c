/*
 * cpu-emulate-cr-writes: every emulated write to a control register, and
 * what a read returns afterwards, as Xen decides them (docs/traps.md).
 *
 *   CR0  each bit flipped in turn: only TS may change (the virtual TS);
 *        any other bit is #GP and CR0 reads as before.
 *   CR4  each bit flipped in turn: never a fault; the bits the guest
 *        controls (TSD, DE, and OSXSAVE and FSGSBASE where CPUID offers
 *        them) read back as written, every other bit as before.  TSD is
 *        real: ring 3's RDTSC becomes #GP, the kernel's is still served.
 *   CR3  its own L3 is a NEW_BASEPTR; the low bits are the high bits of
 *        the frame number (the extended-CR3 format), so PWT or PCD name a
 *        frame far above RAM: #GP, as for a data page, an L1 table and
 *        the frame after RAM.  CR3 reads as before after each refusal.
 *   CR2  written and read back; the vcpu_info copy follows.
 *   CR1, CR5-CR7 are #GP both ways, and ring 3 may touch none of them.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "control-register writes and what reads return after them, as on Xen";

#define XEN_CPUID ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e\n\tcpuid"
#define CR0_TS (1U << 3)
#define CR4_TSD (1U << 2)
#define CR4_DE (1U << 3)
#define CR4_FSGSBASE (1U << 16)
#define CR4_OSXSAVE (1U << 18)
#define CPUID1_EDX_TSC (1U << 4)
#define CPUID1_EDX_DE (1U << 2)
#define CPUID1_ECX_XSAVE (1U << 26)
#define CPUID7_EBX_FSGSBASE (1U << 0)
#define VEC_GP 13
#define CR2_MARK 0x12345678U
enum { DATA_PAGE, L1_PAGE };

#define EXIT "\n\tmovl $0xE1E1, %eax\n\tint $0x80"
USER_ASM(user_rdtsc, "rdtsc" EXIT);
USER_ASM(user_read_cr0, "movl %cr0, %eax" EXIT);

static uint32_t read_cr(unsigned cr)
{
    uint32_t v = 0;

    switch (cr) {
    case 0: EXPECT_FAULT("mov %%cr0, %0", : "=r" (v) : : "memory"); break;
    case 2: EXPECT_FAULT("mov %%cr2, %0", : "=r" (v) : : "memory"); break;
    case 3: EXPECT_FAULT("mov %%cr3, %0", : "=r" (v) : : "memory"); break;
    default: EXPECT_FAULT("mov %%cr4, %0", : "=r" (v) : : "memory"); break;
    }
    return v;
}

/* Write a control register; true if emulated, false on #GP. */
static bool write_cr(unsigned cr, uint32_t v)
{
    struct fault f;

    switch (cr) {
    case 0: f = EXPECT_FAULT("mov %0, %%cr0", : : "r" (v) : "memory"); break;
    case 2: f = EXPECT_FAULT("mov %0, %%cr2", : : "r" (v) : "memory"); break;
    case 3: f = EXPECT_FAULT("mov %0, %%cr3", : : "r" (v) : "memory"); break;
    default: f = EXPECT_FAULT("mov %0, %%cr4", : : "r" (v) : "memory"); break;
    }
    if (f.happened && f.vector != VEC_GP)
        test_failure("mov to cr%u of %#x: vector %u", cr, v, f.vector);
    return !f.happened;
}

static void expect_write(const char *what, unsigned cr, uint32_t val, bool want_done, uint32_t want_after)
{
    bool done = write_cr(cr, val);
    uint32_t after = read_cr(cr);

    printf("%s: %s, reads %#x\n", what, done ? "emulated" : "#GP", after);
    if (done != want_done || after != want_after)
        test_failure("%s: %s, reads %#x; expected %s, %#x", what, done ? "emulated" : "#GP", after,
                     want_done ? "emulated" : "#GP", want_after);
}

static void check_cr0(void)
{
    uint32_t cr0 = read_cr(0);
    char what[48];

    expect_write("cr0 written as read", 0, cr0, true, cr0);
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t flipped = cr0 ^ (1U << bit);
        bool ts = (1U << bit) == CR0_TS;
        snprintf(what, sizeof(what), "cr0 bit %u flipped", bit);
        expect_write(what, 0, flipped, ts, ts ? flipped : cr0);
        if (ts)
            write_cr(0, cr0);
    }
}

static void xen_cpuid(uint32_t leaf, uint32_t regs[4])
{
    EXPECT_FAULT(XEN_CPUID, : "=a" (regs[0]), "=b" (regs[1]), "=c" (regs[2]), "=d" (regs[3])
                 : "a" (leaf), "c" (0) : "memory");
}

/* The CR4 bits a PV guest controls, where its CPUID offers the feature. */
static uint32_t cr4_guest_bits(void)
{
    uint32_t l0[4], l1[4], l7[4] = { 0 }, bits = 0;

    xen_cpuid(0, l0);
    xen_cpuid(1, l1);
    if (l0[0] >= 7)
        xen_cpuid(7, l7);
    bits |= l1[3] & CPUID1_EDX_TSC ? CR4_TSD : 0;
    bits |= l1[3] & CPUID1_EDX_DE ? CR4_DE : 0;
    bits |= l1[2] & CPUID1_ECX_XSAVE ? CR4_OSXSAVE : 0;
    bits |= l7[1] & CPUID7_EBX_FSGSBASE ? CR4_FSGSBASE : 0;
    return bits;
}

/* With CR4.TSD, RDTSC is #GP in ring 3 and still served in ring 1. */
static void check_tsd(uint32_t cr4)
{
    uint32_t lo = 0, hi = 0;
    struct fault f;

    write_cr(4, cr4 | CR4_TSD);
    f = exec_user(user_rdtsc);
    printf("rdtsc in ring 3 under CR4.TSD: vector %u\n", f.vector);
    if (f.vector != VEC_GP)
        test_failure("rdtsc in ring 3 under CR4.TSD: vector %u, expected #GP", f.vector);
    f = EXPECT_FAULT("rdtsc", : "=a" (lo), "=d" (hi) : : "memory");
    if (f.happened || (lo == 0 && hi == 0))
        test_failure("rdtsc in ring 1 under CR4.TSD: fault %d, %#x:%#x", f.happened, hi, lo);
    write_cr(4, cr4);
    f = exec_user(user_rdtsc);
    if (f.vector != SYSCALL_VECTOR)
        test_failure("rdtsc in ring 3 without CR4.TSD: vector %u", f.vector);
}

static void check_cr4(void)
{
    uint32_t cr4 = read_cr(4), guest = cr4_guest_bits();
    char what[48];

    printf("cr4 %#x; the guest's bits %#x\n", cr4, guest);
    if (cr4 & guest)
        test_failure("cr4 starts with guest bits %#x set", cr4 & guest);
    for (unsigned bit = 0; bit < 32; bit++) {
        uint32_t flipped = cr4 ^ (1U << bit);
        bool own = guest & (1U << bit);
        snprintf(what, sizeof(what), "cr4 bit %u flipped", bit);
        expect_write(what, 4, flipped, true, own ? flipped : cr4);
        write_cr(4, cr4);
    }
    if (guest & CR4_TSD)
        check_tsd(cr4);
}

static void check_cr3(void)
{
    uint32_t cr3 = read_cr(3), ram_top = (uint32_t)hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    const struct { const char *what; uint32_t val; bool done; } cases[] = {
        { "cr3 its own L3", cr3, true },
        { "cr3 its own L3 + PWT", cr3 | 0x8, false },
        { "cr3 its own L3 + PCD", cr3 | 0x10, false },
        { "cr3 its own L3 + bit 0", cr3 | 0x1, false },
        { "cr3 its own L3 + bits 5-11", cr3 | 0xFE0, false },
        { "cr3 a data page", (uint32_t)pfn_to_maddr(scratch_pfn(DATA_PAGE)), false },
        { "cr3 a pinned L1", (uint32_t)pfn_to_maddr(scratch_pfn(L1_PAGE)), false },
        { "cr3 the frame after RAM", ram_top << 12, false },
        { "cr3 0", 0, false },
    };

    expect_rc("make and pin an L1", pmap_make_table(scratch_pfn(L1_PAGE)) ?:
              pmap_pin(scratch_pfn(L1_PAGE), 1), 0);
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        expect_write(cases[i].what, 3, cases[i].val, cases[i].done, cr3);
}

static void check_cr2(void)
{
    expect_write("cr2 written", 2, CR2_MARK, true, CR2_MARK);
    expect_rc("vcpu_info's cr2 after it", shared->vcpu_info[0].arch.cr2, CR2_MARK);
}

/* CR1 and CR5-CR7 do not exist; ring 3 may use no control register. */
static void check_refused(void)
{
    uint32_t v = 0;
    struct fault f[] = {
        EXPECT_FAULT("mov %%cr1, %0", : "=r" (v) : : "memory"),
        EXPECT_FAULT("mov %0, %%cr1", : : "r" (v) : "memory"),
        EXPECT_FAULT("mov %%cr5, %0", : "=r" (v) : : "memory"),
        EXPECT_FAULT("mov %0, %%cr6", : : "r" (v) : "memory"),
        EXPECT_FAULT("mov %%cr7, %0", : "=r" (v) : : "memory"),
        exec_user(user_read_cr0),
    };

    for (unsigned i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
        printf("refused move %u: vector %u\n", i, f[i].vector);
        if (!f[i].happened || f[i].vector != VEC_GP)
            test_failure("refused move %u: vector %u (happened %d), expected #GP", i, f[i].vector,
                         f[i].happened);
    }
}

void test_main(void)
{
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    check_cr0();
    check_cr4();
    check_cr3();
    check_cr2();
    check_refused();
    test_success();
}
