/*
 * ioport.c - port I/O on a guest's behalf, each port by its use to the
 * domain (common/ioport_map.c): the virtual UART on COM1, the latched RTC
 * index, the hypervisor's own ports (all-ones, dropped) and, for domain
 * 0, the devices themselves.  The hypervisor runs with interrupts off, so
 * the RTC's index-then-data pair is never split by its own use of it.
 */
#include "hv.h"
#include "ioport.h"
#include "domain.h"
#include "asm.h"

#define UART_THR 0      /* transmit (DLAB 0) / divisor low (DLAB 1) */
#define UART_IIR 2
#define UART_LCR 3
#define UART_LSR 5
#define UART_MSR 6
#define UART_LCR_DLAB 0x80
#define UART_LSR_IDLE 0x60          /* THRE | TEMT: always ready to send */
#define UART_IIR_NONE 0x01
#define RTC_INDEX_MASK 0x7F         /* the CMOS byte; bit 7 is the NMI mask */
#define EMPTY_BUS 0xFF

/* The virtual UART on COM1: enough of a 16550 for a polling writer. */
static uint8_t uart_read(const struct domain *d, unsigned offset)
{
    switch (offset) {
    case UART_THR: return 0;                        /* no input */
    case UART_IIR: return UART_IIR_NONE;
    case UART_LSR: return UART_LSR_IDLE;
    case UART_MSR: return 0;
    default: return d->uart_regs[offset];
    }
}

static void uart_write(struct domain *d, unsigned offset, uint8_t val)
{
    if (offset == UART_THR && !(d->uart_regs[UART_LCR] & UART_LCR_DLAB)) {
        char c = (char)val;
        domain_console_write(d, &c, 1);
    } else {
        d->uart_regs[offset] = val;
    }
}

static uint8_t read_byte(struct domain *d, uint32_t port)
{
    switch (ioport_use(port, d->privileged)) {
    case IOPORT_UART:
        return uart_read(d, port - COM1_BASE);
    case IOPORT_RTC_INDEX:
        return d->rtc_index;
    case IOPORT_RTC_DATA:
        outb(RTC_INDEX, d->rtc_index & RTC_INDEX_MASK);
        return inb(RTC_DATA);
    case IOPORT_DIRECT:
        return inb((uint16_t)port);
    default:
        return EMPTY_BUS;
    }
}

static void write_byte(struct domain *d, uint32_t port, uint8_t val)
{
    switch (ioport_use(port, d->privileged)) {
    case IOPORT_UART:
        uart_write(d, port - COM1_BASE, val);
        break;
    case IOPORT_RTC_INDEX:
        d->rtc_index = val;
        break;
    case IOPORT_RTC_DATA:
        outb(RTC_INDEX, d->rtc_index & RTC_INDEX_MASK);
        outb(RTC_DATA, val);
        break;
    case IOPORT_DIRECT:
        outb((uint16_t)port, val);
        break;
    default:
        break;                  /* the hypervisor's, or nothing: dropped */
    }
}

bool ioport_usable(const struct domain *d, uint16_t port, unsigned size)
{
    for (uint32_t p = port; p < (uint32_t)port + size; p++)
        if (ioport_use(p, d->privileged) == IOPORT_REFUSED)
            return false;
    return true;
}

/* Wider than a byte, and every port the device's: one real access. */
static bool one_access(const struct domain *d, uint16_t port, unsigned size)
{
    if (size == 1)
        return false;
    for (uint32_t p = port; p < (uint32_t)port + size; p++)
        if (ioport_use(p, d->privileged) != IOPORT_DIRECT)
            return false;
    return true;
}

bool ioport_read(struct domain *d, uint16_t port, unsigned size, uint32_t *val)
{
    if (!ioport_usable(d, port, size))
        return false;
    if (one_access(d, port, size)) {
        *val = size == 4 ? inl(port) : inw(port);
        return true;
    }
    *val = 0;
    for (unsigned i = 0; i < size; i++)
        *val |= (uint32_t)read_byte(d, (uint32_t)port + i) << (8 * i);
    return true;
}

bool ioport_write(struct domain *d, uint16_t port, unsigned size, uint32_t val)
{
    if (!ioport_usable(d, port, size))
        return false;
    if (one_access(d, port, size) && size == 4)
        outl(port, val);
    else if (one_access(d, port, size))
        outw(port, (uint16_t)val);
    else
        for (unsigned i = 0; i < size; i++)
            write_byte(d, (uint32_t)port + i, (uint8_t)(val >> (8 * i)));
    return true;
}
