/*
 * mm-map-unmap: map, unmap and remap a virtual page, with mmu_update and
 * with update_va_mapping: an alias sees the frame it is pointed at, an
 * unmapped entry reads back as 0, and a remap restores the original.
 */
#include "../lib/mm.h"

const char test_title[] = "map, unmap and remap a page";

enum { PAGE_A, PAGE_B, SLOT };

static void expect_word(const char *what, uint32_t va, uint32_t want)
{
    uint32_t got = *(volatile uint32_t *)(uintptr_t)va;

    if (got != want)
        test_failure("%s: read %#x, expected %#x", what, got, want);
}

void test_main(void)
{
    uint32_t slot = (uint32_t)(uintptr_t)scratch_va(SLOT);

    fill_page(scratch_va(PAGE_A), 0xAAAAAAAA);
    fill_page(scratch_va(PAGE_B), 0xBBBBBBBB);
    fill_page(scratch_va(SLOT), 0xCCCCCCCC);

    pmap_map(slot, scratch_pfn(PAGE_A), PMAP_KERNEL_RW);
    expect_rc("mmu_update: map page A at the slot", pmap_flush(), 0);
    expect_rc("TLB flush", pmap_flush_tlb(), 0);
    expect_word("the slot after mapping A", slot, 0xAAAAAAAA);
    *(volatile uint32_t *)(uintptr_t)slot = 0x12345678;
    expect_word("page A after writing through the alias", (uint32_t)(uintptr_t)scratch_va(PAGE_A),
                0x12345678);

    expect_rc("update_va_mapping: map page B at the slot",
              hypercall_update_va_mapping(slot, pfn_to_maddr(scratch_pfn(PAGE_B)) | PMAP_KERNEL_RW,
                                          UVMF_INVLPG), 0);
    expect_word("the slot after mapping B", slot, 0xBBBBBBBB);

    expect_rc("update_va_mapping: unmap the slot", hypercall_update_va_mapping(slot, 0, UVMF_INVLPG), 0);
    if (l1e_of(slot) != 0)
        test_failure("the unmapped entry reads %#llx", (unsigned long long)l1e_of(slot));

    pmap_map(slot, scratch_pfn(SLOT), PMAP_KERNEL_RW);
    expect_rc("mmu_update: remap the slot's own page", pmap_flush(), 0);
    expect_rc("TLB flush", pmap_flush_tlb(), 0);
    expect_word("the slot after remapping", slot, 0xCCCCCCCC);
    test_success();
}
