/*
 * mmu.h - the page-table hypercalls (mmu.c) as the rest of the hypervisor
 * uses them.  The rules they enforce are mm.c's (mm.h).
 */
#ifndef HV_MMU_H
#define HV_MMU_H

#include "types.h"

struct vcpu;

/* Switch v to another L3 (validated, referenced); loads CR3. */
int mmu_new_baseptr(struct vcpu *v, mfn_t mfn);

#endif /* HV_MMU_H */
