/*
 * sched_policy.c - which vCPU runs next: round robin.  Pure logic (no
 * hardware, no globals), so the choices are unit-tested on the host.
 */
#include "sched.h"

int sched_pick_next(const bool *runnable, unsigned n, unsigned cur)
{
    for (unsigned i = 1; i <= n; i++) {
        unsigned slot = (cur + i) % n;
        if (runnable[slot])
            return (int)slot;
    }
    return -1;
}
