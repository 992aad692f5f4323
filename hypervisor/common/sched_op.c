/*
 * sched_op.c - the sched_op hypercall: a domain's requests to the
 * scheduler (yield, shutdown).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/sched.h"

/*
 * sched_op(cmd, arg)
 *   SCHEDOP_yield: let other domains run; returns 0.
 *   SCHEDOP_shutdown: arg -> struct sched_shutdown.  Stops the domain
 *     (never returns); -XEN_EFAULT for an unreadable arg.  As on Xen, any
 *     reason is accepted (truncated to 8 bits): one that is not
 *     SHUTDOWN_poweroff counts as an unclean stop.
 *   SCHEDOP_block, SCHEDOP_poll and the rest: -XEN_ENOSYS for now.
 */
long do_sched_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];
    const vaddr_t arg = args[1];
    struct sched_shutdown req;

    switch (cmd) {
    case SCHEDOP_yield:
        sched_request_switch();
        return 0;
    case SCHEDOP_shutdown:
        if (copy_from_guest(&req, arg, sizeof(req)) < 0)
            return -XEN_EFAULT;
        domain_shutdown(current_domain(), (uint8_t)req.reason);
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

/*
 * sched_op_compat(cmd, arg): the legacy form, as Xen's arch/x86/compat.c
 * keeps it: yield and block are sched_op's, shutdown takes the reason
 * itself rather than a pointer to it.
 */
long do_sched_op_compat(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];

    switch (cmd) {
    case SCHEDOP_yield:
    case SCHEDOP_block: {
        const uint32_t call[HYPERCALL_NR_ARGS] = { cmd, 0 };
        return do_sched_op(call);
    }
    case SCHEDOP_shutdown:
        domain_shutdown(current_domain(), (uint8_t)args[1]);
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}
