/*
 * physdev.h - physdev_op (hypercall 33): physdev_op(cmd, arg).
 *
 * Implemented:
 *   PHYSDEVOP_set_iopl  arg -> struct physdev_set_iopl.  Sets the vCPU's
 *                       virtual I/O privilege level (0-3): the level the
 *                       hypervisor checks when it emulates the guest's CLI,
 *                       STI and port I/O (the kernel counts as ring 1, or
 *                       ring 0 under VMASST_TYPE_architectural_iopl, see
 *                       xen.h); the real EFLAGS.IOPL stays 0, so the guest
 *                       never gets direct port access or control of the
 *                       real IF.  Which ports a domain has is a separate
 *                       matter: domain 0 those the hypervisor does not
 *                       keep, every domain its virtual COM1.
 *                       -XEN_EINVAL for iopl > 3, -XEN_EFAULT for a bad arg.
 * Anything else: -XEN_ENOSYS.
 */
#ifndef RINGLEADER_ABI_PHYSDEV_H
#define RINGLEADER_ABI_PHYSDEV_H

#include "xen.h"

#define PHYSDEVOP_set_iopl 6

#ifndef __ASSEMBLER__
struct physdev_set_iopl {
    uint32_t iopl;      /* IN: 0-3 */
};
RL_ABI_ASSERT_SIZE(struct physdev_set_iopl, 4);
#endif

#endif /* RINGLEADER_ABI_PHYSDEV_H */
