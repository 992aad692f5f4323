/*
 * mmu.h - the page-table hypercalls (mmu.c) as the rest of the hypervisor
 * uses them.  The rules they enforce are mm.c's (mm.h).
 */
#ifndef HV_MMU_H
#define HV_MMU_H

#include "types.h"

struct vcpu;

/* The L1 frame that maps va in v's current address space, or INVALID_MFN
 * (an L3 or L2 entry not present). */
mfn_t mmu_l1_of(const struct vcpu *v, vaddr_t va);

/* Switch v to another L3 (validated, referenced); loads CR3. */
int mmu_new_baseptr(struct vcpu *v, mfn_t mfn);

#endif /* HV_MMU_H */
