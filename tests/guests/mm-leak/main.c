/*
 * mm-leak: a domain builds many page tables -- pinned L1s full of
 * mappings, L2s pointing at them, a second L3 it switches to -- and then
 * crashes.  Taking it apart must return every frame: the hypervisor checks
 * that the free count is what it was before any domain existed.
 */
#include "../lib/mm.h"

const char test_title[] = "a crashed domain's page tables all return to the allocator";

#define L1S 24
enum { L3 = 0, L2_HV, L2, FIRST_L1, DATA = FIRST_L1 + L1S };

void test_main(void)
{
    const pte_t *cur_l3 = (const pte_t *)(uintptr_t)start_info->pt_base;

    for (unsigned i = 0; i < L1S; i++) {
        pfn_t l1 = scratch_pfn(FIRST_L1 + i);
        expect_rc("make an L1", pmap_make_table(l1), 0);
        for (unsigned e = 0; e < 512; e += 8)
            pmap_queue(pfn_to_maddr(l1) + e * sizeof(pte_t),
                       pfn_to_maddr(scratch_pfn(DATA + e % 4)) | PMAP_KERNEL_RW);
        expect_rc("fill it", pmap_flush(), 0);
        if (i % 2)
            expect_rc("pin it", pmap_pin(l1, 1), 0);
    }
    expect_rc("make an L2", pmap_make_table(scratch_pfn(L2)), 0);
    for (unsigned i = 0; i < L1S; i++)
        pmap_queue(pfn_to_maddr(scratch_pfn(L2)) + i * sizeof(pte_t),
                   pfn_to_maddr(scratch_pfn(FIRST_L1 + i)) | PMAP_TABLE);
    expect_rc("point it at the L1s", pmap_flush(), 0);
    expect_rc("make the hypervisor's L2", pmap_make_table(scratch_pfn(L2_HV)), 0);
    expect_rc("make an L3", pmap_make_table(scratch_pfn(L3)), 0);
    pmap_queue(pfn_to_maddr(scratch_pfn(L3)), cur_l3[0]);
    pmap_queue(pfn_to_maddr(scratch_pfn(L3)) + 1 * sizeof(pte_t),
               pfn_to_maddr(scratch_pfn(L2)) | PMAP_L3E);
    pmap_queue(pfn_to_maddr(scratch_pfn(L3)) + 3 * sizeof(pte_t),
               pfn_to_maddr(scratch_pfn(L2_HV)) | PMAP_L3E);
    expect_rc("fill the L3", pmap_flush(), 0);
    expect_rc("pin the L3", pmap_pin(scratch_pfn(L3), 3), 0);
    expect_rc("switch to it", pmap_switch(scratch_pfn(L3)), 0);
    printf("crashing with all of it in place\n");
    __asm__ volatile ("ud2");
    test_failure("ud2 did not stop the domain");
}
