/*
 * machine.h - leaving the machine: QEMU's isa-debug-exit device.
 */
#ifndef HV_MACHINE_H
#define HV_MACHINE_H

#include "types.h"

/*
 * The value written to QEMU's isa-debug-exit device
 * (-device isa-debug-exit,iobase=0xf4,iosize=4): QEMU then exits with
 * status (value << 1) | 1, which tools/qemu.sh turns back into 0-3.
 */
enum exit_code {
    EXIT_ALL_CLEAN_CODE = 0x10,     /* QEMU 33: every domain powered off */
    EXIT_DOMAIN_BAD_CODE = 0x11,    /* QEMU 35: a domain crashed or did not power off */
    EXIT_PANIC_CODE = 0x12,         /* QEMU 37: the hypervisor itself failed */
    EXIT_NO_DOMAINS_CODE = 0x13,    /* QEMU 39: no module could be built into a domain */
};

void machine_exit(enum exit_code code) __attribute__((noreturn));

#endif
