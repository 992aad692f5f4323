/*
 * mm-m2p: the machine-to-phys table.  Every frame of the domain maps back
 * to its pseudo-physical frame; MMU_MACHPHYS_UPDATE changes the entry of
 * one of the domain's frames (and the read-only M2P shows it at once),
 * but not of a frame the domain does not own.
 */
#include "../lib/mm.h"

const char test_title[] = "read and update the machine-to-phys table";

#define FAKE_PFN 0x12345U

static long machphys_update(mfn_t mfn, pfn_t pfn)
{
    struct mmu_update req = { mfn_to_maddr(mfn) | MMU_MACHPHYS_UPDATE, pfn_x(pfn) };

    return hypercall_mmu_update(&req, 1, NULL, DOMID_SELF);
}

void test_main(void)
{
    pfn_t pfn = scratch_pfn(0);
    mfn_t mfn = pfn_to_mfn(pfn);
    xen_pfn_t m2p_frame;
    struct xen_machphys_mfn_list list = { 1, (uint32_t)(uintptr_t)&m2p_frame, 0 };

    for (uint32_t p = 0; p < start_info->nr_pages; p++)
        if (pfn_x(mfn_to_pfn(pfn_to_mfn(_pfn(p)))) != p) {
            test_failure("pfn %#x does not map back", p);
            break;
        }
    expect_rc("MMU_MACHPHYS_UPDATE of an own frame", machphys_update(mfn, _pfn(FAKE_PFN)), 0);
    if (pfn_x(mfn_to_pfn(mfn)) != FAKE_PFN)
        test_failure("the M2P reads %#x after the update", pfn_x(mfn_to_pfn(mfn)));
    expect_rc("MMU_MACHPHYS_UPDATE back", machphys_update(mfn, pfn), 0);
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    expect_rc("MMU_MACHPHYS_UPDATE of the M2P's own frame",
              machphys_update(_mfn(m2p_frame), _pfn(0)), -XEN_EINVAL);
    test_success();
}
