/*
 * abi-machphys: where the read-only M2P is.  XENMEM_machphys_mapping gives
 * its virtual range (starting at MACH2PHYS_VIRT_START) and the highest MFN
 * it covers, which must cover this domain's frames, and the table read
 * there must map them back; XENMEM_machphys_mfn_list lists the frames
 * holding it, one per 2 MiB, never more than asked for.
 */
#include "../lib/expect.h"

const char test_title[] = "memory_op describes the read-only M2P as Xen does";

#define MAX_EXTENTS 4

void test_main(void)
{
    struct xen_machphys_mapping map;
    xen_pfn_t mfns[MAX_EXTENTS + 1];
    struct xen_machphys_mfn_list list = { MAX_EXTENTS, (uint32_t)(uintptr_t)mfns, 0 };
    const uint32_t *p2m = (const uint32_t *)(uintptr_t)start_info->mfn_list;

    expect_rc("machphys_mapping", hypercall_memory_op(XENMEM_machphys_mapping, &map), 0);
    printf("M2P at [%#x, %#x), max_mfn %#x\n", map.v_start, map.v_end, map.max_mfn);
    if (map.v_start != MACH2PHYS_VIRT_START || map.v_end <= map.v_start)
        test_failure("M2P range [%#x, %#x)", map.v_start, map.v_end);
    for (uint32_t pfn = 0; pfn < start_info->nr_pages; pfn++) {
        const uint32_t *m2p = (const uint32_t *)(uintptr_t)map.v_start;
        if (p2m[pfn] > map.max_mfn || m2p[p2m[pfn]] != pfn) {
            test_failure("pfn %#x (mfn %#x) is not translated back", pfn, p2m[pfn]);
            break;
        }
    }
    mfns[MAX_EXTENTS] = 0xA5A5A5A5U;
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    printf("%u M2P extents, the first at mfn %#x\n", list.nr_extents, mfns[0]);
    if (list.nr_extents < 1 || list.nr_extents > MAX_EXTENTS || mfns[MAX_EXTENTS] != 0xA5A5A5A5U)
        test_failure("machphys_mfn_list wrote %u extents for room for %u",
                     list.nr_extents, MAX_EXTENTS);
    test_success();
}
