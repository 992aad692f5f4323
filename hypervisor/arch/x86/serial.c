/*
 * serial.c - COM1, polled: 115200 baud, 8 data bits, no parity, 1 stop bit.
 * The hypervisor's console and every guest's console_io output go here.
 */
#include "serial.h"
#include "asm.h"
#include "io.h"

#define UART_DATA  0    /* THR/RBR; divisor low with DLAB */
#define UART_IER   1    /* interrupt enable; divisor high with DLAB */
#define UART_FCR   2
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1  0x03
#define UART_FCR_ENABLE_CLEAR 0x07
#define UART_MCR_DTR_RTS 0x03
#define UART_LSR_THRE 0x20      /* transmit holding register empty */
#define UART_LSR_DR   0x01      /* a received byte is waiting */
#define UART_BAUD_DIVISOR 1     /* 115200 = 115200 / 1 */

void serial_init(void)
{
    outb(COM1_BASE + UART_IER, 0);
    outb(COM1_BASE + UART_LCR, UART_LCR_DLAB);
    outb(COM1_BASE + UART_DATA, UART_BAUD_DIVISOR & 0xFF);
    outb(COM1_BASE + UART_IER, UART_BAUD_DIVISOR >> 8);
    outb(COM1_BASE + UART_LCR, UART_LCR_8N1);
    outb(COM1_BASE + UART_FCR, UART_FCR_ENABLE_CLEAR);
    outb(COM1_BASE + UART_MCR, UART_MCR_DTR_RTS);
}

void serial_putc(char c)
{
    if (c == '\n')
        serial_putc('\r');
    while (!(inb(COM1_BASE + UART_LSR) & UART_LSR_THRE))
        ;
    outb(COM1_BASE + UART_DATA, (uint8_t)c);
}

int serial_getc(void)
{
    if (!(inb(COM1_BASE + UART_LSR) & UART_LSR_DR))
        return -1;
    return inb(COM1_BASE + UART_DATA);
}
