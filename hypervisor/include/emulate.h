#ifndef HV_EMULATE_H
#define HV_EMULATE_H

#include "trap.h"

/* A #GP or #UD from a guest: emulate the instruction if the guest may
 * execute it (and step over it); false leaves the fault to be delivered. */
bool emulate_privileged(struct trap_frame *f);

#endif
