/*
 * guest_access.h - reading and writing guest memory on a hypercall's
 * behalf.  The address must be one the guest could use itself -- below
 * HYPERVISOR_VIRT_START, or for reads also the read-only M2P below
 * GUEST_SEGMENT_MAX_ADDR -- and be mapped with the needed access in the
 * current (guest) address space; anything else -- a hypervisor address,
 * an unmapped or read-only page, a range that wraps -- gives -XEN_EFAULT.  A bad guest pointer never faults the
 * hypervisor: the copy runs under an exception-table fixup.
 */
#ifndef HV_GUEST_ACCESS_H
#define HV_GUEST_ACCESS_H

#include "types.h"

int copy_from_guest(void *dst, vaddr_t src, size_t len);
int copy_to_guest(vaddr_t dst, const void *src, size_t len);

/*
 * Checks without a copy, for calls that refuse before they would read or
 * write a whole structure.  guest_range_ok: [va, va + len) is an address
 * range a guest may name (Xen's guest_handle_okay; nothing is touched).
 * guest_readable / guest_writable: and every page of it is mapped so (0),
 * else -XEN_EFAULT; guest_writable rewrites each byte it probes unchanged.
 */
bool guest_range_ok(vaddr_t va, size_t len);
int guest_readable(vaddr_t va, size_t len);
int guest_writable(vaddr_t va, size_t len);

#endif
