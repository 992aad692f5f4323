/*
 * mm-tree-validate: the largest tree one request can validate.  An L3
 * whose four L2s point at 3 * 512 + 428 = 1964 distinct L1s, each full of
 * 512 present entries, is validated by a single MMUEXT_PIN_L3_TABLE and
 * released by a single unpin: both must succeed and give every reference
 * back (the frame-leak check at the end).  The TSC around each request is
 * printed, so the bound in docs/memory.md can be measured (under QEMU's
 * -icount the TSC counts instructions); nothing here asserts a time.
 */
#include "../lib/mm.h"

const char test_title[] = "a maximal page-table tree validates and releases in one request";

#define GUEST_L2_ENTRIES 428             /* L3 slot 3's L2: the rest is the hypervisor's */
#define NR_L1 (3 * 512 + GUEST_L2_ENTRIES)
#define NR_TABLES (NR_L1 + 4 + 1)

static uint64_t rdtsc(void)
{
    uint64_t t;

    __asm__ volatile ("lfence\n\trdtsc" : "=A" (t) : : "memory");
    return t;
}

static void fill(pfn_t pfn, uint64_t first_maddr, uint64_t step, unsigned n, pte_t flags)
{
    pte_t *t = pfn_to_virt(pfn);

    memset(t, 0, PMAP_PAGE_SIZE);
    for (unsigned i = 0; i < n; i++)
        t[i] = (first_maddr + i * step) | flags;
}

/* The tables: NR_L1 L1s, then the four L2s, then the L3, past the
 * scratch area. */
static pfn_t table_pfn(unsigned i)
{
    return _pfn(pfn_x(scratch_pfn(SCRATCH_PAGES)) + i);
}

#define L2_INDEX NR_L1
#define L3_INDEX (NR_L1 + 4)

void test_main(void)
{
    pfn_t data = scratch_pfn(0), l3 = table_pfn(L3_INDEX);
    uint64_t t0, t1, t2;
    long rc;

    if (pfn_x(l3) >= start_info->nr_pages)
        test_error("needs %u pages past the scratch area, has %u", NR_TABLES,
                   (unsigned)(start_info->nr_pages - pfn_x(table_pfn(0))));
    for (unsigned i = 0; i < NR_L1; i++)
        fill(table_pfn(i), pfn_to_maddr(data), 0, 512, PMAP_P | PMAP_A);
    for (unsigned k = 0; k < 4; k++) {
        pte_t *t = pfn_to_virt(table_pfn(L2_INDEX + k));
        memset(t, 0, PMAP_PAGE_SIZE);
        for (unsigned j = 0; j < (k < 3 ? 512U : GUEST_L2_ENTRIES); j++)
            t[j] = pfn_to_maddr(table_pfn(k * 512 + j)) | PMAP_TABLE;
    }
    {
        pte_t *t = pfn_to_virt(l3);
        memset(t, 0, PMAP_PAGE_SIZE);
        for (unsigned k = 0; k < 4; k++)
            t[k] = pfn_to_maddr(table_pfn(L2_INDEX + k)) | PMAP_L3E;
    }
    for (unsigned i = 0; i < NR_TABLES; i++)
        pmap_map((uint32_t)(uintptr_t)pfn_to_virt(table_pfn(i)), table_pfn(i), PMAP_KERNEL_RO);
    expect_rc("map the tables read-only", pmap_flush() ?: pmap_flush_tlb(), 0);

    t0 = rdtsc();
    rc = mmuext_one(MMUEXT_PIN_L3_TABLE, pfn_to_mfn(l3));
    t1 = rdtsc();
    expect_rc("pin the L3 (validates 1964 L1s)", rc, 0);
    rc = mmuext_one(MMUEXT_UNPIN_TABLE, pfn_to_mfn(l3));
    t2 = rdtsc();
    expect_rc("unpin it (releases them)", rc, 0);
    printf("validate: %u L1 entries in %llu TSC ticks; release: %llu\n", NR_L1 * 512,
           (unsigned long long)(t1 - t0), (unsigned long long)(t2 - t1));
    test_success();
}
