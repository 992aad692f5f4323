/*
 * debugreg.h - a vCPU's debug registers (debugreg.c).
 */
#ifndef HV_DEBUGREG_H
#define HV_DEBUGREG_H

#include "types.h"

struct vcpu;

/* A new vCPU's registers: no breakpoint, DR6/DR7 as after reset. */
void debugreg_init(struct vcpu *v);
/* v is about to run: its breakpoints into the CPU, or none. */
void debugreg_load(const struct vcpu *v);
/* Xen's set_debugreg/get_debugreg rules: 0 or -XEN_EPERM/-EINVAL/-ENODEV. */
int debugreg_set(struct vcpu *v, unsigned reg, uint32_t val);
int debugreg_get(const struct vcpu *v, unsigned reg, uint32_t *val);
/* A #DB for v (the running vCPU): fold the CPU's DR6 and `events` (DR6
 * bits that are set for an event, such as DR6_BS) into v's DR6. */
void debugreg_trap(struct vcpu *v, uint32_t events);

#endif /* HV_DEBUGREG_H */
