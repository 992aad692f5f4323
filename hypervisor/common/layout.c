/*
 * layout.c - the virtual layout of a new domain (see layout.h).
 * Pure logic, unit-tested on the host.
 */
#include "layout.h"
#include "../lib/lib.h"
#include "memlayout.h"

#define L3_SPAN_SHIFT 30    /* one L2 maps 1 GiB */
#define HV_L3_SLOT 3        /* the L2 holding the hypervisor slots */

static int fail(char *err, size_t len, const char *msg, uint32_t a, uint32_t b)
{
    snprintf(err, len, msg, a, b);
    return -1;
}

static int check_image(const struct guest_image *gi, const struct domain_layout *l,
                       char *err, size_t errlen)
{
    if (gi->virt_base % PAGE_SIZE)
        return fail(err, errlen, "VIRT_BASE %#x is not page-aligned", gi->virt_base, 0);
    if (l->nr_pages == 0 || (uint64_t)gi->virt_base + (uint64_t)l->nr_pages * PAGE_SIZE >
                                HYPERVISOR_VIRT_START)
        return fail(err, errlen, "%u pages from VIRT_BASE %#x reach the hypervisor hole",
                    l->nr_pages, gi->virt_base);
    if (gi->kstart < gi->virt_base || gi->kend > l->mem_end)
        return fail(err, errlen, "image [%#x, %#x) lies outside the domain's memory",
                    gi->kstart, gi->kend);
    if (gi->hypercall_page != ELF_ADDR_UNSET &&
        (gi->hypercall_page % PAGE_SIZE || gi->hypercall_page < gi->kstart ||
         gi->hypercall_page >= gi->kend))
        return fail(err, errlen, "HYPERCALL_PAGE %#x is not a page of the image",
                    gi->hypercall_page, 0);
    return 0;
}

static void count_tables(struct domain_layout *l)
{
    uint32_t last = l->mem_end - 1;

    for (uint32_t slot = l->virt_base >> L3_SPAN_SHIFT; slot <= last >> L3_SPAN_SHIFT; slot++)
        l->l2_slot[l->nr_l2++] = slot;
    if (l->l2_slot[l->nr_l2 - 1] != HV_L3_SLOT)
        l->l2_slot[l->nr_l2++] = HV_L3_SLOT;
    l->first_l2e = l->virt_base >> L2_PAGE_SHIFT;
    l->nr_l1 = (last >> L2_PAGE_SHIFT) - l->first_l2e + 1;
    l->nr_pt_frames = 1 + l->nr_l2 + l->nr_l1;
}

int domain_layout(const struct guest_image *gi, uint32_t nr_pages,
                  struct domain_layout *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof(*l));
    l->virt_base = gi->virt_base;
    l->nr_pages = nr_pages;
    l->mem_end = gi->virt_base + nr_pages * PAGE_SIZE;
    if (check_image(gi, l, err, errlen) < 0)
        return -1;
    count_tables(l);
    l->p2m = ROUND_UP(gi->kend, PAGE_SIZE);
    l->p2m_pages = ROUND_UP(nr_pages * 4U, PAGE_SIZE) / PAGE_SIZE;
    l->start_info = l->p2m + l->p2m_pages * PAGE_SIZE;
    l->pt = l->start_info + PAGE_SIZE;
    l->stack = l->pt + l->nr_pt_frames * PAGE_SIZE;
    l->boot_end = l->stack + PAGE_SIZE;
    if (l->boot_end < l->stack || (uint64_t)l->boot_end + BOOT_PADDING > l->mem_end)
        return fail(err, errlen, "%u KiB of memory is too small: the boot region needs %u KiB",
                    nr_pages * 4, (l->boot_end - l->virt_base + BOOT_PADDING) >> 10);
    return 0;
}
