/*
 * bootmem.h - boot-time memory bookkeeping, before the frame allocator
 * exists: the RAM ranges of the multiboot memory map, the ranges already
 * in use (low memory, the hypervisor image, modules), and a first-fit
 * allocator for the large early tables (frame table, M2P).
 */
#ifndef HV_BOOTMEM_H
#define HV_BOOTMEM_H

#include "types.h"

#define BOOTMEM_MAX_RANGES 32

void bootmem_reset(void);
int bootmem_add_ram(paddr_t start, paddr_t end);
int bootmem_reserve(paddr_t start, paddr_t end);
/* Undo bootmem_reserve(start, end); -1 if there is no such reservation. */
int bootmem_unreserve(paddr_t start, paddr_t end);
/* Reserve and return a page-aligned range below `limit` (not zeroed); 0 on failure. */
paddr_t bootmem_alloc(size_t size, paddr_t limit);
paddr_t bootmem_ram_top(void);
/* Call `release` on every page-aligned piece of RAM not reserved. */
void bootmem_for_each_free(void (*release)(paddr_t start, paddr_t end));
/* The size of the largest such piece below `limit`: bootmem_alloc()s
 * whose page-rounded sizes add up to no more than this all succeed. */
paddr_t bootmem_largest_free(paddr_t limit);

#endif /* HV_BOOTMEM_H */
