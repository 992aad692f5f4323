/*
 * physdev.c - the physdev_op hypercall: the guest's I/O privileges
 * (see hypercall-abi/physdev.h).
 *
 * The I/O privilege level a guest sets is virtual: the real EFLAGS.IOPL
 * stays 0 in every guest, so each IN/OUT (and CLI/STI) traps and the
 * hypervisor decides -- a ring-1 kernel with a real IOPL of 1 could switch
 * off the interrupts that preempt it.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/physdev.h"

#define MAX_IOPL 3

/* physdev_op(cmd, arg): see hypercall-abi/physdev.h. */
long do_physdev_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];
    const vaddr_t arg = args[1];
    struct physdev_set_iopl req;

    switch (cmd) {
    case PHYSDEVOP_set_iopl:
        if (copy_from_guest(&req, arg, sizeof(req)) < 0)
            return -XEN_EFAULT;
        if (req.iopl > MAX_IOPL)
            return -XEN_EINVAL;
        current_vcpu()->virtual_iopl = req.iopl;
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

/*
 * physdev_op_compat(op): the legacy form, as in Xen's arch/x86/compat.c:
 * op -> { cmd, then that command's structure } (16 bytes in all), read
 * whole first.
 */
#define PHYSDEV_OP_COMPAT_SIZE 16

long do_physdev_op_compat(const uint32_t args[HYPERCALL_NR_ARGS])
{
    uint32_t op[PHYSDEV_OP_COMPAT_SIZE / sizeof(uint32_t)];

    if (copy_from_guest(op, args[0], sizeof(op)) < 0)
        return -XEN_EFAULT;
    const uint32_t call[HYPERCALL_NR_ARGS] = { op[0], args[0] + sizeof(op[0]) };
    return do_physdev_op(call);
}
