/*
 * mm-hostile-args: bad arguments to mmu_update, answered as Xen answers
 * them: a request array in the hypervisor or unmapped (-EFAULT), an array
 * whose second request lies past the end of mapped memory (the first is
 * applied, done = 1, -EFAULT), and a count of 2^31, which Xen reads as
 * "continue a preempted call with nothing left" (0, done unchanged).
 */
#include "../lib/mm.h"

const char test_title[] = "mmu_update survives hostile arguments";

enum { DATA, EDGE };
#define UNMAPPED_VA 0x40000000U

void test_main(void)
{
    uint32_t edge = (uint32_t)(uintptr_t)scratch_va(EDGE), done = 7;
    struct mmu_update *last = (struct mmu_update *)(uintptr_t)(edge - sizeof(*last));
    uint64_t data_l1e = pmap_l1e_maddr((uint32_t)(uintptr_t)scratch_va(DATA));

    expect_rc("requests in the hypervisor", hypercall_mmu_update(
              (const struct mmu_update *)(uintptr_t)MACH2PHYS_VIRT_END, 1, NULL, DOMID_SELF),
              -XEN_EFAULT);
    expect_rc("requests at an unmapped address", hypercall_mmu_update(
              (const struct mmu_update *)(uintptr_t)UNMAPPED_VA, 1, NULL, DOMID_SELF), -XEN_EFAULT);
    expect_rc("count 2^31", hypercall_mmu_update(last, MMU_UPDATE_PREEMPTED, &done, DOMID_SELF), 0);
    expect_rc("done after count 2^31", done, 7);

    /* Unmap the page after `last`, so the second request is unreadable. */
    expect_rc("unmap the edge page", hypercall_update_va_mapping(edge, 0, UVMF_INVLPG), 0);
    *last = (struct mmu_update){ data_l1e | MMU_NORMAL_PT_UPDATE,
                                 pfn_to_maddr(scratch_pfn(DATA)) | PMAP_KERNEL_RW };
    done = 0;
    expect_rc("requests running off mapped memory",
              hypercall_mmu_update(last, 2, &done, DOMID_SELF), -XEN_EFAULT);
    expect_rc("done before the unreadable request", done, 1);
    expect_rc("remap the edge page", hypercall_update_va_mapping(edge,
              pfn_to_maddr(scratch_pfn(EDGE)) | PMAP_KERNEL_RW, UVMF_INVLPG), 0);
    test_success();
}
