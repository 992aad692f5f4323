/*
 * fpu.h - the size of a domain's saved FPU state (FNSAVE format: x87 and
 * MMX; SSE stays disabled, CR4.OSFXSR clear).  Kept apart from asm.h so
 * that struct domain needs no inline assembly.
 */
#ifndef HV_FPU_H
#define HV_FPU_H

#define FPU_STATE_SIZE 108

#endif
