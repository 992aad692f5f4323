/*
 * mm-pin-unpin: pinning validates a table and holds it; a pinned table
 * cannot be mapped writable; pinning twice or unpinning what is not
 * pinned is refused; after the unpin the frame is an ordinary page again.
 */
#include "../lib/mm.h"

const char test_title[] = "pin and unpin a page table";

enum { TABLE };

void test_main(void)
{
    uint32_t va = (uint32_t)(uintptr_t)scratch_va(TABLE);
    pfn_t pfn = scratch_pfn(TABLE);

    expect_rc("make a zeroed, read-only L1", pmap_make_table(pfn), 0);
    expect_rc("pin it as an L1", pmap_pin(pfn, 1), 0);
    expect_rc("pin it again", pmap_pin(pfn, 1), -XEN_EINVAL);
    expect_rc("map the pinned table writable", mmu_update_one(pmap_l1e_maddr(va),
              pfn_to_maddr(pfn) | PMAP_KERNEL_RW), -XEN_EBUSY);
    expect_rc("unpin it", pmap_unpin(pfn), 0);
    expect_rc("unpin it again", pmap_unpin(pfn), -XEN_EINVAL);
    expect_rc("map the unpinned page writable", mmu_update_one(pmap_l1e_maddr(va),
              pfn_to_maddr(pfn) | PMAP_KERNEL_RW), 0);
    expect_rc("TLB flush", pmap_flush_tlb(), 0);
    *(volatile uint32_t *)(uintptr_t)va = 1;        /* writable again */
    test_success();
}
