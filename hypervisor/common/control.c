/*
 * control.c - the interfaces of a control domain, of the platform and of
 * profiling, and dm_op: Ringleader has no control domain, no profiling
 * and no HVM domain yet, so these refuse every request, each as Xen 4.17
 * refuses a domain without the privilege (XSM's dummy policy), after the
 * checks Xen makes before its privilege check:
 *   platform_op, sysctl: read the op (-EFAULT), then its interface
 *     version (-EACCES), then -EPERM (arch/x86/platform_hypercall.c,
 *     common/sysctl.c);
 *   domctl: the same, but the domain most commands name is looked up
 *     before the privilege check (-ESRCH; common/domctl.c);
 *   paging_domctl_cont: a shadow_op domctl only (-EOPNOTSUPP), its domain
 *     (-ESRCH), then -EPERM (arch/x86/mm/paging.c);
 *   mca, kexec_op, hypfs_op: -EPERM first of all;
 *   xenoprof_op: an unknown op -EINVAL, an op of the primary profiler
 *     (there is none) -EPERM, init's unreadable argument -EFAULT, and
 *     -ENODEV where Xen would look for counters (common/xenoprof.c);
 *   xenpmu_op: -EOPNOTSUPP, as with Xen's vpmu off (arch/x86/cpu/vpmu.c);
 *   dm_op: more than 2 buffers -E2BIG, an unreadable one -EFAULT, then
 *     the target: none (or DOMID_SELF) -ESRCH, the caller -EPERM, any
 *     other is PV: -EINVAL (arch/x86/hvm/dm.c).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/control.h"

/* platform_op and sysctl: the op's version, then no privilege. */
static long control_op(vaddr_t arg, uint32_t version)
{
    struct xen_control_op op;

    if (copy_from_guest(&op, arg, sizeof(op)) < 0)
        return -XEN_EFAULT;
    return op.interface_version == version ? -XEN_EPERM : -XEN_EACCES;
}

/* platform_op(op) */
long do_platform_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return control_op(args[0], XENPF_INTERFACE_VERSION);
}

/* sysctl(op) */
long do_sysctl(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return control_op(args[0], XEN_SYSCTL_INTERFACE_VERSION);
}

/* Does domctl `cmd` look its domain up (and fail on none) before XSM? */
static bool domctl_needs_domain(const struct xen_domctl *op)
{
    switch (op->cmd) {
    case XEN_DOMCTL_createdomain:
    case XEN_DOMCTL_getdomaininfo:
        return false;
    case XEN_DOMCTL_assign_device:
    case XEN_DOMCTL_deassign_device:
        return op->domain != DOMID_IO;
    case XEN_DOMCTL_test_assign_device:
    case XEN_DOMCTL_vm_event_op:
        return op->domain != DOMID_INVALID;
    default:
        return true;
    }
}

/* A domain by its id: DOMID_SELF names none here, as in Xen's lookup. */
static bool domain_exists(domid_t id)
{
    return id != DOMID_SELF && domain_by_id(id);
}

/* domctl(op) */
long do_domctl(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct xen_domctl op;

    if (copy_from_guest(&op, args[0], sizeof(op)) < 0)
        return -XEN_EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION)
        return -XEN_EACCES;
    if (domctl_needs_domain(&op) && !domain_exists(op.domain))
        return -XEN_ESRCH;
    return -XEN_EPERM;
}

/* paging_domctl_cont(op) */
long do_paging_domctl_cont(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct xen_domctl op;

    if (copy_from_guest(&op, args[0], sizeof(op)) < 0)
        return -XEN_EFAULT;
    if (op.interface_version != XEN_DOMCTL_INTERFACE_VERSION || op.cmd != XEN_DOMCTL_shadow_op)
        return -XEN_EOPNOTSUPP;
    return domain_exists(op.domain) ? -XEN_EPERM : -XEN_ESRCH;
}

/* mca(op), kexec_op(cmd, arg), hypfs_op(cmd, ...): privileged first. */
long do_privileged_only(const uint32_t args[HYPERCALL_NR_ARGS])
{
    (void)args;
    return -XEN_EPERM;
}

/* xenoprof_op(op, arg) */
long do_xenoprof_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t op = args[0];

    if (op > XENOPROF_last_op)
        return -XEN_EINVAL;
    switch (op) {
    case XENOPROF_init:
        return guest_readable(args[1], XENOPROF_INIT_SIZE) ?: -XEN_ENODEV;
    case XENOPROF_enable_virq:
    case XENOPROF_disable_virq:
    case XENOPROF_get_buffer:
        return -XEN_ENODEV;
    default:                            /* the primary profiler's */
        return -XEN_EPERM;
    }
}

/* xenpmu_op(op, arg) */
long do_xenpmu_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    (void)args;
    return -XEN_EOPNOTSUPP;
}

/* dm_op(domid, nr_bufs, bufs) */
long do_dm_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const domid_t domid = (domid_t)args[0];
    const uint32_t nr_bufs = args[1];
    const struct domain *d;

    if (nr_bufs > DM_OP_MAX_BUFS)
        return -XEN_E2BIG;
    if (guest_readable(args[2], nr_bufs * DM_OP_BUF_SIZE) < 0)
        return -XEN_EFAULT;
    d = domid == DOMID_SELF ? NULL : domain_by_id(domid);
    if (!d)
        return -XEN_ESRCH;
    return d == current_domain() ? -XEN_EPERM : -XEN_EINVAL;
}
