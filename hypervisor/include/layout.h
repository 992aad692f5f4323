/*
 * layout.h - where the domain builder puts things in a new domain's
 * virtual address space, following Xen's start-of-day rules
 * (public/xen.h): from VIRT_BASE, pseudo-physical page 0 up, all of the
 * domain's memory is mapped; after the kernel image come, each page
 * aligned and in this order, the phys-to-machine list, start_info, the
 * bootstrap page tables (L3, then L2s, then L1s) and a one-page boot
 * stack, with at least 512 KiB of mapped memory after the stack.
 */
#ifndef HV_LAYOUT_H
#define HV_LAYOUT_H

#include "types.h"
#include "elf.h"

#define BOOT_PADDING (512U << 10)

struct domain_layout {
    vaddr_t virt_base;
    uint32_t nr_pages;
    vaddr_t mem_end;            /* virt_base + nr_pages pages */
    vaddr_t p2m;                /* the phys-to-machine list */
    uint32_t p2m_pages;
    vaddr_t start_info;
    vaddr_t pt;                 /* the L3, first of nr_pt_frames tables */
    uint32_t nr_pt_frames;
    uint32_t nr_l2;             /* L2s, for these L3 slots in ascending order: */
    uint32_t l2_slot[4];        /* those the memory spans, and slot 3 always */
    uint32_t first_l2e, nr_l1;      /* L1s cover 2 MiB regions from first_l2e */
    vaddr_t stack;              /* the boot stack page; ESP starts at its end */
    vaddr_t boot_end;
};

/* Returns 0, or -1 with a one-line reason in `err`.  Pure; unit-tested. */
int domain_layout(const struct guest_image *gi, uint32_t nr_pages,
                  struct domain_layout *l, char *err, size_t errlen);

static inline pfn_t layout_va_to_pfn(const struct domain_layout *l, vaddr_t va)
{
    return _pfn((va - l->virt_base) >> 12);
}

#endif
