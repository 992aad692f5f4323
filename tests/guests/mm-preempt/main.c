/*
 * mm-preempt: a very long mmu_update (16384 requests) is preempted and
 * continued, as Xen's are: the "batch" domain's call completes with every
 * request applied and done = 16384, while the "quick" domain, started
 * after it, gets the CPU before the batch finishes (on Ringleader, where
 * both run; on Xen the batch runs alone).
 */
#include "../lib/mm.h"

const char test_title[] = "a long mmu_update is preempted and continued";

#define REQUESTS 16384
#define TABLE_PAGE 100          /* a scratch page past the request array */

void test_main(void)
{
    char variant[8];
    struct mmu_update *reqs = (struct mmu_update *)scratch_va(0);
    pfn_t table = scratch_pfn(TABLE_PAGE);
    const pte_t *l1 = pfn_to_virt(table);
    uint32_t done = 0;

    test_variant(variant, sizeof(variant));
    if (strcmp(variant, "batch")) {
        printf("quick ran\n");
        test_success();
        return;
    }
    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    for (unsigned i = 0; i < REQUESTS; i++)
        reqs[i] = (struct mmu_update){
            (maddr_of_pfn(table) + (i % 512) * sizeof(pte_t)) | MMU_NORMAL_PT_UPDATE,
            maddr_of_pfn(scratch_pfn(TABLE_PAGE + 1 + i % 4)) | PMAP_KERNEL_RO,
        };
    printf("batch start\n");
    expect_rc("mmu_update of 16384 requests", hypercall_mmu_update(reqs, REQUESTS, &done, DOMID_SELF), 0);
    printf("batch done\n");
    expect_rc("done", done, REQUESTS);
    for (unsigned i = REQUESTS - 512; i < REQUESTS; i++)
        if (l1[i % 512] != reqs[i].val) {
            test_failure("entry %u reads %#llx", i % 512, (unsigned long long)l1[i % 512]);
            break;
        }
    expect_rc("unpin", pmap_unpin(table), 0);
    test_success();
}
