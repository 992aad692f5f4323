/*
 * hypercall.c - hypercall dispatch, continuations and multicall.  The
 * handlers live with their subsystems (console.c, memory.c, version.c,
 * sched_op.c, vm_assist.c, arch/x86/physdev.c...), and those of the calls
 * not implemented yet in the files that give Xen's refusals
 * (event_channel.c, grant_table.c, vcpu_op.c, control.c, hvm_op.c).
 * Numbers and semantics are Xen's; see hypercall-abi/.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "../../hypercall-abi/xen.h"
#include "../../hypercall-abi/bench.h"

static hypercall_fn *const hypercall_table[] = {
    [__HYPERVISOR_set_trap_table] = do_set_trap_table,
    [__HYPERVISOR_stack_switch] = do_stack_switch,
    [__HYPERVISOR_set_callbacks] = do_set_callbacks,
    [__HYPERVISOR_iret] = do_iret,
    [__HYPERVISOR_callback_op] = do_callback_op,
    [__HYPERVISOR_fpu_taskswitch] = do_fpu_taskswitch,
    [__HYPERVISOR_set_gdt] = do_set_gdt,
    [__HYPERVISOR_update_descriptor] = do_update_descriptor,
    [__HYPERVISOR_set_debugreg] = do_set_debugreg,
    [__HYPERVISOR_get_debugreg] = do_get_debugreg,
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
    [__HYPERVISOR_physdev_op_compat] = do_physdev_op_compat,
    [__HYPERVISOR_sched_op_compat] = do_sched_op_compat,
    [__HYPERVISOR_nmi_op] = do_nmi_op,
    [__HYPERVISOR_update_va_mapping_otherdomain] = do_update_va_mapping_otherdomain,
    /* Not implemented yet: Xen's refusals (hypercall.h). */
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_event_channel_op_compat] = do_event_channel_op_compat,
    [__HYPERVISOR_grant_table_op] = do_grant_table_op,
    [__HYPERVISOR_vcpu_op] = do_vcpu_op,
    [__HYPERVISOR_set_timer_op] = do_set_timer_op,
    [__HYPERVISOR_platform_op] = do_platform_op,
    [__HYPERVISOR_sysctl] = do_sysctl,
    [__HYPERVISOR_domctl] = do_domctl,
    [__HYPERVISOR_paging_domctl_cont] = do_paging_domctl_cont,
    [__HYPERVISOR_mca] = do_privileged_only,
    [__HYPERVISOR_kexec_op] = do_privileged_only,
    [__HYPERVISOR_hypfs_op] = do_privileged_only,
    [__HYPERVISOR_xenoprof_op] = do_xenoprof_op,
    [__HYPERVISOR_xenpmu_op] = do_xenpmu_op,
    [__HYPERVISOR_dm_op] = do_dm_op,
    [__HYPERVISOR_hvm_op] = do_hvm_op,
    /* Ringleader's own, past Xen's numbers: -ENOSYS unless bench=1. */
    [__HYPERVISOR_rl_bench_op] = do_rl_bench_op,
};

#define INT82_LENGTH 2          /* "int $0x82" is CD 82 */

/* The multicall in progress: a call inside it continues by rewriting its
 * entry's arguments, then the multicall itself continues at that entry. */
static struct {
    bool active, preempted;
    unsigned nargs;
    uint32_t args[HYPERCALL_NR_ARGS];
} multicall;

bool hypercall_preempt_check(void)
{
    return irq_timer_pending();
}

long hypercall_continue(uint32_t nr, unsigned nargs, const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct trap_frame *f = guest_frame();     /* the caller's: its registers */
    uint32_t *const regs[HYPERCALL_NR_ARGS] = { &f->ebx, &f->ecx, &f->edx, &f->esi, &f->edi };

    current_domain()->continuations++;
    if (multicall.active) {
        memcpy(multicall.args, args, nargs * sizeof(args[0]));
        multicall.nargs = nargs;
        multicall.preempted = true;
        return 0;
    }
    for (unsigned i = 0; i < nargs; i++)
        *regs[i] = args[i];
    f->eip -= INT82_LENGTH;
    return nr;                  /* back in EAX for the repeated int $0x82 */
}

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

/* Run one entry; false if it was preempted (its arguments are rewritten). */
static bool multicall_one(vaddr_t entry, struct multicall_entry *e, long *rc)
{
    *rc = 0;
    if (e->op == __HYPERVISOR_multicall) {
        e->result = -XEN_EINVAL;            /* no re-entry, as in Xen */
    } else {
        multicall.active = true;
        multicall.preempted = false;
        e->result = (int32_t)call(e->op, e->args);
        multicall.active = false;
        if (multicall.preempted) {
            if (copy_to_guest(entry + offsetof(struct multicall_entry, args),
                              multicall.args, multicall.nargs * sizeof(multicall.args[0])) < 0)
                *rc = -XEN_EFAULT;
            return false;
        }
    }
    if (copy_to_guest(entry + offsetof(struct multicall_entry, result), &e->result,
                      sizeof(e->result)) < 0)
        *rc = -XEN_EFAULT;
    return true;
}

/*
 * An iret entry ends the batch, as in Xen (the XSA-213 class of bugs): it
 * has already switched the guest's frame to the context it returns to, so
 * no later entry may run on that frame, and the multicall must not
 * continue itself either (that would step the new EIP back over an
 * "int $0x82" that is not there).  Its result, the EAX it restored, is
 * written back if the entry is still writable (best effort, as in Xen),
 * and is what the multicall returns: the EAX the guest finds there.
 */
static long multicall_iret(vaddr_t entry, struct multicall_entry *e)
{
    e->result = (int32_t)call(__HYPERVISOR_iret, e->args);
    /* A failed write changes nothing: the iret has happened. */
    (void)copy_to_guest(entry + offsetof(struct multicall_entry, result), &e->result,
                        sizeof(e->result));
    return e->result;
}

/*
 * multicall(calls, count): run each entry as if it were its own hypercall
 * and write its result into the entry.  A multicall inside a multicall is
 * -EINVAL.  Stops early if a call stopped the domain, and after an iret
 * (multicall_iret); continues itself (see hypercall_continue) when
 * preempted.  Returns 0, the iret's EAX, or -XEN_EFAULT if an entry cannot
 * be read or its result written.
 */
long do_multicall(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const vaddr_t calls = args[0];
    const uint32_t count = args[1];
    struct domain *d = current_domain();
    struct multicall_entry e;
    long rc;

    for (uint32_t i = 0; i < count && d->state == DOMAIN_ALIVE; i++) {
        vaddr_t entry = calls + i * sizeof(e);
        if (i > 0 && hypercall_preempt_check()) {
            const uint32_t rest[HYPERCALL_NR_ARGS] = { entry, count - i };
            return hypercall_continue(__HYPERVISOR_multicall, 2, rest);
        }
        if (copy_from_guest(&e, entry, sizeof(e)) < 0)
            return -XEN_EFAULT;
        if (e.op == __HYPERVISOR_iret)
            return multicall_iret(entry, &e);
        if (!multicall_one(entry, &e, &rc)) {
            const uint32_t rest[HYPERCALL_NR_ARGS] = { entry, count - i };
            return rc ? rc : hypercall_continue(__HYPERVISOR_multicall, 2, rest);
        }
        if (rc)
            return rc;
    }
    return 0;
}
