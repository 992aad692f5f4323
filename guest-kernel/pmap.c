/*
 * pmap.c - the guest kernel's page-table layer (see pmap.h).
 */
#include "../hypervisor/lib/lib.h"
#include "pmap.h"

#define L3_SHIFT 30
#define L2_SHIFT 21
#define L1_SHIFT 12
#define INDEX_MASK 511U

static const uint32_t *p2m;
static const uint32_t *const m2p = (const uint32_t *)(uintptr_t)MACH2PHYS_VIRT_START;
static uint32_t virt_base, nr_pages;
static mfn_t current_l3;
static struct mmu_update queue[PMAP_QUEUE_LEN];
static unsigned queued;
static bool batching = true;
static uint32_t calls;
static long deferred_error;     /* an error from a flush nobody waited for */

void pmap_init(const struct start_info *si, uint32_t base)
{
    p2m = (const uint32_t *)(uintptr_t)si->mfn_list;
    virt_base = base;
    nr_pages = si->nr_pages;
    current_l3 = pfn_to_mfn(virt_to_pfn((const void *)(uintptr_t)si->pt_base));
}

mfn_t pfn_to_mfn(pfn_t pfn)
{
    return _mfn(p2m[pfn_x(pfn)]);
}

pfn_t mfn_to_pfn(mfn_t mfn)
{
    return _pfn(m2p[mfn_x(mfn)]);
}

void *pfn_to_virt(pfn_t pfn)
{
    return (void *)(uintptr_t)(virt_base + pfn_x(pfn) * PMAP_PAGE_SIZE);
}

pfn_t virt_to_pfn(const void *va)
{
    return _pfn(((uint32_t)(uintptr_t)va - virt_base) / PMAP_PAGE_SIZE);
}

void pmap_set_batching(bool on)
{
    pmap_flush();
    batching = on;
}

uint32_t pmap_hypercalls(void)
{
    return calls;
}

long pmap_flush(void)
{
    uint32_t done = 0;
    long rc = deferred_error;

    deferred_error = 0;
    if (queued) {
        calls++;
        long r = hypercall_mmu_update(queue, queued, &done, DOMID_SELF);
        if (!rc)
            rc = r;
        queued = 0;
    }
    return rc;
}

void pmap_queue(uint64_t ptr, uint64_t val)
{
    queue[queued++] = (struct mmu_update){ ptr, val };
    if (queued == PMAP_QUEUE_LEN || !batching) {
        long rc = pmap_flush();
        if (rc && !deferred_error)
            deferred_error = rc;
    }
}

/* The table an entry points at, through the M2P and the linear map. */
static const pte_t *table_of(pte_t e)
{
    return pfn_to_virt(mfn_to_pfn(maddr_to_mfn(e & PMAP_ADDR_MASK)));
}

uint64_t pmap_l1e_maddr(uint32_t va)
{
    const pte_t *l3 = pfn_to_virt(mfn_to_pfn(current_l3));
    pte_t l3e = l3[va >> L3_SHIFT], l2e;

    if (!(l3e & PMAP_P))
        return 0;
    l2e = table_of(l3e)[(va >> L2_SHIFT) & INDEX_MASK];
    if (!(l2e & PMAP_P) || (l2e & PMAP_PSE))
        return 0;
    return (l2e & PMAP_ADDR_MASK) + ((va >> L1_SHIFT) & INDEX_MASK) * sizeof(pte_t);
}

void pmap_map(uint32_t va, pfn_t pfn, pte_t flags)
{
    pmap_queue(pmap_l1e_maddr(va) | MMU_NORMAL_PT_UPDATE, pfn_to_maddr(pfn) | flags);
}

void pmap_unmap(uint32_t va)
{
    pmap_queue(pmap_l1e_maddr(va) | MMU_NORMAL_PT_UPDATE, 0);
}

long pmap_make_table(pfn_t pfn)
{
    memset(pfn_to_virt(pfn), 0, PMAP_PAGE_SIZE);
    pmap_map((uint32_t)(uintptr_t)pfn_to_virt(pfn), pfn, PMAP_KERNEL_RO);
    return pmap_flush();
}

static long ext_op(uint32_t cmd, mfn_t mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn_x(mfn) };
    long rc = pmap_flush();

    return rc ? rc : hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

long pmap_pin(pfn_t pfn, unsigned level)
{
    static const uint32_t cmds[] = { 0, MMUEXT_PIN_L1_TABLE, MMUEXT_PIN_L2_TABLE,
                                     MMUEXT_PIN_L3_TABLE };
    return ext_op(cmds[level], pfn_to_mfn(pfn));
}

long pmap_unpin(pfn_t pfn)
{
    return ext_op(MMUEXT_UNPIN_TABLE, pfn_to_mfn(pfn));
}

long pmap_switch(pfn_t l3)
{
    long rc = ext_op(MMUEXT_NEW_BASEPTR, pfn_to_mfn(l3));

    if (!rc)
        current_l3 = pfn_to_mfn(l3);
    return rc;
}

long pmap_flush_tlb(void)
{
    return ext_op(MMUEXT_TLB_FLUSH_LOCAL, _mfn(0));      /* takes no frame */
}
