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

hypercall_fn do_console_io, do_sched_op, do_xen_version, do_memory_op, do_vm_assist,
    do_physdev_op, do_mmu_update, do_update_va_mapping, do_mmuext_op, do_multicall;

#endif
