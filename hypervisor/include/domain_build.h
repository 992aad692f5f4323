#ifndef HV_DOMAIN_BUILD_H
#define HV_DOMAIN_BUILD_H

#include "multiboot.h"

/* Build a domain from a guest-kernel module; on failure print why and
 * return -1, leaving no trace (every frame freed). */
int domain_build(const struct boot_module *m);

#endif
