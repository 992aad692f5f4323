/*
 * vm_assist.c - vm_assist: the optional behaviours ("assists") a domain
 * may switch on, as Xen's VMASST_TYPE_* (hypercall-abi/xen.h).
 */
#include "hv.h"
#include "hypercall.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/xen.h"

/*
 * vm_assist(cmd, type): the assists a domain may turn on.
 *   pae_extended_cr3    lets a PAE guest's L3 sit above 4 GiB, which costs
 *                       nothing here (the hypervisor uses no RAM above 4 GiB)
 *   architectural_iopl  the virtual IOPL as hardware's (physdev.c)
 * -XEN_EINVAL for any other type, -XEN_ENOSYS for an unknown cmd.
 */
#define VM_ASSISTS_OFFERED ((1U << VMASST_TYPE_pae_extended_cr3) | \
                            (1U << VMASST_TYPE_architectural_iopl))

long do_vm_assist(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0], type = args[1];
    struct domain *d = current_domain();

    if (type >= 32 || !(VM_ASSISTS_OFFERED & (1U << type)))
        return -XEN_EINVAL;
    switch (cmd) {
    case VMASST_CMD_enable:
        d->vm_assist |= 1U << type;
        return 0;
    case VMASST_CMD_disable:
        d->vm_assist &= ~(1U << type);
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}
