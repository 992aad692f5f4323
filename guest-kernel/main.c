/*
 * main.c - the guest kernel's start of day.  For now it greets, shows what
 * the domain builder told it in start_info, and powers off.
 */
#include "../hypercall-abi/hypercall.h"
#include "../hypervisor/lib/lib.h"
#include "console.h"

#define PAGES_PER_MIB 256

void start_kernel(const struct start_info *si);

static void print_version(void)
{
    xen_extraversion_t extra;
    long v = hypercall_xen_version(XENVER_version, 0);

    if (hypercall_xen_version(XENVER_extraversion, extra) < 0)
        extra[0] = '\0';
    printf("hypervisor: Xen ABI %ld.%ld%s\n", v >> 16, v & 0xFFFF, extra);
}

void start_kernel(const struct start_info *si)
{
    printf("Hello from the Ringleader guest kernel!\n");
    print_version();
    printf("start_info: %s, %u pages (%u MiB), flags %#x\n", si->magic, si->nr_pages,
           si->nr_pages / PAGES_PER_MIB, si->flags);
    printf("start_info: page tables at %#x (%u frames), P2M list at %#x, shared_info at machine %#x\n",
           si->pt_base, si->nr_pt_frames, si->mfn_list, si->shared_info);
    printf("command line: '%s'\n", si->cmd_line);
    printf("powering off\n");
    hypercall_shutdown(SHUTDOWN_poweroff);
    printf("shutdown returned!\n");
    for (;;)
        hypercall_yield();
}
