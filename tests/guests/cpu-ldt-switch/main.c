/*
 * cpu-ldt-switch: two domains, each with an LDT of its own whose data
 * segment covers a word holding the domain's own mark, take turns on the
 * CPU.  Their descriptors differ (domain "a" covers slots[0], "b" covers
 * slots[1], and each holds a decoy in the other slot), so reading through
 * the other domain's LDT would show the decoy.  Each keeps %es on its LDT selector across every yield -- the
 * hypervisor reloads %es on the way back, from whichever LDT is loaded --
 * and must always read its own mark: the LDT (LDTR and the pages behind
 * it) is switched with the vCPU.
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "each domain's LDT is switched in with it";

#define SEL_DATA   0x0D              /* entry 1, TI, RPL 1 */
#define ACC_DATA_DPL1 0xB2
#define FLAGS_32   0x4
#define ROUNDS     200

#define DECOY 0xDEC0DEU

static uint32_t slots[2];

static uint64_t data_seg(uint32_t base, uint32_t limit)
{
    uint32_t lo = (limit & 0xFFFFU) | base << 16;
    uint32_t hi = (base >> 16 & 0xFFU) | ACC_DATA_DPL1 << 8 | (limit & 0xF0000U) |
                  FLAGS_32 << 20 | (base & 0xFF000000U);

    return (uint64_t)hi << 32 | lo;
}

/* Yield with %es on the LDT selector; what %es:0 holds afterwards. */
static uint32_t yield_holding_es(void)
{
    uint32_t word;
    long rc = HYPERCALL_HOLDING_ES(SEL_DATA, __HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0, word);

    if (rc)
        test_failure("yield returned %ld", rc);
    return word;
}

void test_main(void)
{
    uint64_t *ldt = (uint64_t *)scratch_va(0);
    uint32_t va = (uint32_t)(uintptr_t)ldt;
    char variant[16];
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = va, .arg2.nr_ents = 2 };

    unsigned mine;
    uint32_t mark;

    test_variant(variant, sizeof(variant));
    mine = variant[0] == 'b';
    mark = 0x4C440000U | (uint8_t)variant[0];
    slots[mine] = mark;
    slots[!mine] = DECOY;
    memset(ldt, 0, PMAP_PAGE_SIZE);
    ldt[1] = data_seg((uint32_t)(uintptr_t)&slots[mine], sizeof(slots[0]) - 1);
    expect_rc("map the LDT page read-only", mmu_update_one(pmap_l1e_maddr(va),
              pfn_to_maddr(scratch_pfn(0)) | PMAP_KERNEL_RO), 0);
    expect_rc("flush", pmap_flush_tlb(), 0);
    expect_rc("SET_LDT", hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF), 0);
    for (unsigned round = 0; round < ROUNDS; round++) {
        uint32_t seen = yield_holding_es();
        if (seen != mark) {
            test_failure("%s: round %u read %#x through its LDT, its mark is %#x",
                         variant, round, seen, mark);
            break;
        }
    }
    printf("%s: %u rounds, always its own LDT\n", variant, ROUNDS);
    test_success();
}
