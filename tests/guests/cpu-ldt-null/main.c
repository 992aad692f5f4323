/*
 * cpu-ldt-null: with no LDT of its own, a guest has a null LDT.  Every
 * far call or jump through an LDT selector, and every load of one into a
 * data segment register, takes #GP with the selector (RPL cleared) as the
 * error code -- from ring 1 and from ring 3, whatever the guest wrote at
 * the linear addresses a reset-state LDTR (base 0, limit 0xFFFF) would
 * read.  The gates written there are call gates of every DPL, aimed at the
 * hypervisor's ring-0 code selector and at the guest's own: had the CPU
 * used them, the call would have run the ud2 at their target in ring 0
 * (or ring 1) instead of faulting.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "without an LDT of its own a guest's LDT selectors fault";

#define GATE_PAGE_VA   0x0U          /* LDT selector 0x0007: its descriptor at 0 */
#define GATE_PAGE2_VA  0x1000U       /* LDT selector 0x1007: its descriptor at 0x1000 */
#define CALL_GATE32    0xCU
#define HV_RING0_CS    0xe008U       /* what the escape aimed at */
#define VEC_GP         13U
#define NR_TARGETS     3U

/* The far pointer an indirect lcall reads: offset, then selector. */
static struct __attribute__((packed)) { uint32_t offset; uint16_t sel; } far_ptr;

void gate_target(void);
__asm__ (".pushsection .user.text, \"ax\"\n"
         "gate_target:\n\tud2\n"
         ".popsection");

USER_ASM(user_lcall, "lcall $0x1007, $0\n\tud2");
USER_ASM(user_ljmp, "ljmp $0x1007, $0\n\tud2");
USER_ASM(user_load_es, "movw $0x1007, %ax\n\tmovw %ax, %es\n\tud2");

static uint64_t call_gate(uint16_t sel, uint32_t offset, unsigned dpl)
{
    uint32_t lo = (offset & 0xFFFFU) | (uint32_t)sel << 16;
    uint32_t hi = (offset & 0xFFFF0000U) | 1U << 15 | dpl << 13 | CALL_GATE32 << 8;

    return (uint64_t)hi << 32 | lo;
}

static void expect_gp(const char *what, struct fault f, uint32_t ec, unsigned ring)
{
    if (!f.happened || f.vector != VEC_GP || f.error_code != ec || (f.cs & 3) != ring)
        test_failure("%s: vector %u ec %#x cs %#x happened %d (expected #GP %#x from ring %u)",
                     what, f.vector, f.error_code, f.cs, f.happened, ec, ring);
}

/* Fill both gate pages with gates of this DPL and target. */
static void write_gates(uint64_t gate)
{
    uint64_t *p = (uint64_t *)(uintptr_t)GATE_PAGE_VA, *q = (uint64_t *)(uintptr_t)GATE_PAGE2_VA;

    for (unsigned i = 0; i < PMAP_PAGE_SIZE / sizeof(uint64_t); i++)
        p[i] = q[i] = gate;
}

static void sweep(uint16_t target_cs, unsigned dpl)
{
    char what[64];

    write_gates(call_gate(target_cs, (uint32_t)(uintptr_t)gate_target, dpl));
    for (unsigned rpl = 0; rpl < 4; rpl++) {
        snprintf(what, sizeof(what), "ring 1 lcall %#x (gate %#x dpl %u)", 4 | rpl, target_cs, dpl);
        far_ptr.sel = (uint16_t)(4 | rpl);
        expect_gp(what, EXPECT_FAULT("lcall *%0", : : "m" (far_ptr) : "memory"), 4, 1);
    }
    snprintf(what, sizeof(what), "ring 1 ljmp 0x7 (gate %#x dpl %u)", target_cs, dpl);
    expect_gp(what, EXPECT_FAULT("ljmp $0x7, $0", : : : "memory"), 4, 1);
    snprintf(what, sizeof(what), "ring 3 lcall 0x1007 (gate %#x dpl %u)", target_cs, dpl);
    expect_gp(what, exec_user(user_lcall), 0x1004, 3);
    snprintf(what, sizeof(what), "ring 3 ljmp 0x1007 (gate %#x dpl %u)", target_cs, dpl);
    expect_gp(what, exec_user(user_ljmp), 0x1004, 3);
}

void test_main(void)
{
    static const uint16_t targets[NR_TARGETS] = { HV_RING0_CS, FLAT_RING1_CS, FLAT_RING3_CS };
    uint16_t ldtr = 0xFFFF;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    __asm__ volatile ("sldt %0" : "=r" (ldtr));
    expect_rc("LDTR", ldtr, 0);
    pmap_map(GATE_PAGE_VA, scratch_pfn(0), PMAP_KERNEL_RW | PMAP_US);
    pmap_map(GATE_PAGE2_VA, scratch_pfn(1), PMAP_KERNEL_RW | PMAP_US);
    expect_rc("map the gate pages", pmap_flush() ?: pmap_flush_tlb(), 0);
    for (unsigned t = 0; t < NR_TARGETS; t++)
        for (unsigned dpl = 0; dpl < 4; dpl++)
            sweep(targets[t], dpl);
    printf("%u far transfers through LDT call gates: all #GP\n",
           NR_TARGETS * 4 * 7);
    write_gates(0x00CFF2000000FFFFULL);     /* a flat ring-3 data segment */
    expect_gp("ring 1 mov 0x7 to %es", EXPECT_FAULT("movw $7, %%ax\n\tmovw %%ax, %%es",
              : : : "eax", "memory"), 4, 1);
    expect_gp("ring 3 mov 0x1007 to %es", exec_user(user_load_es), 0x1004, 3);
    test_success();
}
