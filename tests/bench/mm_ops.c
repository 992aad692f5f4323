/*
 * mm_ops.c - single operations of the memory hypercalls: the null
 * hypercall, an empty mmu_update, mmuext_op's flushes, pinning and
 * unpinning an empty table of each level, and switching between two
 * address spaces that are both pinned (so no switch validates anything).
 */
#include "bench.h"

static void null_hypercall(const void *arg, bool dry)
{
    (void)arg;
    if (!dry)
        bench_check("xen_version", hypercall_xen_version(XENVER_version, NULL));
}

/* arg: an array mmu_update must not read. */
static void empty_mmu_update(const void *arg, bool dry)
{
    if (!dry)
        bench_check("mmu_update of 0 requests", hypercall_mmu_update(arg, 0, NULL, DOMID_SELF));
}

/* arg: one mmuext_op. */
static void mmuext(const void *arg, bool dry)
{
    if (!dry)
        bench_check("mmuext_op", hypercall_mmuext_op(arg, 1, NULL, DOMID_SELF));
}

static struct mmu_update no_requests[1];
static struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
static struct mmuext_op invlpg = { .cmd = MMUEXT_INVLPG_LOCAL };
static struct mmuext_op pin[3], unpin[3], to_second, to_first;

static void measure_ops(void)
{
    const struct group groups[] = {
        { { "null-hypercall" }, 1, PER_OP, op_rounds, OPS({ null_hypercall, NULL }) },
        { { "mmu_update-count0" }, 0, PER_OP, op_rounds, OPS({ empty_mmu_update, no_requests }) },
        { { "mmuext-tlb-flush" }, 1, PER_OP, op_rounds, OPS({ mmuext, &flush }) },
        { { "mmuext-invlpg" }, 1, PER_OP, op_rounds, OPS({ mmuext, &invlpg }) },
        { { "pin-l1", "unpin-l1" }, 1, PER_OP, op_rounds,
          OPS({ mmuext, &pin[0] }, { mmuext, &unpin[0] }) },
        { { "pin-l2", "unpin-l2" }, 1, PER_OP, op_rounds,
          OPS({ mmuext, &pin[1] }, { mmuext, &unpin[1] }) },
        { { "pin-l3", "unpin-l3" }, 1, PER_OP, op_rounds,
          OPS({ mmuext, &pin[2] }, { mmuext, &unpin[2] }) },
        { { "new-baseptr", "new-baseptr-back" }, 1, PER_OP, op_rounds,
          OPS({ mmuext, &to_second }, { mmuext, &to_first }) },
    };

    for (unsigned i = 0; i < ARRAY_SIZE(groups); i++)
        measure(&groups[i]);
}

static void set_ext(struct mmuext_op *op, uint32_t cmd, unsigned page)
{
    *op = (struct mmuext_op){ .cmd = cmd, .arg1.mfn = mfn_x(pfn_to_mfn(scratch_pfn(page))) };
}

/*
 * Empty tables to pin: an L1, an L2 and an L3 whose slot 3 is an empty L2
 * (both hypervisors refuse an L3 without one).  The second address space
 * shares the kernel's L2 under slot 0, so the code runs in both.
 */
static void tables_init(void)
{
    const pte_t *cur_l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    const pte_t pin_l3[4] = { [3] = pfn_to_maddr(scratch_pfn(SCRATCH_PIN_L3_SLOT3)) | PMAP_L3E };
    const pte_t space_l3[4] = { cur_l3[0], [3] = pfn_to_maddr(scratch_pfn(SCRATCH_SPACE_SLOT3)) |
                                PMAP_L3E };

    make_table(SCRATCH_PIN_L1, NULL, 0);
    make_table(SCRATCH_PIN_L2, NULL, 0);
    make_table(SCRATCH_PIN_L3_SLOT3, NULL, 0);
    make_table(SCRATCH_PIN_L3, pin_l3, 4);
    make_table(SCRATCH_SPACE_SLOT3, NULL, 0);
    make_table(SCRATCH_SPACE_L3, space_l3, 4);
    bench_check("making the tables", pmap_flush());
    set_ext(&pin[0], MMUEXT_PIN_L1_TABLE, SCRATCH_PIN_L1);
    set_ext(&pin[1], MMUEXT_PIN_L2_TABLE, SCRATCH_PIN_L2);
    set_ext(&pin[2], MMUEXT_PIN_L3_TABLE, SCRATCH_PIN_L3);
    set_ext(&unpin[0], MMUEXT_UNPIN_TABLE, SCRATCH_PIN_L1);
    set_ext(&unpin[1], MMUEXT_UNPIN_TABLE, SCRATCH_PIN_L2);
    set_ext(&unpin[2], MMUEXT_UNPIN_TABLE, SCRATCH_PIN_L3);
    set_ext(&to_second, MMUEXT_NEW_BASEPTR, SCRATCH_SPACE_L3);
    to_first = (struct mmuext_op){ .cmd = MMUEXT_NEW_BASEPTR,
                                   .arg1.mfn = mfn_x(pfn_to_mfn(virt_to_pfn(cur_l3))) };
    invlpg.arg1.linear_addr = (uint32_t)(uintptr_t)&cfg;
}

void bench_mm_ops(void)
{
    tables_init();
    bench_check("pin the second address space", pmap_pin(scratch_pfn(SCRATCH_SPACE_L3), 3));
    measure_ops();
    bench_check("unpin the second address space", pmap_unpin(scratch_pfn(SCRATCH_SPACE_L3)));
}
