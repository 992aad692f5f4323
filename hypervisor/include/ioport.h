/*
 * ioport.h - port I/O on a guest's behalf: which ports a domain may use
 * (common/ioport_map.c, pure logic) and the accesses themselves
 * (arch/x86/ioport.c).  Whether the guest's ring and virtual IOPL let it
 * try at all is emulate.c's question (iopl.h).
 */
#ifndef HV_IOPORT_H
#define HV_IOPORT_H

#include "types.h"
#include "io.h"

#define IOPORT_SPACE 0x10000U   /* ports 0-0xFFFF; an access past the top meets nothing */
#define COM1_PORTS   8
#define RTC_INDEX    0x70       /* bit 7 also masks NMIs at the chip */
#define RTC_DATA     0x71

/* What one port is to a domain. */
enum ioport_use {
    IOPORT_REFUSED,     /* not its port: the access is #GP */
    IOPORT_UART,        /* COM1: the domain's own virtual UART */
    IOPORT_RTC_INDEX,   /* the RTC index: latched per domain */
    IOPORT_RTC_DATA,    /* the RTC data: the CMOS byte the latch names */
    IOPORT_KEPT,        /* the hypervisor's: reads all-ones, writes dropped */
    IOPORT_DIRECT,      /* the device itself */
};

/* The use of `port` (which may lie past 0xFFFF, at the end of a wide
 * access) to a domain, privileged (domain 0) or not. */
enum ioport_use ioport_use(uint32_t port, bool privileged);

struct domain;

/* May d use every port of a `size`-byte access at `port`? */
bool ioport_usable(const struct domain *d, uint16_t port, unsigned size);

/*
 * An IN or OUT of `size` bytes (1, 2 or 4) at `port` by d.  False if any
 * of the ports is refused to d; nothing is then read or written.  An
 * access whose every port is direct is made as it is; any other is made
 * a byte at a time, each port by its use.
 */
bool ioport_read(struct domain *d, uint16_t port, unsigned size, uint32_t *val);
bool ioport_write(struct domain *d, uint16_t port, unsigned size, uint32_t val);

#endif /* HV_IOPORT_H */
