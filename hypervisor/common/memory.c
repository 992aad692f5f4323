/*
 * memory.c - the memory_op hypercall: what a PV guest asks about memory at
 * boot (see hypercall-abi/memory.h).  Reservations are static for now: a
 * domain's maximum is what it was built with.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "frame.h"
#include "sched.h"
#include "paging.h"
#include "../../hypercall-abi/memory.h"

/* memory_op's cmd: the command in the low bits, a restart point above. */
#define MEMOP_CMD_MASK      0x3FU
#define MEMOP_EXTENT_SHIFT  6

/* The domain a reservation query names: the caller, or any if privileged. */
static long reservation(vaddr_t arg, bool maximum)
{
    const struct domain *self = current_domain(), *d;
    domid_t id;

    if (copy_from_guest(&id, arg, sizeof(id)) < 0)
        return -XEN_EFAULT;
    d = domain_by_id(id);
    if (!d)
        return -XEN_ESRCH;
    if (d != self && !self->privileged)
        return -XEN_EPERM;
    /* Allocations are static: the maximum is the current size. */
    (void)maximum;
    return d->nr_pages;
}

/* One MFN per 2 MiB extent of the M2P, as many as the guest has room for. */
static long machphys_mfn_list(vaddr_t arg)
{
    struct xen_machphys_mfn_list list;
    uint32_t bytes = m2p_nr_entries() * MACH2PHYS_ENTRY_SIZE;
    uint32_t extents = ROUND_UP(bytes, XENMEM_MACHPHYS_EXTENT_SIZE) / XENMEM_MACHPHYS_EXTENT_SIZE;
    uint32_t i;

    if (copy_from_guest(&list, arg, sizeof(list)) < 0)
        return -XEN_EFAULT;
    for (i = 0; i < MIN(list.max_extents, extents); i++) {
        xen_pfn_t mfn = mfn_x(m2p_frame(i * XENMEM_MACHPHYS_EXTENT_SIZE));
        if (copy_to_guest(list.extent_start + i * sizeof(mfn), &mfn, sizeof(mfn)) < 0)
            return -XEN_EFAULT;
    }
    list.nr_extents = i;
    return copy_to_guest(arg, &list, sizeof(list));
}

static long machphys_mapping(vaddr_t arg)
{
    const struct xen_machphys_mapping map = {
        .v_start = MACH2PHYS_VIRT_START,
        .v_end = MACH2PHYS_VIRT_END,
        .max_mfn = m2p_nr_entries() - 1,
    };

    return copy_to_guest(arg, &map, sizeof(map));
}

/* memory_op(cmd, arg): see hypercall-abi/memory.h. */
long do_memory_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t op = args[0] & MEMOP_CMD_MASK, start_extent = args[0] >> MEMOP_EXTENT_SHIFT;
    const vaddr_t arg = args[1];

    /* As in Xen: the queries take no restart point (-EINVAL), and the
     * machphys commands are only known by their whole cmd (-ENOSYS). */
    switch (op) {
    case XENMEM_maximum_ram_page:
        return start_extent ? -XEN_EINVAL : (long)frames_total();
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return start_extent ? -XEN_EINVAL : reservation(arg, op == XENMEM_maximum_reservation);
    case XENMEM_machphys_mfn_list:
        return start_extent ? -XEN_ENOSYS : machphys_mfn_list(arg);
    case XENMEM_machphys_mapping:
        return start_extent ? -XEN_ENOSYS : machphys_mapping(arg);
    default:
        return -XEN_ENOSYS;
    }
}

/*
 * update_va_mapping_otherdomain(va, lo, hi, flags, domid): update_va_mapping
 * with the frame's owner named.  As Xen's get_pg_owner: the caller's own
 * id or an unknown domain is -ESRCH; another domain's frames need a
 * control domain (-EPERM, as for mmu_update's foreigndom).
 */
long do_update_va_mapping_otherdomain(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const domid_t domid = (domid_t)args[4];

    if (domid == current_domain()->id || !domain_by_id(domid))
        return -XEN_ESRCH;
    if (domid != DOMID_SELF)
        return -XEN_EPERM;
    return do_update_va_mapping(args);
}
