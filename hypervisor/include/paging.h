/*
 * paging.h - the hypervisor's own page tables, the direct map, the
 * read-only M2P and temporary mappings of arbitrary machine frames.
 */
#ifndef HV_PAGING_H
#define HV_PAGING_H

#include "types.h"
#include "x86.h"
#include "memlayout.h"

/* Direct-map conversions: valid only for machine addresses below DIRECTMAP_SIZE. */
static inline void *maddr_to_virt(paddr_t pa)
{
    return (void *)(uintptr_t)(pa + DIRECTMAP_VIRT_START);
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((uintptr_t)va - DIRECTMAP_VIRT_START);
}

static inline mfn_t virt_to_mfn(const void *va)
{
    return maddr_to_mfn(virt_to_maddr(va));
}

/* Build the final hypervisor mappings for RAM up to `ram_top`. */
void paging_init(paddr_t ram_top, uint32_t nr_frames);
/* The most paging_init() allocates from bootmem (below DIRECTMAP_SIZE). */
size_t paging_boot_bytes(uint32_t nr_frames);
/* Make the hypervisor's .ro_after_init (GDT, IDT, TSS) read-only. */
void paging_seal_ro_after_init(void);
/* Map the frame that backs virtual GDT page `page` (per-domain area). */
void paging_set_gdt_frame(unsigned page, mfn_t mfn, bool writable);
/* Map an LDT page (read-only), or unmap it (INVALID_MFN). */
void paging_set_ldt_frame(unsigned page, mfn_t mfn);
/* The hypervisor's own L3 (its view in split isolation; the idle one). */
uint32_t paging_idle_cr3(void);
/* Take G off every mapping that only the hypervisor's view has. */
void paging_make_private_local(void);

/* The read-only M2P, written by the hypervisor only. */
void m2p_set(mfn_t mfn, uint32_t pfn);
/* How many machine frames it translates; the frame holding byte `offset` of it. */
uint32_t m2p_nr_entries(void);
mfn_t m2p_frame(uint32_t offset);
#define M2P_INVALID 0xFFFFFFFFU

/* TLB maintenance for the running address space. */
void flush_tlb_local(void);
void flush_tlb_one(vaddr_t va);

/* Store a page-table entry with one atomic 64-bit write, so the MMU never
 * sees half an old and half a new entry. */
void pte_store(pte_t *slot, pte_t value);

/* A permanent writable alias of a page the hypervisor maps read-only (the
 * IDT, the TSS): the hypervisor's own writes go through it. */
void *paging_writable_alias(const void *ro);

/* Temporary mappings of any machine frame; pair every map with an unmap. */
void *map_domain_page(mfn_t mfn);
void unmap_domain_page(const void *va);

#endif /* HV_PAGING_H */
