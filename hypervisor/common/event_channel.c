/*
 * event_channel.c - event_channel_op before there are event channels.
 *
 * Ringleader cannot bind a port yet (a later issue), so each command
 * answers as Xen 4.17's common/event_channel.c answers a domain that has
 * none bound: the same checks in the same order -- the argument is read
 * whole first (-EFAULT), then domain ids (-ESRCH), vCPU ids (-ENOENT:
 * there is only vCPU 0), VIRQ and PIRQ numbers (-EINVAL), ports -- and
 * where Xen would then bind, report or change a port, -ENOSYS.  Since no
 * port is ever bound (port 0 is reserved, the rest are free), closing,
 * sending on or rebinding any port is -EINVAL on Xen whatever the port,
 * and so here; a reset has nothing to close (0); expand_array and
 * set_priority need the FIFO ABI, which init_control never enables.
 * event_channel_op_compat is the legacy form (Xen's arch/x86/compat.c).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "frame.h"
#include "sched.h"
#include "memlayout.h"
#include "../../hypercall-abi/event_channel.h"

/* Each command's argument, which Xen copies in whole before anything. */
static const uint8_t arg_size[] = {
    [EVTCHNOP_bind_interdomain] = sizeof(struct evtchn_bind_interdomain),
    [EVTCHNOP_bind_virq] = sizeof(struct evtchn_bind_virq),
    [EVTCHNOP_bind_pirq] = sizeof(struct evtchn_bind_pirq),
    [EVTCHNOP_close] = sizeof(struct evtchn_close),
    [EVTCHNOP_send] = sizeof(struct evtchn_send),
    [EVTCHNOP_status] = sizeof(struct evtchn_status),
    [EVTCHNOP_alloc_unbound] = sizeof(struct evtchn_alloc_unbound),
    [EVTCHNOP_bind_ipi] = sizeof(struct evtchn_bind_ipi),
    [EVTCHNOP_bind_vcpu] = sizeof(struct evtchn_bind_vcpu),
    [EVTCHNOP_unmask] = sizeof(struct evtchn_unmask),
    [EVTCHNOP_reset] = sizeof(struct evtchn_reset),
    [EVTCHNOP_init_control] = sizeof(struct evtchn_init_control),
    [EVTCHNOP_expand_array] = sizeof(struct evtchn_expand_array),
    [EVTCHNOP_set_priority] = sizeof(struct evtchn_set_priority),
    [EVTCHNOP_reset_cont] = sizeof(struct evtchn_reset),
};

union evtchn_arg {
    struct evtchn_bind_interdomain bind_interdomain;
    struct evtchn_bind_virq bind_virq;
    struct evtchn_bind_pirq bind_pirq;
    struct evtchn_status status;
    struct evtchn_alloc_unbound alloc_unbound;
    struct evtchn_bind_ipi bind_ipi;
    struct evtchn_bind_vcpu bind_vcpu;
    struct evtchn_unmask unmask;
    struct evtchn_reset reset;
    struct evtchn_init_control init_control;
    struct evtchn_set_priority set_priority;
};

/* Xen's port_is_valid at most: the 2-level ABI has 1024 ports on x86_32.
 * Xen's bound is lower, the ports it has allocated so far, which only a
 * port table could tell (docs/xen-differences.md). */
static bool port_valid(evtchn_port_t port)
{
    return port < EVTCHN_2L_NR_PORTS;
}

/* A port that may be valid but is not bound: only its state could say. */
static long port_state(evtchn_port_t port)
{
    return port_valid(port) ? -XEN_ENOSYS : -XEN_EINVAL;
}

static bool vcpu_exists(uint32_t vcpu)
{
    return vcpu == 0;
}

/* VIRQs other than these are global: they bind on vCPU 0 only. */
static bool virq_per_vcpu(uint32_t virq)
{
    return virq == VIRQ_TIMER || virq == VIRQ_DEBUG || virq == VIRQ_XENOPROF ||
           virq == VIRQ_XENPMU;
}

static long bind_virq(const struct evtchn_bind_virq *b)
{
    if (b->virq >= NR_VIRQS || (!virq_per_vcpu(b->virq) && b->vcpu != 0))
        return -XEN_EINVAL;
    return vcpu_exists(b->vcpu) ? -XEN_ENOSYS : -XEN_ENOENT;
}

/* EVTCHNOP_init_control: the FIFO control block, in a frame of the caller's. */
static long init_control(const struct evtchn_init_control *c)
{
    if (!vcpu_exists(c->vcpu))
        return -XEN_ENOENT;
    if (c->offset > PAGE_SIZE - EVTCHN_FIFO_CONTROL_BLOCK_SIZE || c->offset % 8)
        return -XEN_EINVAL;
    if (!frame_owned_by(c->control_gfn, current_domain()->id))
        return -XEN_EINVAL;
    return -XEN_ENOSYS;
}

/*
 * A domain a command names: -ESRCH if there is none; another than the
 * caller needs a privilege no Ringleader domain has (Xen's XSM_TARGET).
 * 0 for the caller itself.
 */
static long target(domid_t id)
{
    const struct domain *d = domain_by_id(id);

    if (!d)
        return -XEN_ESRCH;
    return d == current_domain() ? 0 : -XEN_EPERM;
}

static long status(const struct evtchn_status *st)
{
    if (!domain_by_id(st->dom))
        return -XEN_ESRCH;
    if (!port_valid(st->port))
        return -XEN_EINVAL;
    return target(st->dom) ?: -XEN_ENOSYS;
}

static long refuse(uint32_t cmd, const union evtchn_arg *a)
{
    switch (cmd) {
    case EVTCHNOP_alloc_unbound:
        return target(a->alloc_unbound.dom) ?: -XEN_ENOSYS;
    case EVTCHNOP_bind_interdomain:     /* no port of any domain is unbound */
        return domain_by_id(a->bind_interdomain.remote_dom) ? -XEN_EINVAL : -XEN_ESRCH;
    case EVTCHNOP_bind_virq:
        return bind_virq(&a->bind_virq);
    case EVTCHNOP_bind_pirq:            /* no physical IRQ is a domain's */
        return -XEN_EINVAL;
    case EVTCHNOP_bind_ipi:
        return vcpu_exists(a->bind_ipi.vcpu) ? -XEN_ENOSYS : -XEN_ENOENT;
    case EVTCHNOP_close:
    case EVTCHNOP_send:
        return -XEN_EINVAL;
    case EVTCHNOP_status:
        return status(&a->status);
    case EVTCHNOP_bind_vcpu:
        return vcpu_exists(a->bind_vcpu.vcpu) ? -XEN_EINVAL : -XEN_ENOENT;
    case EVTCHNOP_unmask:
        return port_state(a->unmask.port);
    case EVTCHNOP_reset:
    case EVTCHNOP_reset_cont:           /* nothing bound, nothing to close */
        return target(a->reset.dom);
    case EVTCHNOP_init_control:
        return init_control(&a->init_control);
    case EVTCHNOP_expand_array:
        return -XEN_EOPNOTSUPP;
    default:                            /* EVTCHNOP_set_priority */
        return port_state(a->set_priority.port);
    }
}

/* event_channel_op(cmd, arg): see hypercall-abi/event_channel.h. */
long do_event_channel_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];
    union evtchn_arg a;

    if (cmd >= ARRAY_SIZE(arg_size) || !arg_size[cmd])
        return -XEN_ENOSYS;
    if (copy_from_guest(&a, args[1], arg_size[cmd]) < 0)
        return -XEN_EFAULT;
    return refuse(cmd, &a);
}

/* event_channel_op_compat(op): op -> struct evtchn_op, the command first. */
long do_event_channel_op_compat(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct evtchn_op op;

    if (copy_from_guest(&op, args[0], sizeof(op)) < 0)
        return -XEN_EFAULT;
    if (op.cmd > EVTCHNOP_unmask)       /* the legacy ABI's commands */
        return -XEN_ENOSYS;
    const uint32_t call[HYPERCALL_NR_ARGS] = { op.cmd, args[0] + offsetof(struct evtchn_op, u) };
    return do_event_channel_op(call);
}
