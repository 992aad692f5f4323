#ifndef HV_PIT_H
#define HV_PIT_H

#define PIC_IRQ_BASE 0x20       /* the PICs are remapped here */
#define PIC_NR_IRQS  16
#define IRQ_TIMER    0
#define TICK_HZ      100

void pit_init(unsigned hz);

#endif
