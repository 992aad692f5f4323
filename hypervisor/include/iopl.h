/*
 * iopl.h - a vCPU's virtual I/O privilege level (physdev.c): what it lets
 * the guest do, and where the guest sees it.
 */
#ifndef HV_IOPL_H
#define HV_IOPL_H

#include "domain.h"

/* May code in `ring` use CLI, STI and the ports its domain has?  Xen's
 * iopl_ok(): ring 1 counts as ring 1, or as ring 0 under the
 * architectural_iopl assist; any other ring counts as ring 3. */
bool iopl_allows(const struct vcpu *v, unsigned ring);

/* The EFLAGS.IOPL bits of a frame the hypervisor writes for the guest: the
 * virtual level under architectural_iopl, else 0 (the real IOPL). */
uint32_t iopl_frame_bits(const struct vcpu *v);

/* An iret hypercall's EFLAGS: under architectural_iopl its IOPL becomes
 * the virtual level, as a ring-0 iret would set the real one. */
void iopl_from_iret(struct vcpu *v, uint32_t eflags);

#endif /* HV_IOPL_H */
