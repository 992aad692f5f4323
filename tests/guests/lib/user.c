/*
 * user.c - ring 3 for test guests (see user.h).
 *
 * user_mode_init() tells the hypervisor which ring-1 stack to use for
 * traps from ring 3 (stack_switch); exec_user() saves the ring-1 context
 * in `kernel_ctx` and IRETs to ring 3.  Whatever brings the CPU back --
 * a fault or the exit call, both arriving through the trap stubs on the
 * trap stack -- ends in user_return(), which restores `kernel_ctx` and so
 * returns from exec_user().
 */
#include "user.h"
#include "../../../guest-kernel/pmap.h"

#define TRAP_STACK_SIZE 4096
#define USER_STACK_SIZE 4096
#define EFLAGS_MBS_IF 0x202

uint32_t user_exit_code;
uint32_t (*sys_handler)(uint32_t nr, uint32_t a1, uint32_t a2);
extern char __user_start[], __user_end[];

static uint8_t trap_stack[TRAP_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t user_stack[USER_STACK_SIZE] __attribute__((section(".user.data"), aligned(16)));

/* The saved ring-1 context: callee-saved registers, ESP and where to go. */
struct kernel_ctx {
    uint32_t ebx, esi, edi, ebp, esp, eip;
};
struct kernel_ctx kernel_ctx;

/* Both in user_entry.S. */
void enter_user(uint32_t eip, uint32_t esp, bool via_hypercall);
void user_return(void) __attribute__((noreturn));

long user_mode_init(void)
{
    long rc;

    for (char *p = __user_start; p < __user_end; p += PMAP_PAGE_SIZE) {
        uint32_t va = (uint32_t)(uintptr_t)p;
        rc = hypercall_update_va_mapping(va, pfn_to_maddr(virt_to_pfn(p)) | PMAP_KERNEL_RW |
                                         PMAP_US, UVMF_INVLPG);
        if (rc)
            return rc;
    }
    rc = hypercall_stack_switch(FLAT_RING1_SS, (uint32_t)(uintptr_t)(trap_stack + TRAP_STACK_SIZE));
    return rc ? rc : user_syscall_path(false);
}

long user_syscall_path(bool bounced)
{
    return trap_register(SYSCALL_VECTOR, 3 | (bounced ? TI_MASK_EVENTS : 0));
}

static struct fault run_user(void (*fn)(void), bool via_hypercall)
{
    last_fault.happened = false;
    enter_user((uint32_t)(uintptr_t)fn, (uint32_t)(uintptr_t)(user_stack + USER_STACK_SIZE),
               via_hypercall);
    return last_fault;
}

struct fault exec_user(void (*fn)(void))
{
    return run_user(fn, false);
}

struct fault exec_user_iret(void (*fn)(void))
{
    return run_user(fn, true);
}

void user_trap(const struct fault *f, uint32_t *eax, uint32_t ebx, uint32_t ecx)
{
    if (f->vector == SYSCALL_VECTOR && *eax != SYS_EXIT) {
        *eax = sys_handler ? sys_handler(*eax, ebx, ecx) : (uint32_t)-XEN_ENOSYS;
        return;                 /* back to ring 3 with the result */
    }
    if (f->vector == SYSCALL_VECTOR)
        user_exit_code = ebx;
    last_fault = *f;
    user_return();
}
