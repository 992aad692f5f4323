/*
 * guest_seg.h - a guest's segments, as the CPU would use them (guest_seg.c):
 * where the hypervisor, acting for a guest, reads its instruction bytes or
 * writes a trap frame on its stack.
 */
#ifndef HV_GUEST_SEG_H
#define HV_GUEST_SEG_H

#include "types.h"

struct vcpu;

/* A segment a guest may use: base, last valid offset, 32-bit or not. */
struct guest_seg {
    uint32_t base;
    uint32_t limit;         /* the last byte's offset, in bytes */
    bool code;              /* a code segment (else writable data) */
    bool big;               /* D/B: 32-bit code or stack */
};

/*
 * The descriptor sel names in v's GDT (its own pages, or the hypervisor's
 * reserved page) or LDT, if it is present, an expand-up code or writable
 * data segment with DPL == RPL == `ring`.  False for anything else: a
 * null, system or absent descriptor, one past the table's end, a ring
 * mismatch.  The guest's tables are read in software, with the same
 * bounds the CPU applies (never beyond the LDT's entries: XSA-298).
 */
bool guest_segment(struct vcpu *v, uint16_t sel, unsigned ring, struct guest_seg *seg);

/* The linear address of [offset, offset + len) in seg, if it is inside the
 * segment and does not wrap 4 GiB. */
bool guest_seg_linear(const struct guest_seg *seg, uint32_t offset, uint32_t len, vaddr_t *lin);

/*
 * Decode the instruction at the running vCPU's CS:EIP (frame f), as far
 * as its bytes can be read: false if CS is no 32-bit code segment of the
 * interrupted ring (the decoder assumes CS.D = 1) or nothing decodes.
 */
struct trap_frame;
struct x86_insn;
bool guest_fetch_insn(struct vcpu *v, const struct trap_frame *f, struct x86_insn *insn);

#endif /* HV_GUEST_SEG_H */
