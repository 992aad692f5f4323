/*
 * physdev.c - the physdev_op hypercall and the guest's I/O privilege
 * level (see hypercall-abi/physdev.h).
 *
 * The I/O privilege level a guest sets is virtual: the real EFLAGS.IOPL
 * stays 0 in every guest, so each IN/OUT (and CLI/STI) traps and the
 * hypervisor decides -- a ring-1 kernel with a real IOPL of 1 could switch
 * off the interrupts that preempt it.  What the level means follows Xen
 * (pv/emul-priv-op.c iopl_ok(), pv/iret.c, the bounce frame):
 *
 *                          default              architectural_iopl
 *   the kernel counts as   ring 1               ring 0: always allowed
 *   user code counts as    ring 3               ring 3
 *   the level is set by    set_iopl             set_iopl, iret's EFLAGS
 *   frames' EFLAGS.IOPL    0                    the level
 *   PUSHF's EFLAGS.IOPL    0 (the real one)     0 (the real one)
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "iopl.h"
#include "x86.h"
#include "../../hypercall-abi/physdev.h"

#define MAX_IOPL 3
#define EFLAGS_IOPL_SHIFT 12

static bool architectural(const struct vcpu *v)
{
    return v->domain->vm_assist & (1U << VMASST_TYPE_architectural_iopl);
}

bool iopl_allows(const struct vcpu *v, unsigned ring)
{
    unsigned as = ring != 1 ? 3 : architectural(v) ? 0 : 1;

    return as <= v->virtual_iopl;
}

uint32_t iopl_frame_bits(const struct vcpu *v)
{
    return architectural(v) ? v->virtual_iopl << EFLAGS_IOPL_SHIFT : 0;
}

void iopl_from_iret(struct vcpu *v, uint32_t eflags)
{
    if (architectural(v))
        v->virtual_iopl = (eflags & EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT;
}

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
