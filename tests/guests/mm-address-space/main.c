/*
 * mm-address-space: build a second address space and switch to it.  Its
 * L3 shares the kernel's L2 for slot 0 (so the code keeps running), has
 * its own L2 for slot 3 (the hypervisor fills its slots) and maps one
 * page at 1 GiB that the first address space does not have.  Pinning the
 * L3 validates the whole tree; NEW_BASEPTR switches, and back.
 */
#include "../lib/mm.h"

const char test_title[] = "build and switch to a second address space";

enum { L3, L2_HV, L2_1G, L1_1G, DATA };
#define VA_1G 0x40000000U
#define PATTERN 0x5EC0D5A5U

/* Fill a new table's page while it is still writable, then protect it. */
static void make_table(unsigned page, const pte_t *entries, unsigned n)
{
    pte_t *t = (pte_t *)scratch_va(page);

    memset(t, 0, PMAP_PAGE_SIZE);
    for (unsigned i = 0; i < n; i++)
        t[i] = entries[i];
    pmap_map((uint32_t)(uintptr_t)t, scratch_pfn(page), PMAP_KERNEL_RO);
}

void test_main(void)
{
    const pte_t *cur_l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    pfn_t old_l3 = virt_to_pfn(cur_l3);
    pte_t l1[1] = { pfn_to_maddr(scratch_pfn(DATA)) | PMAP_KERNEL_RW };
    pte_t l2[1] = { pfn_to_maddr(scratch_pfn(L1_1G)) | PMAP_TABLE };
    pte_t l3[4] = { cur_l3[0], pfn_to_maddr(scratch_pfn(L2_1G)) | PMAP_L3E, 0,
                    pfn_to_maddr(scratch_pfn(L2_HV)) | PMAP_L3E };

    fill_page(scratch_va(DATA), PATTERN);
    make_table(L1_1G, l1, 1);
    make_table(L2_1G, l2, 1);
    make_table(L2_HV, NULL, 0);
    make_table(L3, l3, 4);
    expect_rc("protecting the new tables", pmap_flush(), 0);
    expect_rc("pin the new L3 (validates the tree)", pmap_pin(scratch_pfn(L3), 3), 0);
    expect_rc("switch to the new address space", pmap_switch(scratch_pfn(L3)), 0);
    if (*(volatile uint32_t *)(uintptr_t)VA_1G != PATTERN)
        test_failure("1 GiB does not show the new space's page");
    else
        printf("running in the second address space; 1 GiB holds %#x\n", PATTERN);
    expect_rc("switch back", pmap_switch(old_l3), 0);
    expect_rc("unpin the second L3", pmap_unpin(scratch_pfn(L3)), 0);
    test_success();
}
