#ifndef HV_SERIAL_H
#define HV_SERIAL_H

void serial_init(void);
void serial_putc(char c);
/* A received byte, or -1 if none is waiting. */
int serial_getc(void);

#endif
