#ifndef HV_SERIAL_H
#define HV_SERIAL_H

void serial_init(void);
void serial_putc(char c);

#endif
