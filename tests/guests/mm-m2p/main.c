/*
 * mm-m2p: the machine-to-phys table.  Every frame of the domain maps back
 * to its pseudo-physical frame; MMU_MACHPHYS_UPDATE changes the entry of
 * one of the domain's frames (and the read-only M2P shows it at once),
 * but not of a frame the domain does not own.
 */
#include "../lib/mm.h"

const char test_title[] = "read and update the machine-to-phys table";

#define FAKE_PFN 0x12345U

static long machphys_update(mfn_t mfn, uint32_t pfn)
{
    struct mmu_update req = { (uint64_t)mfn * PMAP_PAGE_SIZE | MMU_MACHPHYS_UPDATE, pfn };

    return hypercall_mmu_update(&req, 1, NULL, DOMID_SELF);
}

void test_main(void)
{
    pfn_t pfn = scratch_pfn(0);
    mfn_t mfn = pfn_to_mfn(pfn);
    xen_pfn_t m2p_frame;
    struct xen_machphys_mfn_list list = { 1, (uint32_t)(uintptr_t)&m2p_frame, 0 };

    for (pfn_t p = 0; p < start_info->nr_pages; p++)
        if (mfn_to_pfn(pfn_to_mfn(p)) != p) {
            test_failure("pfn %#x does not map back", p);
            break;
        }
    expect_rc("MMU_MACHPHYS_UPDATE of an own frame", machphys_update(mfn, FAKE_PFN), 0);
    if (mfn_to_pfn(mfn) != FAKE_PFN)
        test_failure("the M2P reads %#x after the update", mfn_to_pfn(mfn));
    expect_rc("MMU_MACHPHYS_UPDATE back", machphys_update(mfn, pfn), 0);
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    expect_rc("MMU_MACHPHYS_UPDATE of the M2P's own frame", machphys_update(m2p_frame, 0),
              -XEN_EINVAL);
    test_success();
}
