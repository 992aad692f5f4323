/*
 * ioport_map.c - the port space as each domain sees it (see ioport.h).
 *
 *   0x020-0x021, 0x0A0-0x0A1  the PICs          the hypervisor's: it takes
 *   0x040-0x043               the PIT           every interrupt and drives
 *   0x0F4-0x0F7               isa-debug-exit    the timer and the exit
 *   0x070                     RTC index         latched per domain
 *   0x071                     RTC data          domain 0: the real CMOS byte
 *   0x3F8-0x3FF               COM1              every domain's virtual UART
 *   anything else                               domain 0: the device itself
 *
 * Domain 0 is the hardware domain, as on Xen, where the hypervisor keeps
 * the PICs, the PIT and its own UART and lets dom0 have every other port;
 * a read of a port the hypervisor keeps gives all-ones and a write is
 * dropped, as Xen answers (pv/emul-priv-op.c).  The RTC index is latched
 * rather than written through, as on Xen, so bit 7 -- the NMI mask -- never
 * reaches the chip.  Other domains have only their UART: anything else is
 * #GP (Xen would let them read all-ones; a clear fault is more useful to a
 * kernel that has no business there).
 */
#include "ioport.h"

#define PIC1_LAST 0x21
#define PIC2_LAST 0xA1
#define PIT_FIRST 0x40
#define PIT_LAST  0x43
#define DEBUG_EXIT_LAST (DEBUG_EXIT_PORT + 3)

struct port_range {
    uint32_t first, last;
};

/* The ports the hypervisor itself drives (grep outb/inb in hypervisor/). */
static const struct port_range kept[] = {
    { PIC1_CMD, PIC1_LAST },
    { PIT_FIRST, PIT_LAST },
    { PIC2_CMD, PIC2_LAST },
    { DEBUG_EXIT_PORT, DEBUG_EXIT_LAST },
};

static bool is_kept(uint32_t port)
{
    if (port >= IOPORT_SPACE)
        return true;            /* nothing there: read as an empty bus */
    for (unsigned i = 0; i < ARRAY_SIZE(kept); i++)
        if (port >= kept[i].first && port <= kept[i].last)
            return true;
    return false;
}

enum ioport_use ioport_use(uint32_t port, bool privileged)
{
    if (port >= COM1_BASE && port < COM1_BASE + COM1_PORTS)
        return IOPORT_UART;
    if (!privileged)
        return IOPORT_REFUSED;
    if (port == RTC_INDEX)
        return IOPORT_RTC_INDEX;
    if (port == RTC_DATA)
        return IOPORT_RTC_DATA;
    return is_kept(port) ? IOPORT_KEPT : IOPORT_DIRECT;
}
