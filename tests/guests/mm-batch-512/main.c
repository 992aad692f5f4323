/*
 * mm-batch-512: one mmu_update call with 512 requests fills a whole L1
 * (a pinned, unhooked table): all are applied, done = 512, and every
 * entry reads back as written.
 */
#include "../lib/mm.h"

const char test_title[] = "a batch of 512 page-table updates";

#define BATCH 512
#define TARGETS 8

static struct mmu_update reqs[BATCH];

void test_main(void)
{
    pfn_t table = scratch_pfn(0);
    const pte_t *l1 = pfn_to_virt(table);
    uint32_t done = 0;

    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    for (unsigned i = 0; i < BATCH; i++)
        reqs[i] = (struct mmu_update){
            (pfn_to_maddr(table) + i * sizeof(pte_t)) | MMU_NORMAL_PT_UPDATE,
            pfn_to_maddr(scratch_pfn(1 + i % TARGETS)) | PMAP_KERNEL_RO,
        };
    expect_rc("mmu_update of 512 entries", hypercall_mmu_update(reqs, BATCH, &done, DOMID_SELF), 0);
    expect_rc("done", done, BATCH);
    for (unsigned i = 0; i < BATCH; i++)
        if (l1[i] != reqs[i].val) {
            test_failure("entry %u reads %#llx", i, (unsigned long long)l1[i]);
            break;
        }
    expect_rc("unpin", pmap_unpin(table), 0);
    test_success();
}
