/*
 * main.c - the guest kernel's start of day.  For now it greets, shows what
 * the domain builder told it in start_info, maps its shared_info, installs
 * its trap handlers and checks two of them (a breakpoint, and its lazy FPU
 * switch through #NM), and powers off.
 */
#include "../hypercall-abi/hypercall.h"
#include "../hypervisor/lib/lib.h"
#include "console.h"
#include "pmap.h"
#include "traps.h"

#define PAGES_PER_MIB 256
#define VIRT_BASE 0xC0000000U

/* A page of the image whose mapping is replaced by the shared-info page. */
static uint8_t shared_info_page[PMAP_PAGE_SIZE] __attribute__((aligned(PMAP_PAGE_SIZE)));

void start_kernel(const struct start_info *si);

static void print_version(void)
{
    xen_extraversion_t extra;
    long v = hypercall_xen_version(XENVER_version, 0);

    if (hypercall_xen_version(XENVER_extraversion, extra) < 0)
        extra[0] = '\0';
    printf("hypervisor: Xen ABI %ld.%ld%s\n", v >> 16, v & 0xFFFF, extra);
}

/* Map shared_info (given by machine address) over a page of our own. */
static const struct shared_info *map_shared_info(const struct start_info *si)
{
    uint32_t va = (uint32_t)(uintptr_t)shared_info_page;
    long rc = hypercall_update_va_mapping(va, si->shared_info | PMAP_KERNEL_RW, UVMF_INVLPG);

    if (rc < 0) {
        printf("could not map shared_info: %ld\n", rc);
        return NULL;
    }
    return (const struct shared_info *)shared_info_page;
}

/* Install the trap table, then take a breakpoint and an #NM on purpose. */
static void check_traps(const struct shared_info *shared)
{
    long rc = traps_init(shared);

    if (rc < 0) {
        printf("set_trap_table failed: %ld\n", rc);
        return;
    }
    printf("trap table installed\n");
    __asm__ volatile ("int3");
    hypercall_fpu_taskswitch(1);
    __asm__ volatile ("fninit");
}

void start_kernel(const struct start_info *si)
{
    const struct shared_info *shared;

    printf("Hello from the Ringleader guest kernel!\n");
    print_version();
    printf("start_info: %s, %u pages (%u MiB), flags %#x\n", si->magic, si->nr_pages,
           si->nr_pages / PAGES_PER_MIB, si->flags);
    printf("start_info: page tables at %#x (%u frames), P2M list at %#x, shared_info at machine %#x\n",
           si->pt_base, si->nr_pt_frames, si->mfn_list, si->shared_info);
    printf("command line: '%s'\n", si->cmd_line);
    pmap_init(si, VIRT_BASE);
    shared = map_shared_info(si);
    if (shared) {
        printf("shared_info mapped: events %s, max_pfn %u\n",
               shared->vcpu_info[0].evtchn_upcall_mask ? "masked" : "unmasked",
               shared->arch.max_pfn);
        check_traps(shared);
    }
    printf("powering off\n");
    hypercall_shutdown(SHUTDOWN_poweroff);
    printf("shutdown returned!\n");
    for (;;)
        hypercall_yield();
}
