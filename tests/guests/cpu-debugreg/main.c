/*
 * cpu-debugreg: a vCPU's debug registers, through set_debugreg and
 * get_debugreg and through the emulated MOV to and from %drN, against
 * Xen's rules: the reset values, reserved bits forced on write, GD and
 * (without CR4.DE) I/O breakpoints refused, DR4/DR5 as aliases, unknown
 * registers -ENODEV, ring 3 kept out (#GP).  Then real breakpoints: a
 * write watchpoint raises #DB in the guest after the write, DR6 saying
 * which breakpoints matched (B0-B3 add up until the guest writes DR6, as
 * on Xen 4.17),
 * and a watchpoint on a buffer the hypervisor writes for a hypercall is
 * no #DB for the guest and no harm to the hypervisor.  A breakpoint on a
 * hypervisor address is refused on Ringleader (native 32-bit Xen's rule;
 * 64-bit Xen has no hypervisor below 4 GiB to protect).
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "debug registers: Xen's rules, watchpoints, #DB and DR6";

#define DR6_DEFAULT 0xFFFF0FF0U
#define DR7_DEFAULT 0x00000400U
#define DR7_GD      (1U << 13)
#define DR7_L(n)    (1U << (2 * (n)))
#define DR7_RW(n, rw)  ((uint32_t)(rw) << (16 + 4 * (n)))
#define DR7_LEN(n, len) ((uint32_t)(len) << (18 + 4 * (n)))
#define RW_WRITE    1U
#define RW_IO       2U
#define LEN_4       3U
#define VEC_DB 1U
#define VEC_GP 13U

static volatile uint32_t watched[2];
static char version_buf[sizeof(xen_extraversion_t)] __attribute__((aligned(4)));

USER_ASM(user_mov_dr7, "movl %dr7, %eax\n\tud2");

struct set_case {
    const char *what;
    unsigned reg;
    uint32_t val;
    long rc;
    unsigned read_reg;      /* read back this register ... */
    uint32_t read_val;      /* ... expecting this (if rc is 0) */
};

static void sweep_set(void)
{
    static const struct set_case cases[] = {
        { "DR6 all zero", 6, 0, 0, 6, DR6_DEFAULT },
        { "DR6 bit 12 and B0-B3", 6, 0x100F, 0, 6, DR6_DEFAULT | 0xF },
        { "DR6 back to default", 6, DR6_DEFAULT, 0, 6, DR6_DEFAULT },
        { "DR4 (DR6 without CR4.DE)", 4, 0x4001, 0, 6, DR6_DEFAULT | 0x4001 },
        { "DR6 default again", 6, DR6_DEFAULT, 0, 4, DR6_DEFAULT },
        { "DR7 all zero", 7, 0, 0, 7, DR7_DEFAULT },
        { "DR7 reserved bits 11, 12, 14, 15", 7, 0xD800, 0, 7, DR7_DEFAULT },
        { "DR7 GD", 7, DR7_GD, -XEN_EPERM, 7, 0 },
        { "DR7 an I/O breakpoint without CR4.DE", 7, DR7_L(0) | DR7_RW(0, RW_IO),
          -XEN_EPERM, 7, 0 },
        { "DR7 an I/O breakpoint, disabled", 7, DR7_RW(0, RW_IO), 0, 5,
          DR7_DEFAULT | DR7_RW(0, RW_IO) },
        { "DR5 (DR7 without CR4.DE)", 5, 0, 0, 7, DR7_DEFAULT },
        { "DR0", 0, 0x1234, 0, 0, 0x1234 },
        { "DR3, the last guest dword", 3, HYPERVISOR_VIRT_START - 4, 0, 3,
          HYPERVISOR_VIRT_START - 4 },
        { "DR8", 8, 0, -XEN_ENODEV, 0, 0 },
        { "DR 0xFFFFFFFF", 0xFFFFFFFFU, 0, -XEN_ENODEV, 0, 0 },
    };

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct set_case *c = &cases[i];
        expect_rc(c->what, hypercall_set_debugreg(c->reg, c->val), c->rc);
        if (c->rc == 0)
            expect_rc("  read back", (long)(uint32_t)hypercall_get_debugreg(c->read_reg),
                      (long)c->read_val);
    }
    expect_rc("get DR8", hypercall_get_debugreg(8), -XEN_ENODEV);
    expect_rc("DR0 and DR3 to 0", hypercall_set_debugreg(0, 0) ?: hypercall_set_debugreg(3, 0), 0);
}

/* The emulated MOVs from ring 1 see what the hypercalls set. */
static void mov_dr(void)
{
    uint32_t v = 0;
    struct fault f;

    expect_rc("set DR1", hypercall_set_debugreg(1, 0x5678), 0);
    f = EXPECT_FAULT("movl %%dr1, %0", : "=r" (v) : : "memory");
    if (f.happened)
        test_failure("mov from %%dr1 faulted: vector %u", f.vector);
    expect_rc("mov from %dr1", v, 0x5678);
    v = 0x9ABC;
    f = EXPECT_FAULT("movl %0, %%dr2", : : "r" (v) : "memory");
    if (f.happened)
        test_failure("mov to %%dr2 faulted: vector %u", f.vector);
    expect_rc("DR2 after mov to %dr2", hypercall_get_debugreg(2), 0x9ABC);
    f = EXPECT_FAULT("movl %%dr6, %0", : "=r" (v) : : "memory");
    expect_rc("mov from %dr6", v, DR6_DEFAULT);
    v = DR7_GD;
    f = EXPECT_FAULT("movl %0, %%dr7", : : "r" (v) : "memory");
    if (!f.happened || f.vector != VEC_GP)
        test_failure("mov of GD to %%dr7: vector %u happened %d, expected #GP", f.vector,
                     f.happened);
    f = exec_user(user_mov_dr7);
    if (!f.happened || f.vector != VEC_GP || f.error_code)
        test_failure("ring 3 mov from %%dr7: vector %u ec %#x, expected #GP(0)", f.vector,
                     f.error_code);
    expect_rc("DR1 and DR2 to 0", hypercall_set_debugreg(1, 0) ?: hypercall_set_debugreg(2, 0), 0);
}

static void arm(unsigned n, uint32_t addr)
{
    expect_rc("set the watched address", hypercall_set_debugreg(n, addr), 0);
    expect_rc("enable the write watchpoint", hypercall_set_debugreg(7, DR7_L(n) |
              DR7_RW(n, RW_WRITE) | DR7_LEN(n, LEN_4)), 0);
}

static void watchpoints(void)
{
    struct fault f;

    arm(0, (uint32_t)(uintptr_t)&watched[0]);
    f = EXPECT_FAULT("movl $1, %0", : "=m" (watched[0]) : : "memory");
    if (!f.happened || f.vector != VEC_DB || f.eip == fault_insn_eip)
        test_failure("a write to the watched word: vector %u eip %#x happened %d "
                     "(expected #DB after it, not at %#x)", f.vector, f.eip, f.happened,
                     fault_insn_eip);
    expect_rc("the write was done", watched[0], 1);
    expect_rc("DR6 after breakpoint 0", (long)(uint32_t)hypercall_get_debugreg(6),
              (long)(DR6_DEFAULT | 1));
    arm(1, (uint32_t)(uintptr_t)&watched[1]);
    f = EXPECT_FAULT("movl $2, %0", : "=m" (watched[1]) : : "memory");
    if (!f.happened || f.vector != VEC_DB)
        test_failure("a write to the second watched word: vector %u happened %d",
                     f.vector, f.happened);
    expect_rc("DR6 after breakpoint 1: B0 and B1", (long)(uint32_t)hypercall_get_debugreg(6),
              (long)(DR6_DEFAULT | 3));

    /* The hypervisor writes the watched buffer: no #DB reaches the guest. */
    arm(2, (uint32_t)(uintptr_t)version_buf);
    f = EXPECT_FAULT("movl %1, %%ebx\n\t"
                     "movl %2, %%ecx\n\t"
                     RL_HCALL_STUB,
                     : "=a" (f.eflags) : "i" (XENVER_extraversion), "i" (version_buf),
                       RL_HCALL_OFFSET(__HYPERVISOR_xen_version) : "ebx", "ecx", "edx", "memory");
    if (f.happened)
        test_failure("xen_version into a watched buffer: vector %u reached the guest", f.vector);
    if (!terminated(version_buf, sizeof(version_buf)))
        test_failure("xen_version did not write the watched buffer");
    expect_rc("disable the watchpoints", hypercall_set_debugreg(7, 0) ?:
              hypercall_set_debugreg(6, DR6_DEFAULT), 0);
}

void test_main(void)
{
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    expect_rc("DR6 at start", (long)(uint32_t)hypercall_get_debugreg(6), (long)DR6_DEFAULT);
    expect_rc("DR7 at start", hypercall_get_debugreg(7), DR7_DEFAULT);
    for (unsigned n = 0; n < 4; n++)
        expect_rc("DR0-DR3 at start", hypercall_get_debugreg(n), 0);
    sweep_set();
    if (on_ringleader())
        expect_rc("DR0 on a hypervisor address", hypercall_set_debugreg(0,
                  HYPERVISOR_VIRT_START - 3), -XEN_EPERM);
    mov_dr();
    watchpoints();
    test_success();
}
