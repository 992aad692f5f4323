/*
 * hv.h - what every hypervisor file needs: console output, panic and
 * assertions.  Errors are split by who is at fault: a broken hypervisor
 * invariant panics (and stops the machine); a guest's mistake is a
 * negative errno or, for a fault, a crash of that domain only.
 */
#ifndef HV_HV_H
#define HV_HV_H

#include "types.h"
#include "../lib/lib.h"

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#define ASSERT(cond) do {                                               \
        if (!(cond))                                                    \
            panic("%s:%d: assertion '%s' failed", __FILE__, __LINE__, #cond); \
    } while (0)

/* Version reported by xen_version: the Xen ABI level we implement. */
#define RL_VERSION_MAJOR 4
#define RL_VERSION_MINOR 17
#define RL_EXTRAVERSION  "-rl"

#endif /* HV_HV_H */
