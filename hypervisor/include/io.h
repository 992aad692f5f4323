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

/* QEMU's isa-debug-exit device: see machine.h for the values written. */
#define DEBUG_EXIT_PORT 0xF4

#endif /* HV_IO_H */
