#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include "types.h"

void console_guest_line(uint16_t domid, const char *line, size_t len);

#endif
