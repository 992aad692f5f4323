/*
 * guest_gdt.c - a guest's own GDT: set_gdt and update_descriptor.
 *
 * The guest gives up to 14 frames (entries 0-7167, below the hypervisor's
 * reserved page); each becomes a segment-descriptor page (FT_SEG_DESC),
 * whose descriptors are checked (guest_descriptor.c) and which the guest can
 * then never map writable.  The frames are mapped read-only at GDT pages
 * 0-13 while the domain runs.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "mm.h"
#include "desc.h"
#include "guest_descriptor.h"

#define DESC_SIZE 8
#define DESCS_PER_PAGE (PAGE_SIZE / DESC_SIZE)

static void drop_gdt(struct vcpu *v)
{
    for (unsigned i = 0; i < v->gdt_nr_frames; i++)
        put_page_and_type(v->gdt_frames[i]);
    v->gdt_nr_frames = 0;
}

/*
 * set_gdt(frames, entries): frames -> xen_pfn_t[] of machine frames.
 * -EINVAL for too many entries, a frame not the domain's or in use as
 * something else, or a descriptor that fails the checks; -EFAULT for an
 * unreadable list.  On failure the old GDT stays.
 */
long do_set_gdt(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();
    struct domain *d = v->domain;
    const vaddr_t list = args[0];
    const uint32_t entries = args[1];
    unsigned nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
    mfn_t frames[FIRST_RESERVED_GDT_PAGE];
    unsigned got = 0;
    int rc = 0;

    if (entries > FIRST_RESERVED_GDT_ENTRY)
        return -XEN_EINVAL;
    /* Take each frame's reference; on a failure, give back those taken. */
    while (got < nr) {
        xen_pfn_t mfn;
        if (copy_from_guest(&mfn, list + got * sizeof(mfn), sizeof(mfn)) < 0) {
            rc = -XEN_EFAULT;
            break;
        }
        if (get_page_and_type(_mfn(mfn), d, FT_SEG_DESC)) {
            rc = -XEN_EINVAL;
            break;
        }
        frames[got++] = _mfn(mfn);
    }
    if (rc) {
        while (got > 0)
            put_page_and_type(frames[--got]);
        return rc;
    }
    drop_gdt(v);
    memcpy(v->gdt_frames, frames, nr * sizeof(frames[0]));
    v->gdt_nr_frames = nr;
    desc_load_gdt(v->gdt_frames, nr);
    return 0;
}

/*
 * update_descriptor(maddr_lo, maddr_hi, desc_lo, desc_hi): write one
 * checked descriptor at a machine address in one of the domain's
 * descriptor pages (or ordinary pages).  -EINVAL for a misaligned or
 * foreign address, a page in use as a page table, or a bad descriptor.
 */
long do_update_descriptor(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const paddr_t ma = (paddr_t)args[1] << 32 | args[0];

    if (ma % DESC_SIZE)
        return -XEN_EINVAL;
    return mm_update_descriptor(current_domain(), maddr_to_mfn(ma),
                                (unsigned)(ma % PAGE_SIZE) / DESC_SIZE, args[2], args[3]);
}

void guest_gdt_release(struct vcpu *v)
{
    drop_gdt(v);
}
