/*
 * hypercall.c - hypercall dispatch, and console_io.  The other handlers
 * live with their subsystems (memory.c, version.c, sched_op.c, domain.c,
 * arch/x86/physdev.c).  Numbers and semantics are Xen's; see hypercall-abi/.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/xen.h"
#include "serial.h"

#define CONSOLE_CHUNK 128

static hypercall_fn *const hypercall_table[] = {
    [__HYPERVISOR_mmu_update] = do_mmu_update,
    [__HYPERVISOR_multicall] = do_multicall,
    [__HYPERVISOR_update_va_mapping] = do_update_va_mapping,
    [__HYPERVISOR_mmuext_op] = do_mmuext_op,
    [__HYPERVISOR_memory_op] = do_memory_op,
    [__HYPERVISOR_xen_version] = do_xen_version,
    [__HYPERVISOR_console_io] = do_console_io,
    [__HYPERVISOR_vm_assist] = do_vm_assist,
    [__HYPERVISOR_sched_op] = do_sched_op,
    [__HYPERVISOR_physdev_op] = do_physdev_op,
};

static long call(uint32_t nr, const uint32_t args[HYPERCALL_NR_ARGS])
{
    hypercall_fn *fn = nr < ARRAY_SIZE(hypercall_table) ? hypercall_table[nr] : NULL;

    return fn ? fn(args) : -XEN_ENOSYS;
}

void hypercall_dispatch(struct trap_frame *f)
{
    const uint32_t args[HYPERCALL_NR_ARGS] = { f->ebx, f->ecx, f->edx, f->esi, f->edi };

    f->eax = (uint32_t)call(f->eax, args);
}

/*
 * multicall(calls, count): run each entry as if it were its own hypercall
 * and write its result into the entry.  A multicall inside a multicall is
 * -ENOSYS.  Stops early if a call stopped the domain.  Returns 0, or
 * -XEN_EFAULT if an entry cannot be read or its result written.
 */
long do_multicall(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const vaddr_t calls = args[0];
    const uint32_t count = args[1];
    struct domain *d = current_domain();
    struct multicall_entry e;

    for (uint32_t i = 0; i < count && d->state == DOMAIN_RUNNABLE; i++) {
        vaddr_t entry = calls + i * sizeof(e);
        if (copy_from_guest(&e, entry, sizeof(e)) < 0)
            return -XEN_EFAULT;
        e.result = e.op == __HYPERVISOR_multicall ? -XEN_ENOSYS : (int32_t)call(e.op, e.args);
        if (copy_to_guest(entry + offsetof(struct multicall_entry, result), &e.result,
                          sizeof(e.result)) < 0)
            return -XEN_EFAULT;
    }
    return 0;
}

/* CONSOLEIO_write: print the guest's buffer, copied in chunks. */
static long console_write(uint32_t count, vaddr_t buffer)
{
    char chunk[CONSOLE_CHUNK];

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

/* CONSOLEIO_read: hand over the bytes waiting on the serial line. */
static long console_read(uint32_t count, vaddr_t buffer)
{
    uint32_t n = 0;
    int c;

    if (!current_domain()->privileged)
        return -XEN_EPERM;
    while (n < count && (c = serial_getc()) >= 0) {
        char byte = (char)c;
        if (copy_to_guest(buffer + n, &byte, 1) < 0)
            return -XEN_EFAULT;
        n++;
    }
    return n;
}

/*
 * console_io(cmd, count, buffer)
 *   CONSOLEIO_write: print `count` bytes of the guest's buffer.  Returns 0;
 *   -XEN_EFAULT if any of it is unreadable (what was read before the bad
 *   byte is printed), -XEN_EINVAL for count >= 2^31.  Any domain may write.
 *   CONSOLEIO_read: up to `count` bytes of serial input into the buffer;
 *   returns how many (0: none waiting).  The privileged domain only
 *   (-XEN_EPERM); -XEN_EFAULT if the buffer cannot be written.
 */
long do_console_io(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0], count = args[1];
    const vaddr_t buffer = args[2];

    switch (cmd) {
    case CONSOLEIO_write:
        return console_write(count, buffer);
    case CONSOLEIO_read:
        return console_read(count, buffer);
    default:
        return -XEN_ENOSYS;
    }
}
