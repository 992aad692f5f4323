/*
 * sched.h - sched_op (hypercall 29): sched_op(cmd, arg).
 *
 * SCHEDOP_yield     arg unused.  Give the CPU to another runnable domain;
 *                   returns 0 when this domain runs again.
 * SCHEDOP_block     arg unused.  Sleep until an event arrives (planned).
 * SCHEDOP_shutdown  arg points to struct sched_shutdown.  Stops the domain
 *                   with the reason given; does not return on success.
 *                   Errors: -EFAULT (unreadable arg).  Any reason is
 *                   accepted (as Xen does); only poweroff is a clean stop.
 * Unknown commands return -ENOSYS.
 */
#ifndef RINGLEADER_ABI_SCHED_H
#define RINGLEADER_ABI_SCHED_H

#include "xen.h"

#define SCHEDOP_yield     0
#define SCHEDOP_block     1
#define SCHEDOP_shutdown  2
#define SCHEDOP_poll      3

#define SHUTDOWN_poweroff   0   /* clean halt */
#define SHUTDOWN_reboot     1   /* clean reboot request */
#define SHUTDOWN_suspend    2   /* save and halt (not supported) */
#define SHUTDOWN_crash      3   /* the guest crashed */
#define SHUTDOWN_watchdog   4   /* a watchdog expired */
#define SHUTDOWN_soft_reset 5

#ifndef __ASSEMBLER__
struct sched_shutdown {
    uint32_t reason;    /* SHUTDOWN_* */
};
RL_ABI_ASSERT_SIZE(struct sched_shutdown, 4);
#endif

#endif /* RINGLEADER_ABI_SCHED_H */
