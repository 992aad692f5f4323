/*
 * cpu-emulate-uart: a kernel that drives COM1 directly (IN to wait for
 * the transmitter, OUT to send) reaches the console through the
 * hypervisor's virtual UART, whose line status always reads ready.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "port I/O to COM1 goes to a virtual UART";

#define COM1 0x3F8
#define LSR (COM1 + 5)
#define LSR_THRE 0x20

static void uart_putc(char c)
{
    uint8_t lsr;

    do
        __asm__ volatile ("inb %w1, %b0" : "=a" (lsr) : "d" (LSR));
    while (!(lsr & LSR_THRE));
    __asm__ volatile ("outb %b0, %w1" : : "a" (c), "d" (COM1));
}

void test_main(void)
{
    static const char msg[] = "written to the UART directly\n";

    expect_rc("set_trap_table", traps_init(), 0);
    for (const char *p = msg; *p; p++)
        uart_putc(*p);
    test_success();
}
