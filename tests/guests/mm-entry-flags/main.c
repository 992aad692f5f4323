/*
 * mm-entry-flags: which entry bits a guest may set, level by level, as
 * Xen decides them (docs/memory.md).  Each probe writes one entry and
 * compares the result; accepted entries are written back to not-present.
 */
#include "../lib/mm.h"

const char test_title[] = "page-table entry bits are accepted or refused as on Xen";

enum { SLOT, L1, L2 };
#define BIT(n) (1ULL << (n))

struct probe {
    const char *what;
    unsigned level;
    uint64_t bits;
    long want;                  /* 0 or the error */
    bool ringleader_only;       /* Xen differs on purpose (docs/xen-differences.md) */
};

static const struct probe probes[] = {
    { "L1 PWT", 1, BIT(3), 0, false },
    { "L1 PCD", 1, BIT(4), 0, false },
    { "L1 PAT", 1, BIT(7), 0, false },
    { "L1 global", 1, BIT(8), 0, false },
    { "L1 NX", 1, BIT(63), -XEN_EINVAL, true },
    { "L1 reserved bit 52", 1, BIT(52), -XEN_EINVAL, true },
    { "L2 PWT", 2, BIT(3), -XEN_EINVAL, false },
    { "L2 PCD", 2, BIT(4), -XEN_EINVAL, false },
    { "L2 PSE", 2, BIT(7), -XEN_EINVAL, false },
    { "L3 PWT", 3, BIT(3), -XEN_EINVAL, false },
    { "L3 PCD", 3, BIT(4), -XEN_EINVAL, false },
    { "L3 RW, US, A, D", 3, BIT(1) | BIT(2) | BIT(5) | BIT(6), 0, false },
};

void test_main(void)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    uint64_t slot_l1e = pmap_l1e_maddr((uint32_t)(uintptr_t)scratch_va(SLOT));
    uint64_t l2e = pfn_to_maddr(scratch_pfn(L2)) + 7 * sizeof(pte_t);
    uint64_t l3e = pfn_to_maddr(virt_to_pfn(l3)) + 2 * sizeof(pte_t);

    expect_rc("make and pin an L1", pmap_make_table(scratch_pfn(L1)) ?: pmap_pin(scratch_pfn(L1), 1), 0);
    expect_rc("make and pin an L2", pmap_make_table(scratch_pfn(L2)) ?: pmap_pin(scratch_pfn(L2), 2), 0);
    bool ringleader = on_ringleader();

    for (unsigned i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        const struct probe *p = &probes[i];
        if (p->ringleader_only && !ringleader)
            continue;
        uint64_t at = p->level == 1 ? slot_l1e : p->level == 2 ? l2e : l3e;
        uint64_t base = p->level == 1 ? pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_KERNEL_RW :
                        p->level == 2 ? pfn_to_maddr(scratch_pfn(L1)) | PMAP_TABLE :
                        pfn_to_maddr(scratch_pfn(L2)) | PMAP_L3E;
        long rc = mmu_update_one(at, base | p->bits);
        printf("%s: %ld\n", p->what, rc);
        if (rc != p->want)
            test_failure("%s returned %ld, expected %ld", p->what, rc, p->want);
        if (p->level > 1 && rc == 0)
            mmu_update_one(at, 0);
    }
    mmu_update_one(slot_l1e, pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_KERNEL_RW);
    test_success();
}
