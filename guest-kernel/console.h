#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
