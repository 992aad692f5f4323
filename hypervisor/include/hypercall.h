/*
 * hypercall.h - the hypercall dispatcher and the handlers it calls.
 * Each handler gets the five argument registers (EBX, ECX, EDX, ESI, EDI)
 * and returns the value the guest sees in EAX.
 */
#ifndef HV_HYPERCALL_H
#define HV_HYPERCALL_H

#include "types.h"
#include "trap.h"

#define HYPERCALL_NR_ARGS 5
typedef long hypercall_fn(const uint32_t args[HYPERCALL_NR_ARGS]);

void hypercall_dispatch(struct trap_frame *f);

/*
 * Continuations, as Xen's: a long hypercall checks now and then whether a
 * timer tick is waiting, and if so stops, rewrites its arguments to
 * describe the work left and returns hypercall_continue(), which makes the
 * guest execute the same hypercall again once it is scheduled.  The tick
 * is taken in between, so no hypercall holds the CPU for long.
 */
#define HYPERCALL_PREEMPT_EVERY 64     /* items between checks */
bool hypercall_preempt_check(void);
/* Rewrites only the first `nargs` argument registers: the others keep the
 * guest's values. */
long hypercall_continue(uint32_t nr, unsigned nargs, const uint32_t args[HYPERCALL_NR_ARGS]);

hypercall_fn do_console_io, do_sched_op, do_xen_version, do_memory_op, do_vm_assist,
    do_physdev_op, do_mmu_update, do_update_va_mapping, do_mmuext_op, do_multicall,
    do_set_trap_table, do_stack_switch, do_set_callbacks, do_iret, do_callback_op,
    do_fpu_taskswitch, do_set_gdt, do_update_descriptor, do_set_debugreg, do_get_debugreg;

/* Not implemented yet: each answers what Xen answers for what it refuses
 * (event_channel.c, grant_table.c, vcpu_op.c, control.c, hvm_op.c), and
 * the legacy forms of implemented calls. */
hypercall_fn do_event_channel_op, do_event_channel_op_compat, do_grant_table_op,
    do_vcpu_op, do_set_timer_op, do_platform_op,
    do_sysctl, do_domctl, do_paging_domctl_cont, do_privileged_only, do_xenoprof_op,
    do_xenpmu_op, do_dm_op, do_hvm_op, do_physdev_op_compat, do_sched_op_compat,
    do_update_va_mapping_otherdomain, do_nmi_op;

/* The benchmark hypercall (arch/x86/bench.c), when booted with bench=1. */
hypercall_fn do_rl_bench_op;

#endif
