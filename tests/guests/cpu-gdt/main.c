/*
 * cpu-gdt: a guest's own GDT.  set_gdt takes frames the guest has mapped
 * read-only, checks every descriptor (a segment reaching the hypervisor
 * is cut back to end below it) and makes them descriptor pages, which
 * then cannot be mapped writable; update_descriptor turns a DPL-0 segment
 * into a DPL-1 one, as Xen does; the guest can load its own selectors.
 * (The cut-back is native 32-bit Xen's: 64-bit Xen lives above 4 GiB and
 * leaves the limit alone, so that check is Ringleader's only.)
 */
#include "../lib/mm.h"

const char test_title[] = "set_gdt and update_descriptor check the guest's descriptors";

enum { GDT, OTHER };
#define DATA_FLAT_DPL1  0x00CFB2000000FFFFULL   /* base 0, 4 GiB, data RW, DPL 1 */
#define DATA_DPL1_SMALL 0x0040B2000000FFFFULL   /* base 0, 64 KiB, data RW, DPL 1 */
#define CODE_DPL0       0x00409A000000FFFFULL   /* ring-0 code, 64 KiB: made DPL 1 */
#define SEL(i) ((i) << 3 | 1)

static uint32_t lsl(uint16_t sel)
{
    uint32_t limit = 0;

    __asm__ ("lsl %1, %0" : "+r" (limit) : "r" ((uint32_t)sel) : "cc");
    return limit;
}

void test_main(void)
{
    uint64_t *gdt = (uint64_t *)scratch_va(GDT);
    uint32_t va = (uint32_t)(uintptr_t)gdt;
    xen_pfn_t frame = mfn_x(pfn_to_mfn(scratch_pfn(GDT)));
    xen_pfn_t other = mfn_x(pfn_to_mfn(scratch_pfn(OTHER)));
    uint64_t entry3 = pfn_to_maddr(scratch_pfn(GDT)) + 3 * sizeof(uint64_t);
    uint16_t ds;

    memset(gdt, 0, PMAP_PAGE_SIZE);
    gdt[1] = DATA_FLAT_DPL1;
    pmap_map(va, scratch_pfn(GDT), PMAP_KERNEL_RO);
    expect_rc("map the GDT page read-only", pmap_flush() ?: pmap_flush_tlb(), 0);
    expect_rc("set_gdt with a writable frame", hypercall_set_gdt(&other, 2), -XEN_EINVAL);
    expect_rc("set_gdt with too many entries", hypercall_set_gdt(&frame, FIRST_RESERVED_GDT_ENTRY + 1),
              -XEN_EINVAL);
    expect_rc("set_gdt with an unreadable frame list",
              hypercall_set_gdt((const xen_pfn_t *)(uintptr_t)MACH2PHYS_VIRT_END, 1), -XEN_EFAULT);
    {
        xen_pfn_t good_then_bad[2] = { frame, other };
        expect_rc("set_gdt with a good frame, then a writable one",
                  hypercall_set_gdt(good_then_bad, 1024), -XEN_EINVAL);
    }
    expect_rc("set_gdt", hypercall_set_gdt(&frame, 4), 0);
    if (on_ringleader() && lsl(SEL(1)) >= GUEST_SEGMENT_MAX_ADDR)
        test_failure("a 4 GiB guest segment kept limit %#x", lsl(SEL(1)));
    printf("4 GiB data segment: limit now %#x\n", lsl(SEL(1)));
    __asm__ volatile ("mov %%ds, %0\n\tmov %1, %%ds\n\tmov %0, %%ds" : "=&r" (ds) : "r" (SEL(1)));
    expect_rc("map the GDT page writable", mmu_update_one(pmap_l1e_maddr(va),
              pfn_to_maddr(scratch_pfn(GDT)) | PMAP_KERNEL_RW), -XEN_EBUSY);
    expect_rc("update_descriptor with ring-0 code",
              hypercall_update_descriptor(entry3, CODE_DPL0), 0);
    expect_rc("its DPL, read back", (gdt[3] >> 45) & 3, 1);
    expect_rc("update_descriptor with ring-1 data",
              hypercall_update_descriptor(entry3, DATA_DPL1_SMALL), 0);
    expect_rc("the new descriptor's limit", lsl(SEL(3)), 0xFFFF);
    expect_rc("drop the GDT", hypercall_set_gdt(NULL, 0), 0);
    expect_rc("map the page writable again", mmu_update_one(pmap_l1e_maddr(va),
              pfn_to_maddr(scratch_pfn(GDT)) | PMAP_KERNEL_RW), 0);
    test_success();
}
