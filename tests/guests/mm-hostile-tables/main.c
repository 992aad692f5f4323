/*
 * mm-hostile-tables: page-table structures a guest must never build, each
 * refused with Xen's error and the guest still running: pinning a frame
 * that is mapped writable, an L2 entry pointing at a writable frame, a
 * write into the hypervisor's L2 slots, an L3 entry with the PSE bit, a
 * change of the L3 slot that holds the hypervisor (slot 3), pinning an L3
 * without it, a
 * NEW_BASEPTR to a frame that is no L3 (a data page, an L1, the M2P).
 */
#include "../lib/mm.h"

const char test_title[] = "hostile page-table structures are refused";

enum { DATA, L2, L1, L3 };
#define HV_SLOT_INDEX 450      /* in the L2 under L3 slot 3: above 0xF5800000 */

void test_main(void)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    uint64_t hv_l2 = l3[3] & PMAP_ADDR_MASK;
    xen_pfn_t m2p_frame;
    struct xen_machphys_mfn_list list = { 1, (uint32_t)(uintptr_t)&m2p_frame, 0 };

    expect_rc("pin a frame mapped writable as an L1",
              pmap_pin(scratch_pfn(DATA), 1), -XEN_EINVAL);
    expect_rc("make and pin an L2", pmap_make_table(scratch_pfn(L2)) ?: pmap_pin(scratch_pfn(L2), 2), 0);
    expect_rc("point an L2 entry at a writable frame",
              mmu_update_one(pfn_to_maddr(scratch_pfn(L2)) + 5 * sizeof(pte_t),
                             pfn_to_maddr(scratch_pfn(DATA)) | PMAP_TABLE), -XEN_EINVAL);
    expect_rc("write a hypervisor slot", mmu_update_one(hv_l2 + HV_SLOT_INDEX * sizeof(pte_t),
              pfn_to_maddr(scratch_pfn(DATA)) | PMAP_KERNEL_RW), -XEN_EPERM);
    expect_rc("an L3 entry with the PSE bit", mmu_update_one(
              pfn_to_maddr(virt_to_pfn(l3)) + 2 * sizeof(pte_t),
              pfn_to_maddr(scratch_pfn(L2)) | PMAP_P | PMAP_PSE), -XEN_EINVAL);
    expect_rc("remove L3 slot 3 (the hypervisor's)", mmu_update_one(
              pfn_to_maddr(virt_to_pfn(l3)) + 3 * sizeof(pte_t), 0), -XEN_EINVAL);
    expect_rc("make an empty L3", pmap_make_table(scratch_pfn(L3)), 0);
    expect_rc("pin an L3 without slot 3", pmap_pin(scratch_pfn(L3), 3), -XEN_EINVAL);
    expect_rc("NEW_BASEPTR to an L3 without slot 3",
              mmuext_one(MMUEXT_NEW_BASEPTR, pfn_to_mfn(scratch_pfn(L3))), -XEN_EINVAL);
    expect_rc("NEW_BASEPTR to a data page",
              mmuext_one(MMUEXT_NEW_BASEPTR, pfn_to_mfn(scratch_pfn(DATA))), -XEN_EINVAL);
    expect_rc("make and pin an L1", pmap_make_table(scratch_pfn(L1)) ?: pmap_pin(scratch_pfn(L1), 1), 0);
    expect_rc("NEW_BASEPTR to a pinned L1",
              mmuext_one(MMUEXT_NEW_BASEPTR, pfn_to_mfn(scratch_pfn(L1))), -XEN_EINVAL);
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    expect_rc("NEW_BASEPTR to the M2P's frame", mmuext_one(MMUEXT_NEW_BASEPTR, _mfn(m2p_frame)),
              -XEN_EINVAL);
    expect_rc("unpin the L1", pmap_unpin(scratch_pfn(L1)), 0);
    expect_rc("unpin the L2", pmap_unpin(scratch_pfn(L2)), 0);
    test_success();
}
