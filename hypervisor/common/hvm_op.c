/*
 * hvm_op.c - hvm_op from a PV domain, and every Ringleader domain is PV.
 *
 * Xen 4.17 (arch/x86/hvm/hvm.c do_hvm_op) refuses a PV domain each
 * command only after reading its argument and looking its domain up, in
 * this order: -EFAULT, a parameter index of HVM_NR_PARAMS or more -EINVAL,
 * a domain that does not exist -ESRCH, then -EINVAL because that domain
 * is not HVM -- except pagetable_dying about another domain (-EOPNOTSUPP)
 * and get_mem_type about another domain, which needs a privilege no
 * Ringleader domain has (-EPERM first).  flush_tlbs and
 * set_evtchn_upcall_vector are -EINVAL outright; guest_request_vm_event
 * without an argument is 0 (nothing monitors the domain) and -EINVAL with
 * one.  get_time, xentrace, altp2m (which need a clock, trace buffers,
 * alternate p2ms) and unknown commands are -ENOSYS.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/hvm_op.h"

static long param(vaddr_t arg)
{
    struct xen_hvm_param p;

    if (copy_from_guest(&p, arg, sizeof(p)) < 0)
        return -XEN_EFAULT;
    if (p.index >= HVM_NR_PARAMS)
        return -XEN_EINVAL;
    return domain_by_id(p.domid) ? -XEN_EINVAL : -XEN_ESRCH;
}

/* pagetable_dying and get_mem_type: a domain, which is not HVM. */
static long domain_op(uint32_t op, vaddr_t arg)
{
    struct xen_hvm_domain_op a;
    const struct domain *d;

    if (copy_from_guest(&a, arg, sizeof(a)) < 0)
        return -XEN_EFAULT;
    d = domain_by_id(a.domid);
    if (!d)
        return -XEN_ESRCH;
    if (d != current_domain())
        return op == HVMOP_pagetable_dying ? -XEN_EOPNOTSUPP : -XEN_EPERM;
    return -XEN_EINVAL;
}

/* hvm_op(op, arg): see hypercall-abi/hvm_op.h. */
long do_hvm_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t op = args[0];
    const vaddr_t arg = args[1];

    switch (op) {
    case HVMOP_set_param:
    case HVMOP_get_param:
        return param(arg);
    case HVMOP_pagetable_dying:
    case HVMOP_get_mem_type:
        return domain_op(op, arg);
    case HVMOP_flush_tlbs:
    case HVMOP_set_evtchn_upcall_vector:
        return -XEN_EINVAL;
    case HVMOP_guest_request_vm_event:
        return arg ? -XEN_EINVAL : 0;
    default:
        return -XEN_ENOSYS;
    }
}
