/*
 * version.c - the xen_version hypercall: what this hypervisor is, for the
 * guests that ask at boot (see hypercall-abi/version.h).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "memlayout.h"
#include "../../hypercall-abi/version.h"

#define RL_COMPILE_BY "ringleader"
#define RL_CHANGESET "unavailable"

/* Copy a string into a fixed-size, zero-padded guest field. */
static long copy_string_out(vaddr_t dst, const char *s, size_t size)
{
    char buf[XEN_CAPABILITIES_LEN];

    ASSERT(size <= sizeof(buf));
    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(dst, buf, size);
}

static long compile_info(vaddr_t arg)
{
    struct xen_compile_info ci;

    memset(&ci, 0, sizeof(ci));
    strlcpy(ci.compiler, "gcc " __VERSION__, sizeof(ci.compiler));
    strlcpy(ci.compile_by, RL_COMPILE_BY, sizeof(ci.compile_by));
    strlcpy(ci.compile_date, __DATE__ " " __TIME__, sizeof(ci.compile_date));
    return copy_to_guest(arg, &ci, sizeof(ci));
}

/* Submap 0: a PAE L3 may be any frame (the hypervisor uses no RAM above
 * 4 GiB, so every frame is below it); the privileged domain is dom0. */
static long get_features(vaddr_t arg)
{
    struct xen_feature_info fi;

    if (copy_from_guest(&fi, arg, sizeof(fi)) < 0)
        return -XEN_EFAULT;
    if (fi.submap_idx >= XENFEAT_NR_SUBMAPS)
        return -XEN_EINVAL;
    fi.submap = 1U << XENFEAT_pae_pgdir_above_4gb;
    if (current_domain()->privileged)
        fi.submap |= 1U << XENFEAT_dom0;
    return copy_to_guest(arg, &fi, sizeof(fi));
}

/*
 * xen_version(cmd, arg): see hypercall-abi/version.h for each command.
 * Strings are fixed-size, NUL-padded fields.  -XEN_EFAULT if arg cannot be
 * read or written, -XEN_ENOSYS for anything else.
 */
long do_xen_version(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];
    const vaddr_t arg = args[1];
    const struct xen_platform_parameters params = { .virt_start = HYPERVISOR_VIRT_START };

    switch (cmd) {
    case XENVER_version:
        return RL_VERSION_MAJOR << 16 | RL_VERSION_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, RL_EXTRAVERSION, XEN_EXTRAVERSION_LEN);
    case XENVER_compile_info:
        return compile_info(arg);
    case XENVER_capabilities:
        return copy_string_out(arg, XEN_START_INFO_MAGIC, XEN_CAPABILITIES_LEN);
    case XENVER_changeset:
        return copy_string_out(arg, RL_CHANGESET, XEN_CHANGESET_LEN);
    case XENVER_platform_parameters:
        return copy_to_guest(arg, &params, sizeof(params));
    case XENVER_get_features:
        return get_features(arg);
    case XENVER_pagesize:
        return PAGE_SIZE;
    default:
        return -XEN_ENOSYS;
    }
}
