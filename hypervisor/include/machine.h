/*
 * machine.h - leaving the machine: QEMU's isa-debug-exit device.
 */
#ifndef HV_MACHINE_H
#define HV_MACHINE_H

#include "types.h"

enum exit_code {
    EXIT_ALL_CLEAN_CODE,    /* every domain powered off */
    EXIT_DOMAIN_BAD_CODE,   /* a domain crashed or did not power off */
    EXIT_PANIC_CODE,        /* the hypervisor itself failed */
    EXIT_NO_DOMAINS_CODE,   /* no module could be built into a domain */
};

void machine_exit(enum exit_code code) __attribute__((noreturn));

#endif
