/*
 * sched.h - the scheduler: round robin over runnable vCPUs.  A vCPU
 * runs until it yields, stops, or its time slice (SLICE_TICKS timer
 * ticks) ends.
 */
#ifndef HV_SCHED_H
#define HV_SCHED_H

#include "types.h"
#include "trap.h"

struct domain;
struct vcpu;

/* The vCPU on this CPU, and its domain. */
struct vcpu *current_vcpu(void);
struct domain *current_domain(void);
/* Ask for a scheduling decision before returning to a guest. */
void sched_request_switch(void);
#define SLICE_TICKS 3     /* 30 ms at 100 Hz */

/* The timer interrupted a guest: end its slice when it is used up. */
void sched_tick(void);
/* Called at the end of every entry from a guest: switch if asked to.
 * Inline, because every hypercall ends here and almost none switches. */
extern bool sched_switch_requested;
void sched_switch(struct trap_frame *f);
static inline void sched_switch_if_needed(struct trap_frame *f)
{
    if (sched_switch_requested)
        sched_switch(f);
}
/* Run the first domain; never returns. */
void sched_start(void) __attribute__((noreturn));
/*
 * Round robin (sched_policy.c): the first slot after `cur` (wrapping,
 * `cur` itself last) whose entry in `runnable` is true, or -1.
 */
int sched_pick_next(const bool *runnable, unsigned n, unsigned cur);

#endif
