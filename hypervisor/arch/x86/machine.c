/*
 * machine.c - stop the machine.  Under QEMU with isa-debug-exit the write
 * ends QEMU with a status the test harness reads; on anything else we
 * halt with interrupts off.
 */
#include "machine.h"
#include "asm.h"
#include "io.h"

static const uint8_t exit_port_value[] = {
    [EXIT_ALL_CLEAN_CODE] = EXIT_ALL_CLEAN,
    [EXIT_DOMAIN_BAD_CODE] = EXIT_DOMAIN_BAD,
    [EXIT_PANIC_CODE] = EXIT_PANIC,
    [EXIT_NO_DOMAINS_CODE] = EXIT_NO_DOMAINS,
};

void machine_exit(enum exit_code code)
{
    outb(DEBUG_EXIT_PORT, exit_port_value[code]);
    halt_forever();
    __builtin_unreachable();
}
