/*
 * memory.h - memory_op (hypercall 12): memory_op(cmd, arg).
 *
 * Implemented:
 *   XENMEM_maximum_ram_page      arg unused.  Returns the number of machine
 *                                frames the hypervisor manages (highest + 1).
 *   XENMEM_current_reservation   arg -> domid_t.  Returns the domain's pages.
 *   XENMEM_maximum_reservation   arg -> domid_t.  Returns the most pages the
 *                                domain may have (its static allocation).
 *     For both: DOMID_SELF or the caller's own id; another domain's id needs
 *     a privileged caller (-XEN_EPERM), an unknown one (DOMID_IO and
 *     DOMID_XEN included) gives -XEN_ESRCH, an unreadable arg -XEN_EFAULT.
 *   XENMEM_machphys_mfn_list     arg -> struct xen_machphys_mfn_list.  Writes
 *                                the machine frames holding the M2P, one per
 *                                2 MiB of it, up to max_extents; sets
 *                                nr_extents.  -XEN_EFAULT for a bad pointer.
 *   XENMEM_machphys_mapping      arg -> struct xen_machphys_mapping.  Where
 *                                the read-only M2P is, and the last MFN it
 *                                has an entry for (its size in whole pages,
 *                                so possibly past the end of RAM).
 * Anything else: -XEN_ENOSYS.
 */
#ifndef RINGLEADER_ABI_MEMORY_H
#define RINGLEADER_ABI_MEMORY_H

#include "xen.h"

#define XENMEM_increase_reservation  0
#define XENMEM_decrease_reservation  1
#define XENMEM_maximum_ram_page      2
#define XENMEM_current_reservation   3
#define XENMEM_maximum_reservation   4
#define XENMEM_machphys_mfn_list     5
#define XENMEM_populate_physmap      6
#define XENMEM_machphys_mapping     12

/* The M2P is made of 2 MiB extents: one MFN is reported per extent. */
#define XENMEM_MACHPHYS_EXTENT_SIZE (2U << 20)

#ifndef __ASSEMBLER__
struct xen_machphys_mfn_list {
    uint32_t max_extents;       /* IN: room in extent_start */
    uint32_t extent_start;      /* IN: guest pointer to xen_pfn_t[max_extents] */
    uint32_t nr_extents;        /* OUT: how many were written */
};
RL_ABI_ASSERT_SIZE(struct xen_machphys_mfn_list, 12);

struct xen_machphys_mapping {
    uint32_t v_start, v_end;    /* OUT: the M2P's virtual range */
    uint32_t max_mfn;           /* OUT: the highest MFN it has an entry for */
};
RL_ABI_ASSERT_SIZE(struct xen_machphys_mapping, 12);
#endif

#endif /* RINGLEADER_ABI_MEMORY_H */
