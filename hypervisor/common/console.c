/*
 * console.c - the hypervisor console: printk and panic.
 *
 * Every line the hypervisor prints starts with "(RL) "; guest console
 * output (console_io) is printed line by line with "(dN) ", so interleaved
 * output from several sources stays readable and machine-parsable.
 */
#include "hv.h"
#include "console.h"
#include "serial.h"
#include "machine.h"

#define PRINTK_BUF 512

static bool at_line_start = true;

static void console_puts_prefixed(const char *prefix, const char *s)
{
    for (; *s; s++) {
        if (at_line_start)
            for (const char *p = prefix; *p; p++)
                serial_putc(*p);
        serial_putc(*s);
        at_line_start = (*s == '\n');
    }
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[PRINTK_BUF];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    console_puts_prefixed("(RL) ", buf);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    if (!at_line_start)
        console_puts_prefixed("", "\n");
    printk("*** HYPERVISOR PANIC: ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    machine_exit(EXIT_PANIC_CODE);
}

/*
 * Print one complete line of guest output.  Control characters other than
 * tab are shown as '?', so a guest cannot forge a hypervisor line or drive
 * the terminal.
 */
void console_guest_line(uint16_t domid, const char *line, size_t len)
{
    char prefix[16];

    snprintf(prefix, sizeof(prefix), "(d%u) ", domid);
    if (!at_line_start)
        serial_putc('\n');
    for (const char *p = prefix; *p; p++)
        serial_putc(*p);
    for (size_t i = 0; i < len; i++) {
        char c = line[i];
        serial_putc((c >= ' ' && c < 0x7F) || c == '\t' ? c : '?');
    }
    serial_putc('\n');
    at_line_start = true;
}
