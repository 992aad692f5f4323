/*
 * vcpu_op.c - vcpu_op and set_timer_op, before Ringleader has per-vCPU
 * timers or registered guest areas.
 *
 * A domain has one vCPU, 0, up and running, with no timer set: the
 * answers that follow from that alone are Xen 4.17's (common/domain.c
 * common_vcpu_op and common/compat/domain.c): another vCPU id is -ENOENT,
 * initialise is -EEXIST, up and the timer stops are 0, is_up is 1.  The
 * rest check their arguments as Xen does (-EFAULT, a period under 1 ms or
 * of 2^62 ns or more -EINVAL, a vcpu_info placement that leaves its page
 * or is misaligned -ENXIO, a frame not the caller's -EINVAL) and are then
 * -ENOSYS.  get_physid is only for the hardware domain's pinned vCPUs
 * (-EINVAL here, as for any other domain); send_nmi takes no argument.
 * set_timer_op(0) cancels the one-shot timer (none is set: 0).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "frame.h"
#include "sched.h"
#include "memlayout.h"
#include "../../hypercall-abi/vcpu.h"

#define MIN_PERIOD_NS 1000000ULL        /* Xen's MILLISECS(1) */
#define MAX_PERIOD_NS (~0ULL >> 2)      /* Xen's STIME_DELTA_MAX */
#define VCPU_INFO_ALIGN 4               /* of the 32-bit vcpu_info */
#define VCPU_TIME_INFO_SIZE 32

static long set_periodic_timer(vaddr_t arg)
{
    struct vcpu_set_periodic_timer t;

    if (copy_from_guest(&t, arg, sizeof(t)) < 0)
        return -XEN_EFAULT;
    if (t.period_ns < MIN_PERIOD_NS || t.period_ns > MAX_PERIOD_NS)
        return -XEN_EINVAL;
    return -XEN_ENOSYS;
}

/* Xen reads only the handle's 32 bits, then checks the area's range. */
static long register_area(vaddr_t arg, size_t area_size)
{
    uint32_t area;

    if (copy_from_guest(&area, arg, sizeof(area)) < 0 || !guest_range_ok(area, area_size))
        return -XEN_EFAULT;
    return -XEN_ENOSYS;
}

static long register_vcpu_info(vaddr_t arg)
{
    struct vcpu_register_vcpu_info info;

    if (copy_from_guest(&info, arg, sizeof(info)) < 0)
        return -XEN_EFAULT;
    if (info.offset > PAGE_SIZE - sizeof(struct vcpu_info) || info.offset % VCPU_INFO_ALIGN)
        return -XEN_ENXIO;
    if (!frame_owned_by(info.mfn, current_domain()->id))
        return -XEN_EINVAL;
    return -XEN_ENOSYS;
}

/* Commands whose argument is only read (or written) before -ENOSYS. */
static long checked_arg(uint32_t cmd, vaddr_t arg)
{
    switch (cmd) {
    case VCPUOP_initialise:             /* vCPU 0 has been running all along */
        return guest_readable(arg, VCPU_GUEST_CONTEXT_SIZE) ?: -XEN_EEXIST;
    case VCPUOP_get_runstate_info:
        return guest_writable(arg, VCPU_RUNSTATE_INFO_SIZE) ?: -XEN_ENOSYS;
    case VCPUOP_set_singleshot_timer:
        return guest_readable(arg, sizeof(struct vcpu_set_singleshot_timer)) ?: -XEN_ENOSYS;
    case VCPUOP_send_nmi:
        return arg ? -XEN_EINVAL : -XEN_ENOSYS;
    default:                            /* VCPUOP_get_physid */
        return -XEN_EINVAL;
    }
}

/* vcpu_op(cmd, vcpuid, arg): see hypercall-abi/vcpu.h. */
long do_vcpu_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0], vcpu = args[1];
    const vaddr_t arg = args[2];

    if (vcpu != 0)
        return -XEN_ENOENT;
    switch (cmd) {
    case VCPUOP_up:
    case VCPUOP_stop_periodic_timer:
    case VCPUOP_stop_singleshot_timer:
        return 0;
    case VCPUOP_is_up:
        return 1;
    case VCPUOP_set_periodic_timer:
        return set_periodic_timer(arg);
    case VCPUOP_register_runstate_memory_area:
        return register_area(arg, VCPU_RUNSTATE_INFO_SIZE);
    case VCPUOP_register_vcpu_time_memory_area:
        return register_area(arg, VCPU_TIME_INFO_SIZE);
    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(arg);
    case VCPUOP_initialise:
    case VCPUOP_get_runstate_info:
    case VCPUOP_set_singleshot_timer:
    case VCPUOP_send_nmi:
    case VCPUOP_get_physid:
        return checked_arg(cmd, arg);
    default:                            /* VCPUOP_down would stop the domain */
        return -XEN_ENOSYS;
    }
}

/* set_timer_op(lo, hi): the one-shot timer's deadline; 0 cancels it. */
long do_set_timer_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return args[0] == 0 && args[1] == 0 ? 0 : -XEN_ENOSYS;
}

