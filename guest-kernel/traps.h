#ifndef GUEST_TRAPS_H
#define GUEST_TRAPS_H

#include "../hypercall-abi/hypercall.h"

/* Register the kernel's trap handlers; shared is its mapped shared_info
 * (for CR2).  Returns set_trap_table's result. */
long traps_init(const struct shared_info *shared);

#endif
