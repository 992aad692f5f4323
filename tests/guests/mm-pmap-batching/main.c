/*
 * mm-pmap-batching: the guest kernel's pmap layer queues page-table
 * updates and sends them in batches of PMAP_QUEUE_LEN; switched to one
 * update per call it makes a hypercall for each.  Both leave the same
 * entries behind.
 */
#include "../lib/mm.h"

const char test_title[] = "pmap batches page-table updates";

#define UPDATES 256

static void map_all(pfn_t table, bool batched)
{
    pmap_set_batching(batched);
    for (unsigned i = 0; i < UPDATES; i++)
        pmap_queue(pfn_to_maddr(table) + i * sizeof(pte_t),
                   pfn_to_maddr(scratch_pfn(1 + i % 8)) | PMAP_KERNEL_RO | (batched ? 0 : PMAP_D));
    expect_rc(batched ? "batched updates" : "single updates", pmap_flush(), 0);
}

void test_main(void)
{
    pfn_t table = scratch_pfn(0);
    const pte_t *l1 = pfn_to_virt(table);
    uint32_t before;

    expect_rc("make and pin an L1", pmap_make_table(table) ?: pmap_pin(table, 1), 0);
    before = pmap_hypercalls();
    map_all(table, true);
    expect_rc("hypercalls for 256 batched updates", pmap_hypercalls() - before,
              UPDATES / PMAP_QUEUE_LEN);
    before = pmap_hypercalls();
    map_all(table, false);
    expect_rc("hypercalls for 256 single updates", pmap_hypercalls() - before, UPDATES);
    for (unsigned i = 0; i < UPDATES; i++)
        if (l1[i] != (pfn_to_maddr(scratch_pfn(1 + i % 8)) | PMAP_KERNEL_RO | PMAP_D)) {
            test_failure("entry %u reads %#llx", i, (unsigned long long)l1[i]);
            break;
        }
    expect_rc("unpin", pmap_unpin(table), 0);
    test_success();
}
