#ifndef HV_EMULATE_H
#define HV_EMULATE_H

#include "trap.h"

struct vcpu;

/* A #GP or #UD from a guest: emulate the instruction if the guest may
 * execute it (and step over it); false leaves the fault in f to be
 * delivered -- the one raised, or one the emulation met (a #PF, its
 * address in *cr2). */
bool emulate_privileged(struct trap_frame *f, uint32_t *cr2);

/* v is about to run: the real CR4.TSD becomes its own. */
void emulate_switch_to(const struct vcpu *v);

#endif
