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

extern uint8_t hypercall_page[4096];

#define RL_HCALL_STUB(nr) "call hypercall_page + " #nr " * 32"

#define _hypercall1(nr, a1) ({                                          \
    long __res; uint32_t __b = (uint32_t)(a1);                          \
    __asm__ volatile (RL_HCALL_STUB(nr)                                 \
                      : "=a" (__res), "+b" (__b)                        \
                      : : "memory");                                    \
    __res; })

#define _hypercall2(nr, a1, a2) ({                                      \
    long __res; uint32_t __b = (uint32_t)(a1), __c = (uint32_t)(a2);    \
    __asm__ volatile (RL_HCALL_STUB(nr)                                 \
                      : "=a" (__res), "+b" (__b), "+c" (__c)            \
                      : : "memory");                                    \
    __res; })

#define _hypercall3(nr, a1, a2, a3) ({                                  \
    long __res; uint32_t __b = (uint32_t)(a1), __c = (uint32_t)(a2);    \
    uint32_t __d = (uint32_t)(a3);                                      \
    __asm__ volatile (RL_HCALL_STUB(nr)                                 \
                      : "=a" (__res), "+b" (__b), "+c" (__c), "+d" (__d)\
                      : : "memory");                                    \
    __res; })

static inline long hypercall_console_io(uint32_t cmd, uint32_t count, const char *buf)
{
    return _hypercall3(18, cmd, count, (uintptr_t)buf);
}

static inline long hypercall_sched_op(uint32_t cmd, void *arg)
{
    return _hypercall2(29, cmd, (uintptr_t)arg);
}

static inline long hypercall_xen_version(uint32_t cmd, void *arg)
{
    return _hypercall2(17, cmd, (uintptr_t)arg);
}

static inline long hypercall_memory_op(uint32_t cmd, void *arg)
{
    return _hypercall2(12, cmd, (uintptr_t)arg);
}

static inline long hypercall_vm_assist(uint32_t cmd, uint32_t type)
{
    return _hypercall2(21, cmd, type);
}

static inline long hypercall_physdev_op(uint32_t cmd, void *arg)
{
    return _hypercall2(33, cmd, (uintptr_t)arg);
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

/* Hypercall numbers in the stub strings must match xen.h. */
_Static_assert(__HYPERVISOR_console_io == 18, "console_io stub number");
_Static_assert(__HYPERVISOR_sched_op == 29, "sched_op stub number");
_Static_assert(__HYPERVISOR_xen_version == 17, "xen_version stub number");
_Static_assert(__HYPERVISOR_memory_op == 12, "memory_op stub number");
_Static_assert(__HYPERVISOR_vm_assist == 21, "vm_assist stub number");
_Static_assert(__HYPERVISOR_physdev_op == 33, "physdev_op stub number");

#endif /* RINGLEADER_ABI_HYPERCALL_H */
