/*
 * fpu.h - each vCPU's FPU registers, switched lazily, and the guest's
 * virtual CR0.TS (fpu_taskswitch).  The saved state is the FXSAVE image:
 * x87, MMX and SSE (CR4.OSFXSR is set at boot, so guests may use SSE).
 */
#ifndef HV_FPU_H
#define HV_FPU_H

#define FPU_STATE_SIZE 512
#define FPU_STATE_ALIGN 16

#ifndef __ASSEMBLER__
#include "types.h"
#include "trap.h"

struct vcpu;

/* Before running v: arm CR0.TS unless the FPU already holds v's state and
 * v has not set its virtual TS. */
void fpu_switch_to(struct vcpu *v);
/* #NM from the running guest: load its state; true if the guest itself
 * asked for the trap (its virtual TS is set) and must get #NM. */
bool fpu_device_not_available(struct vcpu *v);
/* v is gone: the FPU no longer holds anything worth saving. */
void fpu_forget(struct vcpu *v);
#endif

#endif
