/*
 * mm-multicall: a multicall runs each entry as its own hypercall and
 * writes each result back: two update_va_mapping calls and one bad
 * mmu_update in one trap, then a check that both mappings took effect.
 */
#include "../lib/mm.h"

const char test_title[] = "multicall runs a batch of hypercalls";

enum { A, B, SLOT1, SLOT2 };

void test_main(void)
{
    uint32_t s1 = (uint32_t)(uintptr_t)scratch_va(SLOT1), s2 = (uint32_t)(uintptr_t)scratch_va(SLOT2);
    uint64_t a = pfn_to_maddr(scratch_pfn(A)) | PMAP_KERNEL_RW;
    uint64_t b = pfn_to_maddr(scratch_pfn(B)) | PMAP_KERNEL_RW;
    struct multicall_entry calls[3] = {
        { .op = __HYPERVISOR_update_va_mapping, .args = { s1, (uint32_t)a, 0, UVMF_INVLPG } },
        { .op = __HYPERVISOR_update_va_mapping, .args = { s2, (uint32_t)b, 0, UVMF_INVLPG } },
        { .op = __HYPERVISOR_mmu_update, .args = { MACH2PHYS_VIRT_END, 1, 0, DOMID_SELF } },
    };

    fill_page(scratch_va(A), 0xA0A0A0A0);
    fill_page(scratch_va(B), 0xB0B0B0B0);
    expect_rc("multicall", hypercall_multicall(calls, 3), 0);
    expect_rc("result of the first call", calls[0].result, 0);
    expect_rc("result of the second call", calls[1].result, 0);
    expect_rc("result of the bad call", calls[2].result, -XEN_EFAULT);
    if (*(volatile uint32_t *)(uintptr_t)s1 != 0xA0A0A0A0 ||
        *(volatile uint32_t *)(uintptr_t)s2 != 0xB0B0B0B0)
        test_failure("the mappings made by the multicall are not in effect");
    test_success();
}
