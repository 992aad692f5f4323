/*
 * memlayout.h - the hypervisor's virtual and physical memory map.
 *
 * Every address space (the hypervisor's idle one and each guest's) has the
 * same top 168 MiB, from HYPERVISOR_VIRT_START up; a guest's L2 for L3 slot 3
 * carries copies of these L2 entries.
 *
 *   0xFFFFFFFF +--------------------------------+
 *              | unused (guard)                 |
 *   0xFF800000 +--------------------------------+ DIRECTMAP_VIRT_END
 *              | direct map of machine memory   |  VA = PA + DIRECTMAP_VIRT_START
 *              | 0..120 MiB ("xenheap"); the    |  the hypervisor image is here,
 *              | hypervisor image at +1 MiB     |  text/rodata read-only
 *   0xF8000000 +--------------------------------+ DIRECTMAP_VIRT_START
 *              | unused                         |
 *   0xF6E00000 +--------------------------------+
 *              | entry area: entry code, IDT    |  ENTRY_VIRT_START
 *              | and TSS, the CPU's entry stack |  (every view, see isolation.c)
 *   0xF6C00000 +--------------------------------+
 *              | per-domain area: GDT, LDT      |  PERDOMAIN_VIRT_START
 *   0xF6A00000 +--------------------------------+
 *              | map cache: 512 4 KiB slots     |  MAPCACHE_VIRT_START
 *   0xF6800000 +--------------------------------+ MACH2PHYS_VIRT_END
 *              | read-only M2P (guest-readable) |
 *   0xF5800000 +--------------------------------+ HYPERVISOR_VIRT_START
 *              | guest                          |
 *   0x00000000 +--------------------------------+
 *
 * Machine frames inside the direct map can be reached at any time; others
 * ("domheap", only domain memory) through map_domain_page().
 *
 * In split isolation (isolation.c) a guest's own view keeps only the M2P,
 * the per-domain area and the entry area of this map; the rest is not
 * present there.
 */
#ifndef HV_MEMLAYOUT_H
#define HV_MEMLAYOUT_H

#include "../../hypercall-abi/arch-x86_32.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1U << PAGE_SHIFT)
#define L2_PAGE_SHIFT 21                    /* PAE: one L2 entry maps 2 MiB */
#define L2_PAGE_SIZE (1U << L2_PAGE_SHIFT)

#define MAPCACHE_VIRT_START   0xF6800000U
#define MAPCACHE_SLOTS        512
#define PERDOMAIN_VIRT_START  0xF6A00000U
#define GDT_VIRT_START        PERDOMAIN_VIRT_START
#define GDT_PAGES             16
/* The running vCPU's LDT (MMUEXT_SET_LDT), mapped page by page on demand. */
#define LDT_VIRT_START        (GDT_VIRT_START + GDT_PAGES * PAGE_SIZE)
#define LDT_PAGES             16                  /* 8192 descriptors */
#define LDT_VIRT_END          (LDT_VIRT_START + LDT_PAGES * PAGE_SIZE)
/*
 * The entry area: the code and data the CPU must reach at the instant a
 * guest traps, before the hypervisor has its own view.  One L1 per CPU:
 *   ENTRY_TEXT_VIRT    entry.S's code, read-only (linked here)
 *   ENTRY_TABLES_VIRT  one page: the hypervisor view's CR3, the TSS, the IDT,
 *                      read-only (desc.c)
 *   (a page left not present, so an overflow of the stack faults)
 *   ENTRY_STACK_VIRT   TSS.ESP0 in split isolation: the CPU pushes a guest's
 *                      trap frame here, read-write
 */
#define ENTRY_VIRT_START      0xF6C00000U
#define ENTRY_TEXT_VIRT       ENTRY_VIRT_START
#define ENTRY_TEXT_PAGES      8
#define ENTRY_TABLES_VIRT     (ENTRY_VIRT_START + ENTRY_TEXT_PAGES * PAGE_SIZE)
#define ENTRY_STACK_VIRT      (ENTRY_TABLES_VIRT + 2 * PAGE_SIZE)
#define ENTRY_STACK_TOP       (ENTRY_STACK_VIRT + PAGE_SIZE)
/* Where in the entry tables page each table sits (desc.c asserts it). */
#define ENTRY_HV_CR3          ENTRY_TABLES_VIRT
#define ENTRY_TSS_OFFSET      128
#define ENTRY_IDT_OFFSET      2048
#define DIRECTMAP_VIRT_START  0xF8000000U
#define DIRECTMAP_VIRT_END    0xFF800000U
#define DIRECTMAP_SIZE        (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)

/* Physical load address of the hypervisor image (multiboot). */
#define HV_LOAD_PADDR 0x100000U
/* The image's link address: inside the direct map. */
#define HV_VIRT_OFFSET DIRECTMAP_VIRT_START

#define HV_STACK_SIZE (4 * PAGE_SIZE)

#endif /* HV_MEMLAYOUT_H */
