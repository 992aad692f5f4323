/*
 * guest_ldt.c - a vCPU's own LDT: MMUEXT_SET_LDT and the pages behind it.
 *
 * The guest names its LDT by linear address and entry count.  The CPU
 * needs it at a linear address the guest cannot write, and every
 * descriptor in it checked, so the hypervisor maps the guest's LDT pages
 * read-only at LDT_VIRT_START in the per-domain area and points LDTR
 * there (desc_load_ldt(), with the guest's exact limit).  As in Xen, a
 * page is mapped only when the CPU first reads a descriptor from it:
 *
 *   guest loads an LDT selector
 *     -> #PF at LDT_VIRT_START + offset (the page is not mapped yet)
 *     -> ldt_fault(): walk the guest's tables for ldt_base + offset; the
 *        frame must be the guest's and take the descriptor-page type
 *        (FT_SEG_DESC: every descriptor checked, mapped nowhere writable)
 *     -> mapped: the instruction is retried and succeeds;
 *        refused: the guest gets #PF at its own LDT address.
 *
 * Offsets past the guest's entry count are refused whatever asked for
 * them (the lesson of XSA-298: never trust that the CPU's limit check came
 * first).  The type references are dropped when the LDT changes, when the
 * vCPU switches address space (NEW_BASEPTR: its LDT pages may no longer be
 * mapped there) and when the domain dies.  The per-domain PTEs show only
 * the running vCPU's pages: a switch rewrites them (guest_ldt_load()).
 */
#include "hv.h"
#include "domain.h"
#include "sched.h"
#include "mm.h"
#include "paging.h"
#include "desc.h"
#include "guest_ldt.h"
#include "mmu.h"
#include "../../hypercall-abi/mmu.h"

#define LDT_ENTRY_SIZE 8

/* The guest's L1 entry for a linear address in its current tables, or 0. */
static pte_t guest_l1e(const struct vcpu *v, vaddr_t va)
{
    mfn_t l1 = mmu_l1_of(v, va);
    const pte_t *t;
    pte_t e;

    if (mfn_eq(l1, INVALID_MFN))
        return 0;
    t = map_domain_page(l1);
    e = t[l1_index(va)];
    unmap_domain_page(t);
    return e;
}

/* Map LDT page `page` of v (the running vCPU); false if it may not be. */
static bool map_ldt_page(struct vcpu *v, unsigned page)
{
    uint64_t linear = (uint64_t)v->ldt_base + page * PAGE_SIZE;
    pte_t e;

    if (linear >= HYPERVISOR_VIRT_START)
        return false;
    e = guest_l1e(v, (vaddr_t)linear);
    if (!(e & PTE_P) || get_page_and_type(pte_mfn(e), v->domain, FT_SEG_DESC))
        return false;
    ASSERT(mfn_eq(v->ldt_frames[page], INVALID_MFN));
    v->ldt_frames[page] = pte_mfn(e);
    paging_set_ldt_frame(page, v->ldt_frames[page]);
    return true;
}

enum ldt_fault ldt_fault(uint32_t *cr2)
{
    struct vcpu *v = current_vcpu();
    uint32_t offset = *cr2 - LDT_VIRT_START;

    if (*cr2 < LDT_VIRT_START || *cr2 >= LDT_VIRT_END)
        return LDT_FAULT_NOT_LDT;
    if (offset < v->ldt_ents * LDT_ENTRY_SIZE &&
        mfn_eq(v->ldt_frames[offset / PAGE_SIZE], INVALID_MFN) &&
        map_ldt_page(v, offset / PAGE_SIZE))
        return LDT_FAULT_MAPPED;
    *cr2 = v->ldt_base + offset;
    return LDT_FAULT_REFUSED;
}

/* Drop the LDT pages v has mapped (unmapping them if v is running). */
static void drop_ldt_pages(struct vcpu *v)
{
    for (unsigned page = 0; page < LDT_PAGES; page++) {
        if (mfn_eq(v->ldt_frames[page], INVALID_MFN))
            continue;
        if (v == current_vcpu())
            paging_set_ldt_frame(page, INVALID_MFN);
        put_page_and_type(v->ldt_frames[page]);
        v->ldt_frames[page] = INVALID_MFN;
    }
}

bool guest_ldt_descriptor(struct vcpu *v, unsigned index, struct seg_desc *d)
{
    unsigned page = index * LDT_ENTRY_SIZE / PAGE_SIZE;
    const struct seg_desc *p;

    if (index >= v->ldt_ents)
        return false;
    if (mfn_eq(v->ldt_frames[page], INVALID_MFN) && !map_ldt_page(v, page))
        return false;
    p = map_domain_page(v->ldt_frames[page]);
    *d = p[index % (PAGE_SIZE / LDT_ENTRY_SIZE)];
    unmap_domain_page(p);
    return true;
}

int guest_ldt_set(struct vcpu *v, uint32_t base, uint32_t entries)
{
    if (entries > LDT_MAX_ENTRIES || (entries && base % PAGE_SIZE))
        return -XEN_EINVAL;
    if (!entries)
        base = 0;
    if (base == v->ldt_base && entries == v->ldt_ents)
        return 0;
    drop_ldt_pages(v);
    v->ldt_base = base;
    v->ldt_ents = entries;
    desc_load_ldt(entries);
    return 0;
}

void guest_ldt_new_baseptr(struct vcpu *v)
{
    drop_ldt_pages(v);
}

void guest_ldt_load(const struct vcpu *v)
{
    for (unsigned page = 0; page < LDT_PAGES; page++)
        paging_set_ldt_frame(page, v->ldt_frames[page]);
    desc_load_ldt(v->ldt_ents);
}

void guest_ldt_release(struct vcpu *v)
{
    drop_ldt_pages(v);
    v->ldt_base = v->ldt_ents = 0;
}
