/*
 * paging.c - the hypervisor's address space (see memlayout.h for the map).
 *
 * boot.S left us with idle_l2 (the L2 under L3 slot 3) mapping the whole
 * direct map with 2 MiB pages, plus an identity slot.  paging_init():
 *   - drops direct-map slots beyond RAM;
 *   - splits the 2 MiB pages holding the hypervisor image into 4 KiB ones,
 *     so text and read-only data are mapped read-only (CR0.WP is on, so
 *     not even ring 0 or 1 can write them);
 *   - maps the read-only M2P, the map cache, the per-domain GDT area and
 *     the entry area (isolation.c);
 *   - drops the identity slot and turns on global pages.
 * All of these L2 entries are set up once, before any guest exists, and
 * a guest's L2 gets those its view keeps (isolation_guest_hv_slots()).
 */
#include "hv.h"
#include "paging.h"
#include "asm.h"
#include "bootmem.h"
#include "isolation.h"

extern pte_t boot_l3[], idle_l2[];
extern char _text[], _etext[], _rodata[], _erodata[], _ro_after_init[],
    _ero_after_init[], _end[];

/* Hypervisor mappings: global, so a guest CR3 switch keeps them in the TLB
 * (until split isolation makes those no guest's view has local). */
#define HV_PTE_RW  (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_G)
#define HV_PTE_RO  (PTE_P | PTE_A | PTE_G)
#define HV_L2E_TABLE (PTE_P | PTE_RW | PTE_A)
#define M2P_PTE    (PTE_P | PTE_US | PTE_A | PTE_G)   /* guest-readable */
#define M2P_L2E    (PTE_P | PTE_RW | PTE_US | PTE_A)

static uint32_t *m2p_table;         /* writable view, through the direct map */
static uint32_t m2p_entries;
static pte_t *mapcache_l1, *perdomain_l1;
static uint32_t mapcache_used[MAPCACHE_SLOTS / 32];
static pte_t *image_l1[2];          /* the L1s that map the hypervisor image */

static pte_t *alloc_table(void)
{
    paddr_t pa = bootmem_alloc(PAGE_SIZE, DIRECTMAP_SIZE);

    if (!pa)
        panic("paging: out of memory for page tables");
    return memset(maddr_to_virt(pa), 0, PAGE_SIZE);
}

static pte_t image_pte(paddr_t pa)
{
    vaddr_t va = (vaddr_t)(uintptr_t)maddr_to_virt(pa);
    bool ro = va >= (vaddr_t)(uintptr_t)_text && va < (vaddr_t)(uintptr_t)_erodata;

    return pa | (ro ? HV_PTE_RO : HV_PTE_RW);
}

/* Replace the 2 MiB pages that hold the image with 4 KiB mappings. */
static void split_image_mappings(void)
{
    paddr_t first = ROUND_DOWN(virt_to_maddr(_text), L2_PAGE_SIZE);
    paddr_t last = virt_to_maddr(_end) - 1;
    unsigned n = 0;

    for (paddr_t big = first; big <= last; big += L2_PAGE_SIZE, n++) {
        pte_t *l1;
        if (n == ARRAY_SIZE(image_l1))
            panic("paging: hypervisor image larger than %u MiB", 2 * n);
        l1 = image_l1[n] = alloc_table();
        for (unsigned i = 0; i < L1_ENTRIES; i++)
            l1[i] = image_pte(big + i * PAGE_SIZE);
        pte_store(&idle_l2[l2_index((vaddr_t)(uintptr_t)maddr_to_virt(big))],
                  virt_to_maddr(l1) | HV_L2E_TABLE);
    }
}

static void trim_direct_map(paddr_t ram_top)
{
    for (paddr_t pa = ROUND_UP(ram_top, L2_PAGE_SIZE); pa < DIRECTMAP_SIZE; pa += L2_PAGE_SIZE)
        idle_l2[l2_index((vaddr_t)(uintptr_t)maddr_to_virt(pa))] = 0;
}

/* Map `nr` frames starting at `table` (direct-mapped) at `va` with `flags`. */
static void map_range(vaddr_t va, const void *table, uint32_t nr, pte_t flags, pte_t l2_flags)
{
    paddr_t pa = virt_to_maddr(table);

    for (uint32_t i = 0; i < nr; i += L1_ENTRIES, va += L2_PAGE_SIZE) {
        pte_t *l1 = alloc_table();
        for (uint32_t j = 0; j < L1_ENTRIES && i + j < nr; j++)
            l1[j] = (pa + (paddr_t)(i + j) * PAGE_SIZE) | flags;
        idle_l2[l2_index(va)] = virt_to_maddr(l1) | l2_flags;
    }
}

static void m2p_init(uint32_t nr_frames)
{
    uint32_t bytes = ROUND_UP(nr_frames * MACH2PHYS_ENTRY_SIZE, PAGE_SIZE);
    paddr_t pa;

    if (bytes > MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START)
        panic("paging: %u frames do not fit the M2P window", nr_frames);
    pa = bootmem_alloc(bytes, DIRECTMAP_SIZE);
    if (!pa)
        panic("paging: no memory for the M2P table (%u bytes)", bytes);
    m2p_table = memset(maddr_to_virt(pa), 0xFF, bytes);
    m2p_entries = bytes / MACH2PHYS_ENTRY_SIZE;
    map_range(MACH2PHYS_VIRT_START, m2p_table, bytes / PAGE_SIZE, M2P_PTE, M2P_L2E);
}

/* What paging_init() takes from bootmem: the M2P and every L1 it adds. */
size_t paging_boot_bytes(uint32_t nr_frames)
{
    uint32_t m2p_pages = ROUND_UP(nr_frames * MACH2PHYS_ENTRY_SIZE, PAGE_SIZE) / PAGE_SIZE;
    uint32_t m2p_l1s = ROUND_UP(m2p_pages, L1_ENTRIES) / L1_ENTRIES;
    uint32_t other_l1s = ARRAY_SIZE(image_l1) + 2;     /* image; map cache, GDT area */

    return (size_t)(m2p_pages + m2p_l1s + other_l1s) * PAGE_SIZE;
}

void paging_init(paddr_t ram_top, uint32_t nr_frames)
{
    trim_direct_map(ram_top);
    split_image_mappings();
    m2p_init(nr_frames);
    mapcache_l1 = alloc_table();
    idle_l2[l2_index(MAPCACHE_VIRT_START)] = virt_to_maddr(mapcache_l1) | HV_L2E_TABLE;
    perdomain_l1 = alloc_table();
    idle_l2[l2_index(PERDOMAIN_VIRT_START)] = virt_to_maddr(perdomain_l1) | HV_L2E_TABLE;
    isolation_map_entry_area();
    boot_l3[0] = 0;                         /* the identity map is no longer needed */
    write_cr3(read_cr3());                  /* reloads the PDPTEs, flushes the TLB */
    write_cr4(read_cr4() | CR4_PGE);
}

/* One page of the per-domain area; a switch between vCPUs whose tables
 * are the same (none of their own, say) changes nothing. */
static void set_perdomain_pte(vaddr_t va, pte_t pte)
{
    pte_t *slot = &perdomain_l1[l1_index(va)];

    if (*slot == pte)
        return;
    pte_store(slot, pte);
    invlpg(va);
}

void paging_set_gdt_frame(unsigned page, mfn_t mfn, bool writable)
{
    ASSERT(page < GDT_PAGES);
    set_perdomain_pte(GDT_VIRT_START + page * PAGE_SIZE, mfn_to_maddr(mfn) |
                      (writable ? PTE_P | PTE_RW | PTE_A | PTE_D : PTE_P | PTE_A));
}

/* Read-only: the descriptors' accessed bits are set ahead (guest_descriptor.c). */
void paging_set_ldt_frame(unsigned page, mfn_t mfn)
{
    ASSERT(page < LDT_PAGES);
    set_perdomain_pte(LDT_VIRT_START + page * PAGE_SIZE,
                      mfn_eq(mfn, INVALID_MFN) ? 0 : mfn_to_maddr(mfn) | PTE_P | PTE_A);
}

static void make_read_only(vaddr_t va)
{
    paddr_t pa = virt_to_maddr((void *)(uintptr_t)va);
    paddr_t first = ROUND_DOWN(virt_to_maddr(_text), L2_PAGE_SIZE);
    unsigned n = (unsigned)((pa - first) / L2_PAGE_SIZE);

    image_l1[n][l1_index(va)] = pa | HV_PTE_RO;
    invlpg(va);
}

void paging_seal_ro_after_init(void)
{
    for (vaddr_t va = (vaddr_t)(uintptr_t)_ro_after_init;
         va < (vaddr_t)(uintptr_t)_ero_after_init; va += PAGE_SIZE)
        make_read_only(va);
    for (unsigned page = 0; page < GDT_PAGES; page++) {
        pte_t *e = &perdomain_l1[page];
        *e &= ~PTE_RW;
        invlpg(GDT_VIRT_START + page * PAGE_SIZE);
    }
}

/*
 * Split isolation: the hypervisor's private mappings lose G, so none of
 * them outlives the CR3 load back into a guest's view.  Only the direct
 * map's 2 MiB pages and the image's L1s have it; the M2P and the entry
 * area, the same in every view, keep it.
 */
void paging_make_private_local(void)
{
    for (unsigned i = l2_index(DIRECTMAP_VIRT_START); i < L2_ENTRIES; i++)
        if (idle_l2[i] & PTE_PSE)
            idle_l2[i] &= ~PTE_G;
    for (unsigned n = 0; n < ARRAY_SIZE(image_l1); n++)
        for (unsigned i = 0; image_l1[n] && i < L1_ENTRIES; i++)
            image_l1[n][i] &= ~PTE_G;
    write_cr4(read_cr4() & ~CR4_PGE);       /* drops every global translation */
    write_cr4(read_cr4() | CR4_PGE);
}

uint32_t paging_idle_cr3(void)
{
    return (uint32_t)virt_to_maddr(boot_l3);
}

void m2p_set(mfn_t mfn, uint32_t pfn)
{
    ASSERT(mfn_x(mfn) < m2p_entries);
    m2p_table[mfn_x(mfn)] = pfn;
}

uint32_t m2p_nr_entries(void)
{
    return m2p_entries;
}

/* The table is one contiguous allocation in the direct map. */
mfn_t m2p_frame(uint32_t offset)
{
    ASSERT(offset < m2p_entries * MACH2PHYS_ENTRY_SIZE);
    return virt_to_mfn((const uint8_t *)m2p_table + offset);
}


/*
 * The map cache: frames outside the direct map get one of 512 slots.
 * Mappings are short-lived (the hypervisor never sleeps holding one), so a
 * bitmap with a linear search is enough.
 */
/* A free map-cache slot, mapped to mfn. */
static void *mapcache_map(mfn_t mfn)
{
    for (unsigned w = 0; w < ARRAY_SIZE(mapcache_used); w++) {
        if (mapcache_used[w] == ~0U)
            continue;
        unsigned bit = (unsigned)__builtin_ctz(~mapcache_used[w]);
        unsigned slot = w * 32 + bit;
        vaddr_t va = MAPCACHE_VIRT_START + slot * PAGE_SIZE;
        mapcache_used[w] |= 1U << bit;
        pte_store(&mapcache_l1[slot], mfn_to_maddr(mfn) | PTE_P | PTE_RW | PTE_A | PTE_D);
        invlpg(va);
        return (void *)(uintptr_t)va;
    }
    panic("map_domain_page: map cache exhausted");
}

void *map_domain_page(mfn_t mfn)
{
    if (mfn_to_maddr(mfn) < DIRECTMAP_SIZE)
        return maddr_to_virt(mfn_to_maddr(mfn));
    return mapcache_map(mfn);
}

/* Permanent aliases take map-cache slots that are never given back. */
void *paging_writable_alias(const void *ro)
{
    return (uint8_t *)mapcache_map(virt_to_mfn(ro)) + (uintptr_t)ro % PAGE_SIZE;
}

void unmap_domain_page(const void *p)
{
    vaddr_t va = (vaddr_t)(uintptr_t)p;
    unsigned slot;

    if (va < MAPCACHE_VIRT_START || va >= MAPCACHE_VIRT_START + MAPCACHE_SLOTS * PAGE_SIZE)
        return;         /* a direct-map address: nothing to undo */
    slot = (va - MAPCACHE_VIRT_START) / PAGE_SIZE;
    ASSERT(mapcache_used[slot / 32] & (1U << (slot % 32)));
    mapcache_l1[slot] = 0;
    invlpg(ROUND_DOWN(va, PAGE_SIZE));
    mapcache_used[slot / 32] &= ~(1U << (slot % 32));
}

void pte_store(pte_t *slot, pte_t value)
{
    pte_t old = *(volatile pte_t *)slot;

    /* cmpxchg8b: retry until the 64-bit value is swapped in one go. */
    __asm__ volatile ("1:\tlock cmpxchg8b %0\n\t"
                      "jnz 1b"
                      : "+m" (*slot), "+A" (old)
                      : "b" ((uint32_t)value), "c" ((uint32_t)(value >> 32))
                      : "memory", "cc");
}

void flush_tlb_local(void)
{
    write_cr3(read_cr3());      /* global mappings stay: the hypervisor's */
}

void flush_tlb_one(vaddr_t va)
{
    invlpg(va);
}
