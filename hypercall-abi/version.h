/*
 * version.h - xen_version (hypercall 17): xen_version(cmd, arg).
 *
 * XENVER_version       arg unused; returns (major << 16) | minor.
 * XENVER_extraversion  arg -> char[16]: the version suffix, e.g. "-rl".
 * XENVER_capabilities  arg -> char[1024]: space-separated guest types the
 *                      hypervisor can run ("xen-3.0-x86_32p").
 * Each returns 0 on success (except XENVER_version), -EFAULT if arg cannot
 * be written, -ENOSYS for an unknown or unimplemented command.
 */
#ifndef RINGLEADER_ABI_VERSION_H
#define RINGLEADER_ABI_VERSION_H

#include "xen.h"

#define XENVER_version              0
#define XENVER_extraversion         1
#define XENVER_compile_info         2
#define XENVER_capabilities         3
#define XENVER_changeset            4
#define XENVER_platform_parameters  5
#define XENVER_get_features         6
#define XENVER_pagesize             7

#define XEN_EXTRAVERSION_LEN   16
#define XEN_CAPABILITIES_LEN 1024
#define XEN_CHANGESET_LEN      64

#ifndef __ASSEMBLER__
typedef char xen_extraversion_t[XEN_EXTRAVERSION_LEN];
typedef char xen_capabilities_info_t[XEN_CAPABILITIES_LEN];
typedef char xen_changeset_info_t[XEN_CHANGESET_LEN];

struct xen_platform_parameters {
    uint32_t virt_start;    /* start of the hypervisor hole */
};
RL_ABI_ASSERT_SIZE(struct xen_platform_parameters, 4);
#endif

#endif /* RINGLEADER_ABI_VERSION_H */
