/*
 * guest_descriptor.h - checking the segment descriptors a guest puts in its own
 * GDT (set_gdt, update_descriptor), as Xen's check_descriptor() does for a
 * 32-bit guest.  Pure logic, unit-testable.
 */
#ifndef HV_GUEST_DESCRIPTOR_H
#define HV_GUEST_DESCRIPTOR_H

#include "types.h"

/*
 * Check one descriptor (low word `lo`, high word `hi`) and fix it in place
 * where Xen does: DPL 0 becomes DPL 1; a page-granular, expand-up segment
 * reaching into the hypervisor is truncated to end at
 * GUEST_SEGMENT_MAX_ADDR (as native 32-bit Xen did); the accessed bit is
 * set, so the CPU never writes the read-only GDT.  Refused (false): every
 * expand-down data segment, a byte-granular segment or one based less
 * than a page below the hole that would need truncating, a segment based
 * in the hypervisor, and every system descriptor (TSS, LDT, gates).  A
 * descriptor that is not present is accepted as it is.
 */
bool descriptor_check(uint32_t *lo, uint32_t *hi);

#endif
