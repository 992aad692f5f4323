/*
 * boot-hypercalls: the core hypercalls check their arguments and answer
 * bad ones with Xen's error codes, never by crashing anything: unknown
 * hypercall numbers and commands (-ENOSYS), buffers that are unmapped,
 * inside the hypervisor or wrapping around (-EFAULT).
 */
#include "../lib/expect.h"

const char test_title[] = "core hypercalls reject bad arguments with Xen's errors";

#define UNMAPPED_VA 0x40000000U         /* far above this domain's 16 MiB */
#define UNUSED_HYPERCALL 127
#define OUT_OF_RANGE_HYPERCALL 4096
#define BAD_COMMAND 0x7FFF

/* A hypercall through int $0x82 directly, for numbers the page has no stub for. */
static long raw_hypercall2(uint32_t nr, uint32_t a1, uint32_t a2)
{
    long rc;

    __asm__ volatile ("int $0x82" : "=a" (rc), "+b" (a1), "+c" (a2) : "a" (nr) : "memory");
    return rc;
}

void test_main(void)
{
    static const char msg[] = "console_io works\n";

    expect_rc("console_io(write) of a good buffer",
           hypercall_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg), 0);
    expect_rc("console_io(write) from an unmapped buffer",
           hypercall_console_io(CONSOLEIO_write, 16, (const char *)(uintptr_t)UNMAPPED_VA),
           -XEN_EFAULT);
    expect_rc("console_io(write) from above the read-only M2P",
           hypercall_console_io(CONSOLEIO_write, 16, (const char *)(uintptr_t)MACH2PHYS_VIRT_END),
           -XEN_EFAULT);
    expect_rc("console_io(write) of a buffer wrapping around 4 GiB",
           hypercall_console_io(CONSOLEIO_write, 0x100, (const char *)(uintptr_t)0xFFFFFFF0U),
           -XEN_EFAULT);
    expect_rc("console_io with an unknown command",
           hypercall_console_io(BAD_COMMAND, 1, msg), -XEN_ENOSYS);
    expect_rc("xen_version with an unknown command",
           hypercall_xen_version(BAD_COMMAND, NULL), -XEN_ENOSYS);
    expect_rc("xen_version(extraversion) into the read-only M2P",
           hypercall_xen_version(XENVER_extraversion, (void *)(uintptr_t)MACH2PHYS_VIRT_START),
           -XEN_EFAULT);
    expect_rc("sched_op with an unknown command",
           hypercall_sched_op(BAD_COMMAND, NULL), -XEN_ENOSYS);
    expect_rc("sched_op(shutdown) with an unmapped argument",
           hypercall_sched_op(SCHEDOP_shutdown, (void *)(uintptr_t)UNMAPPED_VA), -XEN_EFAULT);
    expect_rc("an unused hypercall number",
           raw_hypercall2(UNUSED_HYPERCALL, 0, 0), -XEN_ENOSYS);
    expect_rc("a hypercall number beyond the table",
           raw_hypercall2(OUT_OF_RANGE_HYPERCALL, 0, 0), -XEN_ENOSYS);
    test_success();
}
