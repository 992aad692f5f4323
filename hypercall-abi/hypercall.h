/*
 * hypercall.h - guest-side wrappers: one static inline per hypercall.
 *
 * Each wrapper calls the matching 32-byte stub in the hypercall page, which
 * the hypervisor fills at domain build.  The guest must define the page
 * itself, page-aligned, and name it in its XEN_ELFNOTE_HYPERCALL_PAGE note:
 *
 *     extern uint8_t hypercall_page[4096];
 *
 * Argument registers are clobbered by a hypercall, so every argument is an
 * in/out operand.  Results are >= 0 or -XEN_E*.
 */
#ifndef RINGLEADER_ABI_HYPERCALL_H
#define RINGLEADER_ABI_HYPERCALL_H

#include "xen.h"
#include "sched.h"
#include "version.h"
#include "memory.h"
#include "physdev.h"
#include "mmu.h"
#include "callback.h"
#include "bench.h"

extern uint8_t hypercall_page[4096];

/*
 * Call the stub of hypercall `nr` (a __HYPERVISOR_* number).  Its offset in
 * the page is an "i" operand, printed by %c without the immediate's '$', so
 * the number is written only once, in xen.h.
 */
#define RL_HCALL_STUB "call hypercall_page + %c[offset]"
#define RL_HCALL_OFFSET(nr) [offset] "i" ((nr) * HYPERCALL_STUB_SIZE)

#define _hypercall1(nr, a1) ({                                          \
    long __res; uint32_t __b = (uint32_t)(a1);                          \
    __asm__ volatile (RL_HCALL_STUB                                     \
                      : "=a" (__res), "+b" (__b)                        \
                      : RL_HCALL_OFFSET(nr) : "memory");                \
    __res; })

#define _hypercall2(nr, a1, a2) ({                                      \
    long __res; uint32_t __b = (uint32_t)(a1), __c = (uint32_t)(a2);    \
    __asm__ volatile (RL_HCALL_STUB                                     \
                      : "=a" (__res), "+b" (__b), "+c" (__c)            \
                      : RL_HCALL_OFFSET(nr) : "memory");                \
    __res; })

#define _hypercall3(nr, a1, a2, a3) ({                                  \
    long __res; uint32_t __b = (uint32_t)(a1), __c = (uint32_t)(a2);    \
    uint32_t __d = (uint32_t)(a3);                                      \
    __asm__ volatile (RL_HCALL_STUB                                     \
                      : "=a" (__res), "+b" (__b), "+c" (__c), "+d" (__d)\
                      : RL_HCALL_OFFSET(nr) : "memory");                \
    __res; })

#define _hypercall4(nr, a1, a2, a3, a4) ({                              \
    long __res; uint32_t __b = (uint32_t)(a1), __c = (uint32_t)(a2);    \
    uint32_t __d = (uint32_t)(a3), __S = (uint32_t)(a4);                \
    __asm__ volatile (RL_HCALL_STUB                                     \
                      : "=a" (__res), "+b" (__b), "+c" (__c), "+d" (__d), \
                        "+S" (__S)                                      \
                      : RL_HCALL_OFFSET(nr) : "memory");                \
    __res; })

static inline long hypercall_console_io(uint32_t cmd, uint32_t count, const char *buf)
{
    return _hypercall3(__HYPERVISOR_console_io, cmd, count, (uintptr_t)buf);
}

static inline long hypercall_sched_op(uint32_t cmd, void *arg)
{
    return _hypercall2(__HYPERVISOR_sched_op, cmd, (uintptr_t)arg);
}

static inline long hypercall_xen_version(uint32_t cmd, void *arg)
{
    return _hypercall2(__HYPERVISOR_xen_version, cmd, (uintptr_t)arg);
}

static inline long hypercall_memory_op(uint32_t cmd, void *arg)
{
    return _hypercall2(__HYPERVISOR_memory_op, cmd, (uintptr_t)arg);
}

static inline long hypercall_vm_assist(uint32_t cmd, uint32_t type)
{
    return _hypercall2(__HYPERVISOR_vm_assist, cmd, type);
}

static inline long hypercall_physdev_op(uint32_t cmd, void *arg)
{
    return _hypercall2(__HYPERVISOR_physdev_op, cmd, (uintptr_t)arg);
}

/* mmu_update / mmuext_op: done may be NULL; foreigndom is usually DOMID_SELF. */
static inline long hypercall_mmu_update(const struct mmu_update *reqs, uint32_t count,
                                        uint32_t *done, uint32_t foreigndom)
{
    return _hypercall4(__HYPERVISOR_mmu_update, (uintptr_t)reqs, count, (uintptr_t)done,
                       foreigndom);
}

static inline long hypercall_mmuext_op(const struct mmuext_op *ops, uint32_t count,
                                       uint32_t *done, uint32_t foreigndom)
{
    return _hypercall4(__HYPERVISOR_mmuext_op, (uintptr_t)ops, count, (uintptr_t)done, foreigndom);
}

/* update_va_mapping: the PAE entry goes in two registers. */
static inline long hypercall_update_va_mapping(uint32_t va, uint64_t val, uint32_t flags)
{
    return _hypercall4(__HYPERVISOR_update_va_mapping, va, (uint32_t)val, (uint32_t)(val >> 32),
                       flags);
}

static inline long hypercall_multicall(struct multicall_entry *calls, uint32_t count)
{
    return _hypercall2(__HYPERVISOR_multicall, (uintptr_t)calls, count);
}

static inline long hypercall_set_trap_table(const struct trap_info *table)
{
    return _hypercall1(__HYPERVISOR_set_trap_table, (uintptr_t)table);
}

static inline long hypercall_stack_switch(uint32_t ss, uint32_t esp)
{
    return _hypercall2(__HYPERVISOR_stack_switch, ss, esp);
}

static inline long hypercall_set_callbacks(uint32_t event_cs, uint32_t event_eip,
                                           uint32_t failsafe_cs, uint32_t failsafe_eip)
{
    return _hypercall4(__HYPERVISOR_set_callbacks, event_cs, event_eip, failsafe_cs, failsafe_eip);
}

static inline long hypercall_callback_op(uint32_t cmd, const void *arg)
{
    return _hypercall2(__HYPERVISOR_callback_op, cmd, (uintptr_t)arg);
}

static inline long hypercall_fpu_taskswitch(int set)
{
    return _hypercall1(__HYPERVISOR_fpu_taskswitch, (uint32_t)set);
}

static inline long hypercall_set_gdt(const xen_pfn_t *frames, uint32_t entries)
{
    return _hypercall2(__HYPERVISOR_set_gdt, (uintptr_t)frames, entries);
}

/* update_descriptor: the machine address and the descriptor, each 64 bits. */
/* set_debugreg(reg, value) / get_debugreg(reg): DR0-DR7 of this vCPU. */
static inline long hypercall_set_debugreg(unsigned reg, uint32_t value)
{
    return _hypercall2(__HYPERVISOR_set_debugreg, reg, value);
}

static inline long hypercall_get_debugreg(unsigned reg)
{
    return _hypercall1(__HYPERVISOR_get_debugreg, reg);
}

static inline long hypercall_update_descriptor(uint64_t maddr, uint64_t desc)
{
    return _hypercall4(__HYPERVISOR_update_descriptor, (uint32_t)maddr, (uint32_t)(maddr >> 32),
                       (uint32_t)desc, (uint32_t)(desc >> 32));
}

/* Ringleader's benchmark hypercall (bench.h): -XEN_ENOSYS unless booted with bench=1. */
static inline long hypercall_rl_bench_op(uint32_t cmd, void *arg)
{
    return _hypercall2(__HYPERVISOR_rl_bench_op, cmd, (uintptr_t)arg);
}

static inline long hypercall_yield(void)
{
    return hypercall_sched_op(SCHEDOP_yield, 0);
}

static inline long hypercall_shutdown(uint32_t reason)
{
    struct sched_shutdown s = { .reason = reason };
    return hypercall_sched_op(SCHEDOP_shutdown, &s);
}

#endif /* RINGLEADER_ABI_HYPERCALL_H */
