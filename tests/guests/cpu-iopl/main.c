/*
 * cpu-iopl: what the virtual I/O privilege level means, in both of Xen's
 * modes (docs/abi.md, physdev_op).  Without the architectural_iopl assist the
 * kernel counts as ring 1 against the level set_iopl gives, and no frame
 * shows the level; with it the kernel counts as ring 0, an iret
 * hypercall's EFLAGS.IOPL sets the level, and every bounced frame shows
 * it.  Ring 3 counts as ring 3 in both.  The real EFLAGS.IOPL (PUSHF) is 0
 * throughout.
 *
 * Each probe runs CLI, STI, or IN or OUT on port 0x80 (a port domain 0
 * has on both hypervisors), in ring 1 or ring 3 at every level 0-3, and
 * compares #GP against the lowest level the table allows.  (On Ringleader
 * CLI also sets the upcall mask, which Xen leaves alone: the mask is reset
 * after each probe and checked by cpu-emulate-cli-sti.)
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "the virtual IOPL allows CLI, STI and port I/O by ring and mode, as on Xen";

#define EFLAGS_MBS 0x2U
#define EFLAGS_IF 0x200U
#define EFLAGS_IOPL_SHIFT 12
#define EFLAGS_IOPL (3U << EFLAGS_IOPL_SHIFT)
#define VEC_GP 13
#define VEC_BP 3
#define MODES 2

static const char *const mode_names[MODES] = { "default", "architectural" };

#define EXIT "\n\tmovl $0xE1E1, %eax\n\tint $0x80"
USER_ASM(user_cli, "cli" EXIT);
USER_ASM(user_sti, "sti" EXIT);
USER_ASM(user_in, "inb $0x80, %al" EXIT);
USER_ASM(user_out, "outb %al, $0x80" EXIT);
USER_ASM(user_int3, "int3\n\tud2");

enum insn { CLI, STI, IN, OUT, INSNS };
static const char *const insn_names[INSNS] = { "cli", "sti", "in", "out" };
static void (*const user_insns[INSNS])(void) = { user_cli, user_sti, user_in, user_out };

/* The lowest virtual IOPL that lets this ring use CLI, STI and ports. */
struct rule {
    unsigned mode, ring, lowest;
};

static const struct rule rules[] = {
    { 0, 1, 1 },        /* default: the kernel is ring 1 */
    { 0, 3, 3 },
    { 1, 1, 0 },        /* architectural: the kernel is ring 0 */
    { 1, 3, 3 },
};

static volatile uint8_t *upcall_mask;

static void set_level(unsigned level)
{
    struct physdev_set_iopl req = { level };
    long rc = hypercall_physdev_op(PHYSDEVOP_set_iopl, &req);

    if (rc)
        test_failure("set_iopl(%u) returned %ld", level, rc);
}

static void set_mode(unsigned mode)
{
    long rc = hypercall_vm_assist(mode ? VMASST_CMD_enable : VMASST_CMD_disable,
                                  VMASST_TYPE_architectural_iopl);

    if (rc)
        test_failure("vm_assist(%s architectural_iopl) returned %ld", mode ? "enable" : "disable", rc);
}

static struct fault run_in_ring1(enum insn insn)
{
    uint8_t val = 0;

    switch (insn) {
    case CLI: return EXPECT_FAULT("cli", : : : "memory");
    case STI: return EXPECT_FAULT("sti", : : : "memory");
    case IN: return EXPECT_FAULT("inb $0x80, %0", : "+a" (val) : : "memory");
    default: return EXPECT_FAULT("outb %0, $0x80", : : "a" (val) : "memory");
    }
}

/* Run one probe instruction in `ring`; true if it was emulated, false on #GP. */
static bool run_insn(unsigned ring, enum insn insn)
{
    struct fault f = ring == 3 ? exec_user(user_insns[insn]) : run_in_ring1(insn);

    *upcall_mask = 0;
    if (f.happened && f.vector != VEC_GP && f.vector != SYSCALL_VECTOR)
        test_failure("ring %u %s: vector %u", ring, insn_names[insn], f.vector);
    return !f.happened || f.vector == SYSCALL_VECTOR;
}

static void check_rule(const struct rule *r)
{
    set_mode(r->mode);
    for (unsigned level = 0; level <= 3; level++) {
        set_level(level);
        for (enum insn i = 0; i < INSNS; i++) {
            bool done = run_insn(r->ring, i), want = level >= r->lowest;
            printf("%s, ring %u, level %u: %s %s\n", mode_names[r->mode], r->ring, level,
                   insn_names[i], done ? "emulated" : "#GP");
            if (done != want)
                test_failure("%s mode, ring %u, level %u: %s %s, expected %s", mode_names[r->mode],
                             r->ring, level, insn_names[i], done ? "emulated" : "#GP",
                             want ? "emulated" : "#GP");
        }
    }
}

/* EFLAGS.IOPL of a frame bounced from `ring` (an int3). */
static unsigned frame_iopl(unsigned ring)
{
    struct fault f = ring == 3 ? exec_user(user_int3) : EXPECT_FAULT("int3", : : : "memory");

    if (!f.happened || f.vector != VEC_BP)
        test_failure("int3 from ring %u: vector %u (happened %d)", ring, f.vector, f.happened);
    return (f.eflags & EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT;
}

static unsigned pushf_iopl(void)
{
    uint32_t eflags;

    __asm__ volatile ("pushf; pop %0" : "=r" (eflags));
    return (eflags & EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT;
}

static void expect_level(const char *what, unsigned got, unsigned want)
{
    printf("%s: %u\n", what, got);
    if (got != want)
        test_failure("%s: %u, expected %u", what, got, want);
}

/* What the frames and PUSHF show at each level. */
static void check_frames(unsigned mode)
{
    char what[96];

    set_mode(mode);
    for (unsigned level = 0; level <= 3; level++) {
        set_level(level);
        for (unsigned ring = 1; ring <= 3; ring += 2) {
            snprintf(what, sizeof(what), "%s, level %u: IOPL of a frame from ring %u",
                     mode_names[mode], level, ring);
            expect_level(what, frame_iopl(ring), mode ? level : 0);
        }
        snprintf(what, sizeof(what), "%s, level %u: IOPL that pushf sees", mode_names[mode], level);
        expect_level(what, pushf_iopl(), 0);
    }
}

/* Return through HYPERVISOR_iret to the next instruction with `eflags`. */
static void iret_to_here(uint32_t eflags)
{
    __asm__ volatile ("pushl %[fl]\n\t"
                      "pushl %[cs]\n\t"
                      "pushl $1f\n\t"
                      "jmp hypercall_page + %c[offset]\n"
                      "1:"
                      : : [fl] "m" (eflags), [cs] "i" (FLAT_RING1_CS),
                        RL_HCALL_OFFSET(__HYPERVISOR_iret)
                      : "memory", "eax", "ebx", "ecx", "edx", "esi", "edi");
}

/* An iret hypercall's EFLAGS.IOPL sets the level in architectural mode
 * only; the level is then seen in frames and obeyed by ring 3. */
static void check_iret(unsigned mode)
{
    char what[96];

    set_mode(mode);
    set_level(1);
    for (unsigned iopl = 0; iopl <= 3; iopl++) {
        unsigned want = mode ? iopl : 1;
        iret_to_here(EFLAGS_MBS | EFLAGS_IF | iopl << EFLAGS_IOPL_SHIFT);
        snprintf(what, sizeof(what), "%s, level 1, iret with IOPL %u: IOPL that pushf sees",
                 mode_names[mode], iopl);
        expect_level(what, pushf_iopl(), 0);
        snprintf(what, sizeof(what), "%s, level 1, iret with IOPL %u: ring 3 cli emulated",
                 mode_names[mode], iopl);
        expect_level(what, run_insn(3, CLI), want == 3);
        if (mode) {
            snprintf(what, sizeof(what), "%s, iret with IOPL %u: IOPL of a frame from ring 1",
                     mode_names[mode], iopl);
            expect_level(what, frame_iopl(1), iopl);
        }
        set_level(1);
    }
}

void test_main(void)
{
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    upcall_mask = (volatile uint8_t *)&shared->vcpu_info[0].evtchn_upcall_mask;
    for (unsigned i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
        check_rule(&rules[i]);
    for (unsigned mode = 0; mode < MODES; mode++) {
        check_frames(mode);
        check_iret(mode);
    }
    set_mode(0);
    set_level(0);
    test_success();
}
