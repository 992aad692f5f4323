/*
 * mm-hostile-map: mappings a guest must never get, each refused with
 * Xen's error and the guest still running: the M2P's frame (owned by the
 * hypervisor) writable or read-only, one of its own page tables writable,
 * another domain's frame; and on Ringleader only (docs/xen-differences.md)
 * a frame beyond RAM (Xen's dom0 may map I/O memory) and reserved bits
 * 52-62 (64-bit Xen's long-mode tables ignore them).
 */
#include "../lib/mm.h"

const char test_title[] = "hostile mappings are refused";

enum { SLOT };

/* A frame the M2P says belongs to someone else (another domain), or 0. */
static mfn_t foreign_frame(void)
{
    long max = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);

    for (uint32_t m = 0; m < (uint32_t)max; m++) {
        pfn_t p = mfn_to_pfn(_mfn(m));
        if (pfn_x(p) != 0xFFFFFFFFU &&
            (pfn_x(p) >= start_info->nr_pages || mfn_x(pfn_to_mfn(p)) != m))
            return _mfn(m);
    }
    return _mfn(0);
}

static long map_at_slot(mfn_t mfn, pte_t flags)
{
    uint32_t slot = (uint32_t)(uintptr_t)scratch_va(SLOT);

    return mmu_update_one(pmap_l1e_maddr(slot), mfn_to_maddr(mfn) | flags);
}

#define WITNESS_YIELDS 200

/* The "witness" variant: another domain whose frames the test can find,
 * alive for as long as the test needs (it yields to it 200 times). */
static void witness(void)
{
    for (int i = 0; i < WITNESS_YIELDS; i++)
        hypercall_yield();
    test_success();
}

void test_main(void)
{
    xen_pfn_t m2p_frame;
    struct xen_machphys_mfn_list list = { 1, (uint32_t)(uintptr_t)&m2p_frame, 0 };
    uint32_t slot = (uint32_t)(uintptr_t)scratch_va(SLOT);
    mfn_t own_l1 = maddr_to_mfn(pmap_l1e_maddr(slot)), foreign;
    char variant[16];

    if (!strcmp(test_variant(variant, sizeof(variant)), "witness")) {
        witness();
        return;
    }
    foreign = foreign_frame();      /* first, while the witness surely lives */
    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    expect_rc("map the M2P writable", map_at_slot(_mfn(m2p_frame), PMAP_KERNEL_RW), -XEN_EBUSY);
    expect_rc("map the M2P's frame read-only", map_at_slot(_mfn(m2p_frame), PMAP_KERNEL_RO),
              -XEN_EBUSY);
    expect_rc("map an own page table writable", map_at_slot(own_l1, PMAP_KERNEL_RW), -XEN_EBUSY);
    if (mfn_x(foreign))
        expect_rc("map another domain's frame", map_at_slot(foreign, PMAP_KERNEL_RW), -XEN_EBUSY);
    else
        printf("no other domain's frame found: that check needs a second domain\n");
    if (on_ringleader()) {
        long max = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
        expect_rc("map a frame beyond RAM", map_at_slot(_mfn((uint32_t)max + 16), PMAP_KERNEL_RW),
                  -XEN_EPERM);
        expect_rc("map with a reserved bit", map_at_slot(pfn_to_mfn(scratch_pfn(SLOT)),
                  PMAP_KERNEL_RW | PTE_RESERVED_52), -XEN_EINVAL);
    }
    if (l1e_of(slot) != (pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_KERNEL_RW) &&
        (l1e_of(slot) & ~0x60ULL) != (pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_P | PMAP_RW))
        test_failure("the slot's entry changed: %#llx", (unsigned long long)l1e_of(slot));
    test_success();
}
