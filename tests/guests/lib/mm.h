/*
 * mm.h - helpers for the mm-* test guests: scratch pages and page-table
 * entries, on top of the guest kernel's pmap layer (which the framework
 * initialises before test_main).
 *
 * Scratch pages are the 512 KiB after the boot stack, which both Xen and
 * Ringleader guarantee to map (writable) and nothing else uses.
 */
#ifndef TEST_MM_H
#define TEST_MM_H

#include "expect.h"
#include "../../../guest-kernel/pmap.h"

#define SCRATCH_PAGES 128
#define PTE_RESERVED_52 (1ULL << 52)    /* reserved in every PAE entry */

static inline pfn_t scratch_pfn(unsigned i)
{
    return _pfn(boot_esp / PMAP_PAGE_SIZE + i);
}

static inline uint32_t *scratch_va(unsigned i)
{
    return pfn_to_virt(scratch_pfn(i));
}

/* Read the L1 entry that maps va (through the tables' read-only mappings). */
static inline pte_t l1e_of(uint32_t va)
{
    uint64_t ma = pmap_l1e_maddr(va);
    const pte_t *l1 = pfn_to_virt(mfn_to_pfn(maddr_to_mfn(ma)));

    return l1[(ma % PMAP_PAGE_SIZE) / sizeof(pte_t)];
}

/* One mmu_update request, sent alone; returns its result. */
static inline long mmu_update_one(uint64_t ptr, uint64_t val)
{
    struct mmu_update req = { ptr | MMU_NORMAL_PT_UPDATE, val };

    return hypercall_mmu_update(&req, 1, NULL, DOMID_SELF);
}

static inline long mmuext_one(uint32_t cmd, mfn_t mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn_x(mfn) };

    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

/* Fill a page with a recognisable word. */
static inline void fill_page(uint32_t *p, uint32_t word)
{
    for (unsigned i = 0; i < PMAP_PAGE_SIZE / sizeof(*p); i++)
        p[i] = word;
}

/* Ringleader's extraversion; used only where a check depends on Xen's
 * dom0 privileges (docs/xen-differences.md). */
static inline bool on_ringleader(void)
{
    xen_extraversion_t extra;

    return hypercall_xen_version(XENVER_extraversion, extra) == 0 && !strcmp(extra, "-rl");
}

#endif
