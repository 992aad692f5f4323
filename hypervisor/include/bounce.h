#ifndef HV_BOUNCE_H
#define HV_BOUNCE_H

#include "trap.h"

/* Deliver a guest's exception to its handler; false if it has none. */
bool bounce_exception(struct trap_frame *f, uint32_t cr2);
/* A SYSENTER to the guest's callback; false if it has none (#GP(0) then). */
bool bounce_sysenter(struct trap_frame *f);

#endif
