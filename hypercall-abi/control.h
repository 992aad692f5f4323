/*
 * control.h - the interfaces of a control domain, of the platform and of
 * profiling, which Ringleader refuses as Xen refuses a domain without the
 * privilege for them: Ringleader has no control domain yet (docs/abi.md,
 * docs/xen-differences.md).  Only what their refusals read is here.
 *
 * platform_op(op) 7, sysctl(op) 35, domctl(op) 36: op -> a structure that
 * starts with cmd and interface_version.  -EFAULT if it cannot be read,
 * -EACCES for another interface version, then -EPERM (domctl first looks
 * the domain up, most commands: -ESRCH for an unknown one).
 * paging_domctl_cont(op) 49: a domctl of XEN_DOMCTL_shadow_op only
 * (-EOPNOTSUPP otherwise).  mca(op) 48, kexec_op(cmd, arg) 37,
 * hypfs_op(cmd, ...) 42: -EPERM.
 * xenoprof_op(op, arg) 31: -EINVAL for an unknown op, -EPERM for those of
 * the primary profiler (none can be), -ENODEV for the rest (there is no
 * profiling hardware); -EFAULT for XENOPROF_init's unreadable arg.
 * xenpmu_op(op, arg) 40: -EOPNOTSUPP (no PMU virtualization).
 * dm_op(domid, nr_bufs, bufs) 41: -E2BIG for more than 2 buffers, -EFAULT
 * for unreadable ones, -ESRCH for an unknown domain (or DOMID_SELF),
 * -EPERM for the caller itself, -EINVAL for another: every domain is PV.
 */
#ifndef RINGLEADER_ABI_CONTROL_H
#define RINGLEADER_ABI_CONTROL_H

#include "xen.h"

#define XENPF_INTERFACE_VERSION       0x03000001
#define XEN_SYSCTL_INTERFACE_VERSION  0x00000015
#define XEN_DOMCTL_INTERFACE_VERSION  0x00000015

/* The domctl commands that do not name an existing domain. */
#define XEN_DOMCTL_createdomain       1
#define XEN_DOMCTL_getdomaininfo      5     /* the next domain from there */
#define XEN_DOMCTL_shadow_op         10
#define XEN_DOMCTL_assign_device     37
#define XEN_DOMCTL_test_assign_device 45
#define XEN_DOMCTL_deassign_device   47
#define XEN_DOMCTL_vm_event_op       56

#define XENOPROF_init                 0
#define XENOPROF_reset_active_list    1
#define XENOPROF_enable_virq          8
#define XENOPROF_disable_virq        11
#define XENOPROF_get_buffer          14
#define XENOPROF_last_op             17
#define XENOPROF_INIT_SIZE           72     /* struct xenoprof_init */

#define XENPMU_mode_get               0
#define XENPMU_init                   4

#define DM_OP_MAX_BUFS                2
#define DM_OP_BUF_SIZE                8     /* struct xen_dm_op_buf on x86_32 */

#define XEN_HYPFS_OP_get_version      0
#define KEXEC_CMD_kexec_get_range     3

#ifndef __ASSEMBLER__
/* platform_op and sysctl: 136 bytes. */
struct xen_control_op {
    uint32_t cmd;
    uint32_t interface_version;
    uint8_t u[128];
};
RL_ABI_ASSERT_SIZE(struct xen_control_op, 136);

/* domctl (and paging_domctl_cont): 144 bytes. */
struct xen_domctl {
    uint32_t cmd;
    uint32_t interface_version;
    domid_t domain;
    uint16_t pad[3];
    uint8_t u[128];
};
RL_ABI_ASSERT_SIZE(struct xen_domctl, 144);
#endif

#endif /* RINGLEADER_ABI_CONTROL_H */
