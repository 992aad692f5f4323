#ifndef HV_DESC_H
#define HV_DESC_H

#include "types.h"

#include "x86.h"

void desc_init(void);
/* The page of the IDT, the TSS and the hypervisor view's CR3 (direct map). */
const void *desc_entry_page(void);
/* The gate to the hypervisor's stub for `vector`, raisable from rings <= dpl. */
struct gate_desc desc_hypervisor_gate(unsigned vector, unsigned dpl);
/* Load a vCPU's TSS.SS1:ESP1 and INT 0x80 gate (NULL: the hypervisor's). */
void desc_load_vcpu(uint32_t ss1, uint32_t esp1, const struct gate_desc *int80);
/* Map a domain's own GDT frames into GDT pages 0-13 (the rest: a zero page). */
/* Where the CPU pushes a frame on entry from ring 1 or 3 (TSS.ESP0). */
void desc_set_entry_stack(uint32_t esp0);
void desc_load_gdt(const mfn_t *frames, unsigned nr);
/* Entry `index` of the hypervisor's reserved GDT page, if within the GDT. */
bool desc_hv_gdt_entry(unsigned index, struct seg_desc *d);
/*
 * Load LDTR: a vCPU's LDT of `entries` descriptors (in the per-domain
 * area), or with 0 a null LDT.  LDTR's reset state is base 0, limit
 * 0xFFFF: left alone, the CPU would read LDT descriptors from whatever the
 * running guest maps at linear 0-0xFFFF, and a call gate there naming
 * HV_CS runs guest code in ring 0.  With a null LDTR every selector with
 * TI set takes #GP(selector), as on Xen for a guest without an LDT.
 */
void desc_load_ldt(unsigned entries);
bool segment_limits_enforced(void);

#endif
