/*
 * lib.h - a small freestanding C library: string functions and formatted
 * output.  Compiled into the hypervisor, the guest kernel and the test
 * guests (each links its own copy), and into the host unit tests.
 */
#ifndef RL_LIB_H
#define RL_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * vsnprintf: %d %i %u %x %X %o %p %s %c %%, with flags '-' '0' '#' ' ' '+',
 * a width and precision (numbers or '*'), and length modifiers hh h l ll z.
 * Writes at most `size` bytes including the NUL; returns the length the
 * full output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* RL_LIB_H */
