/*
 * pit.c - the 8254 programmable interval timer, channel 0, as the
 * scheduler's tick: a periodic interrupt on IRQ 0 (vector PIC_IRQ_BASE).
 * Guests run with interrupts enabled and cannot disable them (CLI in
 * ring 1 with IOPL 0 faults), so the tick always reaches the hypervisor.
 */
#include "hv.h"
#include "asm.h"
#include "io.h"
#include "pit.h"

#define PIT_CH0_DATA   0x40
#define PIT_CMD        0x43
#define PIT_INPUT_HZ   1193182U
#define PIT_CMD_CH0_LOHI_RATE 0x34  /* channel 0, lo/hi byte, mode 2 */

void pit_init(unsigned hz)
{
    uint32_t divisor = PIT_INPUT_HZ / hz;

    outb(PIT_CMD, PIT_CMD_CH0_LOHI_RATE);
    outb(PIT_CH0_DATA, (uint8_t)divisor);
    outb(PIT_CH0_DATA, (uint8_t)(divisor >> 8));
}
