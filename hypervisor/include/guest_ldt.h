/*
 * guest_ldt.h - a vCPU's own LDT (guest_ldt.c): MMUEXT_SET_LDT, and the
 * LDT pages mapped on demand in the per-domain area.
 */
#ifndef HV_GUEST_LDT_H
#define HV_GUEST_LDT_H

#include "types.h"
#include "x86.h"

struct vcpu;

/* MMUEXT_SET_LDT for v (the running vCPU): see hypercall-abi/mmu.h. */
int guest_ldt_set(struct vcpu *v, uint32_t base, uint32_t entries);

/*
 * A page fault at *cr2.  NOT_LDT: not in the LDT window, someone else's
 * business.  MAPPED: the running vCPU's LDT page is now there; retry the
 * instruction.  REFUSED: that page may not be mapped; *cr2 is now the
 * guest's own address of the byte, for the #PF the guest is owed.
 */
enum ldt_fault { LDT_FAULT_NOT_LDT, LDT_FAULT_MAPPED, LDT_FAULT_REFUSED };
enum ldt_fault ldt_fault(uint32_t *cr2);

/*
 * Descriptor `index` of the running vCPU v's LDT, read in software: false
 * past its entries, or if its page cannot be mapped (then the CPU would
 * have faulted too).
 */
bool guest_ldt_descriptor(struct vcpu *v, unsigned index, struct seg_desc *d);

/* v switched address space: its LDT pages are looked up again. */
void guest_ldt_new_baseptr(struct vcpu *v);
/* v is about to run: its LDT pages and LDTR. */
void guest_ldt_load(const struct vcpu *v);
/* v is dead: drop its LDT pages. */
void guest_ldt_release(struct vcpu *v);

#endif /* HV_GUEST_LDT_H */
