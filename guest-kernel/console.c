/*
 * console.c - the guest kernel's console: formatted output through the
 * console_io hypercall (a PV console ring comes with the split drivers).
 */
#include "../hypercall-abi/hypercall.h"
#include "../hypervisor/lib/lib.h"
#include "console.h"

#define PRINTF_BUF 512

void printf(const char *fmt, ...)
{
    char buf[PRINTF_BUF];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(buf) - 1)
        n = sizeof(buf) - 1;
    hypercall_console_io(CONSOLEIO_write, (uint32_t)n, buf);
}
