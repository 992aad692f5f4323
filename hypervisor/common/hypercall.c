/*
 * hypercall.c - hypercall dispatch and the small hypercalls of the core:
 * console_io and xen_version (sched_op lives with the scheduler's users in
 * sched_op.c).  Numbers and semantics are Xen's; see hypercall-abi/.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/xen.h"
#include "../../hypercall-abi/version.h"

#define CONSOLE_CHUNK 128

static hypercall_fn *const hypercall_table[] = {
    [__HYPERVISOR_console_io] = do_console_io,
    [__HYPERVISOR_xen_version] = do_xen_version,
    [__HYPERVISOR_sched_op] = do_sched_op,
};

void hypercall_dispatch(struct trap_frame *f)
{
    const uint32_t args[HYPERCALL_NR_ARGS] = { f->ebx, f->ecx, f->edx, f->esi, f->edi };
    hypercall_fn *fn = NULL;

    if (f->eax < ARRAY_SIZE(hypercall_table))
        fn = hypercall_table[f->eax];
    f->eax = (uint32_t)(fn ? fn(args) : -XEN_ENOSYS);
}

/*
 * console_io(cmd, count, buffer)
 *   CONSOLEIO_write: print `count` bytes of the guest's buffer, copied in
 *   chunks.  Returns 0; -XEN_EFAULT if any of it is unreadable (what was
 *   read before the bad byte is printed), -XEN_EINVAL for count >= 2^31.
 *   CONSOLEIO_read: not implemented yet (-XEN_ENOSYS).
 */
long do_console_io(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0], count = args[1];
    const vaddr_t buffer = args[2];
    char chunk[CONSOLE_CHUNK];

    if (cmd != CONSOLEIO_write)
        return -XEN_ENOSYS;
    if ((int32_t)count < 0)
        return -XEN_EINVAL;
    for (uint32_t done = 0; done < count; done += CONSOLE_CHUNK) {
        uint32_t n = MIN(count - done, (uint32_t)CONSOLE_CHUNK);
        if (copy_from_guest(chunk, buffer + done, n) < 0)
            return -XEN_EFAULT;
        domain_console_write(current_domain(), chunk, n);
    }
    return 0;
}

static long copy_string_out(vaddr_t dst, const char *s, size_t size)
{
    char buf[XEN_CAPABILITIES_LEN];

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(dst, buf, size);
}

/*
 * xen_version(cmd, arg)
 *   XENVER_version: (major << 16) | minor.
 *   XENVER_extraversion, XENVER_capabilities: a fixed-size string written
 *   to arg (-XEN_EFAULT if it cannot be written).
 *   Anything else: -XEN_ENOSYS.
 */
long do_xen_version(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0];
    const vaddr_t arg = args[1];

    switch (cmd) {
    case XENVER_version:
        return RL_VERSION_MAJOR << 16 | RL_VERSION_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, RL_EXTRAVERSION, XEN_EXTRAVERSION_LEN);
    case XENVER_capabilities:
        return copy_string_out(arg, XEN_START_INFO_MAGIC, XEN_CAPABILITIES_LEN);
    default:
        return -XEN_ENOSYS;
    }
}
