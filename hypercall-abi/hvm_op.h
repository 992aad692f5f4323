/*
 * hvm_op.h - hvm_op (hypercall 34): hvm_op(op, arg).
 *
 * Every Ringleader domain is PV, so hvm_op refuses what Xen refuses a PV
 * domain, after the same checks of its argument: -EFAULT for one that
 * cannot be read, -EINVAL for a parameter index of HVM_NR_PARAMS or more,
 * -ESRCH for an unknown domain, -EOPNOTSUPP for pagetable_dying about
 * another domain, then -EINVAL.  guest_request_vm_event with no argument
 * is 0 (nothing monitors the domain); get_time, xentrace and altp2m are
 * -ENOSYS for now, as is an unknown op.
 */
#ifndef RINGLEADER_ABI_HVM_OP_H
#define RINGLEADER_ABI_HVM_OP_H

#include "xen.h"

#define HVMOP_set_param               0
#define HVMOP_get_param               1
#define HVMOP_flush_tlbs              5
#define HVMOP_pagetable_dying         9
#define HVMOP_get_time               10
#define HVMOP_xentrace               11
#define HVMOP_get_mem_type           15
#define HVMOP_set_evtchn_upcall_vector 23
#define HVMOP_guest_request_vm_event 24
#define HVMOP_altp2m                 25
#define HVM_NR_PARAMS                39

#ifndef __ASSEMBLER__
struct xen_hvm_param {
    domid_t domid;
    uint16_t pad;
    uint32_t index;
    uint64_t value;
};
RL_ABI_ASSERT_SIZE(struct xen_hvm_param, 16);

/* pagetable_dying and get_mem_type: a domain, then 64 bits at offset 8. */
struct xen_hvm_domain_op {
    domid_t domid;
    uint16_t pad[3];
    uint64_t arg;
};
RL_ABI_ASSERT_SIZE(struct xen_hvm_domain_op, 16);
#endif

#endif /* RINGLEADER_ABI_HVM_OP_H */
