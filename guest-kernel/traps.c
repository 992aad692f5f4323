/*
 * traps.c - the guest kernel's exception handlers, registered with
 * set_trap_table.  A breakpoint is reported and execution goes on; #NM is
 * the kernel's own lazy FPU switch (it clears its virtual TS with
 * fpu_taskswitch and retries the instruction); any other fault in the
 * kernel is fatal: it is reported, with CR2 for a page fault (from
 * vcpu_info, since only ring 0 can read CR2), and the domain crashes.
 */
#include "../hypervisor/lib/lib.h"
#include "console.h"
#include "trap_stubs.h"
#include "traps.h"

#define VEC_DE 0
#define VEC_BP 3
#define VEC_UD 6
#define VEC_NM 7
#define VEC_GP 13
#define VEC_PF 14
#define DPL_USER 3

void kernel_trap(struct stub_frame *f);
void trap_0(void), trap_3(void), trap_6(void), trap_7(void), trap_13(void), trap_14(void);

static const struct shared_info *shared_info;

void kernel_trap(struct stub_frame *f)
{
    switch (f->vector) {
    case VEC_BP:
        printf("breakpoint at eip %#x\n", f->eip - 1);
        return;
    case VEC_NM:
        hypercall_fpu_taskswitch(0);
        printf("#NM: the FPU is the kernel's again\n");
        return;
    default:
        printf("kernel fault: vector %u, error code %#x at eip %#x, cr2 %#x\n", f->vector,
               f->error_code, f->eip, f->vector == VEC_PF ? shared_info->vcpu_info[0].arch.cr2 : 0);
        hypercall_shutdown(SHUTDOWN_crash);
    }
}

long traps_init(const struct shared_info *shared)
{
    static const struct trap_info table[] = {
        { VEC_DE, 0, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_0 },
        { VEC_BP, DPL_USER, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_3 },
        { VEC_UD, 0, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_6 },
        { VEC_NM, 0, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_7 },
        { VEC_GP, 0, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_13 },
        { VEC_PF, 0, FLAT_KERNEL_CS, (uint32_t)(uintptr_t)trap_14 },
        { 0, 0, 0, 0 },
    };

    shared_info = shared;
    return hypercall_set_trap_table(table);
}
