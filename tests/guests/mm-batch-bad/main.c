/*
 * mm-batch-bad: a batch whose request 100 is bad (it maps a frame the
 * domain does not own: the M2P's) stops there: requests 0-99 are applied,
 * done = 100, request 100 and everything after it leave their entries
 * untouched, and the error is returned.
 */
#include "../lib/mm.h"

const char test_title[] = "a batch stops at its first bad request";

#define BATCH 512
#define BAD 100

static struct mmu_update reqs[BATCH];

void test_main(void)
{
    pfn_t table = scratch_pfn(0);
    const pte_t *l1 = pfn_to_virt(table);
    uint32_t done = 0;
    xen_pfn_t m2p_frame;
    struct xen_machphys_mfn_list list = { 1, (uint32_t)(uintptr_t)&m2p_frame, 0 };

    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    for (unsigned i = 0; i < BATCH; i++)
        reqs[i] = (struct mmu_update){
            (pfn_to_maddr(table) + i * sizeof(pte_t)) | MMU_NORMAL_PT_UPDATE,
            (i == BAD ? (uint64_t)m2p_frame * PMAP_PAGE_SIZE : pfn_to_maddr(scratch_pfn(1))) |
                PMAP_KERNEL_RO,
        };
    expect_rc("the batch", hypercall_mmu_update(reqs, BATCH, &done, DOMID_SELF), -XEN_EBUSY);
    expect_rc("done", done, BAD);
    for (unsigned i = 0; i < BATCH; i++)
        if (l1[i] != (i < BAD ? reqs[i].val : 0)) {
            test_failure("entry %u reads %#llx", i, (unsigned long long)l1[i]);
            break;
        }
    expect_rc("unpin", pmap_unpin(table), 0);
    test_success();
}
