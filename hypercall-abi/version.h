/*
 * version.h - xen_version (hypercall 17): xen_version(cmd, arg).
 *
 * XENVER_version       arg unused; returns (major << 16) | minor.
 * XENVER_extraversion  arg -> char[16]: the version suffix, e.g. "-rl".
 * XENVER_compile_info  arg -> struct xen_compile_info.
 * XENVER_capabilities  arg -> char[1024]: space-separated guest types the
 *                      hypervisor can run ("xen-3.0-x86_32p").
 * XENVER_changeset     arg -> char[64]: the source revision.
 * XENVER_platform_parameters  arg -> struct xen_platform_parameters: the
 *                      start of the hypervisor hole.
 * XENVER_get_features  arg -> struct xen_feature_info: IN submap_idx, OUT
 *                      the XENFEAT_* bits of that 32-bit submap (-EINVAL for
 *                      a submap that does not exist).
 * XENVER_pagesize      arg unused; returns 4096.
 * Each returns 0 on success unless said otherwise, -EFAULT if arg cannot be
 * read or written, -ENOSYS for an unknown or unimplemented command.
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

/* XENVER_get_features bits (submap 0). */
#define XENFEAT_writable_page_tables       0
#define XENFEAT_writable_descriptor_tables 1
#define XENFEAT_auto_translated_physmap    2
#define XENFEAT_supervisor_mode_kernel     3
#define XENFEAT_pae_pgdir_above_4gb        4
#define XENFEAT_mmu_pt_update_preserve_ad  5
#define XENFEAT_dom0                      11
#define XENFEAT_NR_SUBMAPS                 1

#define XEN_EXTRAVERSION_LEN   16
#define XEN_CAPABILITIES_LEN 1024
#define XEN_CHANGESET_LEN      64

#ifndef __ASSEMBLER__
typedef char xen_extraversion_t[XEN_EXTRAVERSION_LEN];
typedef char xen_capabilities_info_t[XEN_CAPABILITIES_LEN];
typedef char xen_changeset_info_t[XEN_CHANGESET_LEN];

struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
RL_ABI_ASSERT_SIZE(struct xen_compile_info, 144);

struct xen_feature_info {
    uint32_t submap_idx;    /* IN: which 32-bit submap */
    uint32_t submap;        /* OUT: its feature bits */
};
RL_ABI_ASSERT_SIZE(struct xen_feature_info, 8);

struct xen_platform_parameters {
    uint32_t virt_start;    /* start of the hypervisor hole */
};
RL_ABI_ASSERT_SIZE(struct xen_platform_parameters, 4);
#endif

#endif /* RINGLEADER_ABI_VERSION_H */
