/*
 * console.c - the hypervisor console: printk and panic; and console_io,
 * the guests' way to it.
 *
 * Every line the hypervisor prints starts with "(RL) "; guest console
 * output (console_io) is printed line by line with "(dN) ", so interleaved
 * output from several sources stays readable and machine-parsable.
 */
#include "hv.h"
#include "console.h"
#include "serial.h"
#include "machine.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/xen.h"

#define PRINTK_BUF 512
#define CONSOLE_CHUNK 128       /* console_io copies the guest's bytes in these */

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

/* CONSOLEIO_write: print the guest's buffer, copied in chunks. */
static long console_write(uint32_t count, vaddr_t buffer)
{
    char chunk[CONSOLE_CHUNK];

    for (uint32_t done = 0; done < count; done += CONSOLE_CHUNK) {
        uint32_t n = MIN(count - done, (uint32_t)CONSOLE_CHUNK);
        if (done && hypercall_preempt_check()) {
            const uint32_t rest[HYPERCALL_NR_ARGS] = { CONSOLEIO_write, count - done,
                                                       buffer + done };
            return hypercall_continue(__HYPERVISOR_console_io, 3, rest);
        }
        if (copy_from_guest(chunk, buffer + done, n) < 0)
            return -XEN_EFAULT;
        domain_console_write(current_domain(), chunk, n);
    }
    return 0;
}

/* CONSOLEIO_read: hand over the bytes waiting on the serial line. */
static long console_read(uint32_t count, vaddr_t buffer)
{
    uint32_t n = 0;
    int c;

    if (!current_domain()->privileged)
        return -XEN_EPERM;
    if ((int32_t)count < 0)
        return -XEN_E2BIG;
    while (n < count && (c = serial_getc()) >= 0) {
        char byte = (char)c;
        if (copy_to_guest(buffer + n, &byte, 1) < 0)
            return -XEN_EFAULT;
        n++;
    }
    return n;
}

/*
 * console_io(cmd, count, buffer)
 *   CONSOLEIO_write: print `count` bytes of the guest's buffer.  Returns 0;
 *   -XEN_EFAULT if any of it is unreadable (what was read before the bad
 *   byte is printed).  Any domain may write.  Long writes continue
 *   themselves (hypercall_continue), so even a huge count only prints
 *   until the first unreadable byte, as on Xen.
 *   CONSOLEIO_read: up to `count` bytes of serial input into the buffer;
 *   returns how many (0: none waiting).  The privileged domain only
 *   (-XEN_EPERM); -XEN_E2BIG for count >= 2^31; -XEN_EFAULT if the buffer
 *   cannot be written.
 */
long do_console_io(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0], count = args[1];
    const vaddr_t buffer = args[2];

    switch (cmd) {
    case CONSOLEIO_write:
        return console_write(count, buffer);
    case CONSOLEIO_read:
        return console_read(count, buffer);
    default:
        return -XEN_ENOSYS;
    }
}
