/*
 * io.h - I/O port numbers of the PC platform devices the hypervisor uses.
 */
#ifndef HV_IO_H
#define HV_IO_H

#define COM1_BASE 0x3F8
#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1

/*
 * QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4,iosize=4):
 * writing V makes QEMU exit with status (V << 1) | 1.
 */
#define DEBUG_EXIT_PORT 0xF4
#define EXIT_ALL_CLEAN  0x10    /* QEMU status 33: every domain powered off */
#define EXIT_DOMAIN_BAD 0x11    /* QEMU status 35: some domain crashed/rebooted */
#define EXIT_PANIC      0x12    /* QEMU status 37: the hypervisor panicked */
#define EXIT_NO_DOMAINS 0x13    /* QEMU status 39: no domain could be built */

#endif /* HV_IO_H */
