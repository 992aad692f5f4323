#ifndef HV_BOUNCE_H
#define HV_BOUNCE_H

#include "trap.h"

/* Deliver a guest's exception to its handler; false if it has none. */
bool bounce_exception(struct trap_frame *f, uint32_t cr2);
/* Is cs one of the flat guest code selectors (base 0, 32-bit)? */
bool flat_code(uint32_t cs);

#endif
