#ifndef HV_DESC_H
#define HV_DESC_H

#include "types.h"

#include "x86.h"

void desc_init(void);
/* Load a vCPU's TSS.SS1:ESP1 and INT 0x80 gate (NULL: the hypervisor's). */
void desc_load_vcpu(uint32_t ss1, uint32_t esp1, const struct gate_desc *int80);
struct gate_desc desc_guest_trap_gate(uint16_t cs, uint32_t eip, unsigned dpl);
/* Map a domain's own GDT frames into GDT pages 0-13 (the rest: a zero page). */
void desc_load_gdt(const mfn_t *frames, unsigned nr);
bool segment_limits_enforced(void);

#endif
