/*
 * callback.h - the virtual CPU's trap and callback hypercalls (x86_32).
 *
 * set_trap_table(table)                                   hypercall 0
 *   table: struct trap_info[] (arch-x86_32.h), ended by an entry whose
 *   address is 0; NULL clears the whole virtual IDT.  -EFAULT for an
 *   unreadable table.
 * stack_switch(ss, esp)                                   hypercall 3
 *   The stack the hypervisor switches to when it delivers a trap that
 *   interrupted ring 3 (a virtual TSS.SS1:ESP1).  Returns 0.
 * set_callbacks(event_cs, event_eip, failsafe_cs, failsafe_eip)
 *                                                         hypercall 4
 *   Where event upcalls and failsafe bounces go.  Returns 0.
 *
 * Selectors (CS, SS) are taken as Xen takes them: RPL 0 is read as RPL 1,
 * and nothing else is checked until one is used -- the guest's flat ones,
 * its own GDT and LDT segments, anything.  One that cannot be used (a
 * hypervisor segment, a data segment as CS, one that is not present) makes
 * the trap undeliverable when it comes: the domain is crashed.  A trap
 * frame goes through SS as the CPU would put it there (SS's base and
 * limit).
 * fpu_taskswitch(set)                                     hypercall 5
 *   Sets (1) or clears (0) the guest's virtual CR0.TS: while set, its next
 *   FPU instruction raises #NM in the guest (a lazy FPU switch of its own
 *   processes).  Returns 0.
 * iret()                                                  hypercall 23
 *   Called through the hypercall page's iret stub with ESP at
 *   { EAX, EIP, CS, EFLAGS, [ESP, SS] } (the last two when returning to
 *   ring 3): returns there and restores the upcall mask from EFLAGS.IF.
 *
 * How a trap reaches the guest: the hypervisor builds, on the guest's
 * ring-1 stack (the interrupted one, or SS:ESP from stack_switch when it
 * interrupted ring 3), the frame a CPU would push --
 *   [SS, ESP (from ring 3)], EFLAGS, CS, EIP, [error code]
 * -- with the saved upcall mask in bits 16-23 of the CS word and EFLAGS.IF
 * = !upcall mask, and enters the handler.  A page fault's address is in
 * vcpu_info.arch.cr2.  Software interrupts (INT n) reach a handler whose
 * trap_info DPL is at least the caller's ring.
 */
#ifndef RINGLEADER_ABI_CALLBACK_H
#define RINGLEADER_ABI_CALLBACK_H

#include "xen.h"

#define TRAP_INFO_ENTRIES 256

/*
 * callback_op(cmd, arg)                                   hypercall 30
 *   CALLBACKOP_register: arg -> struct callback_register.  Types: event and
 *     failsafe (as set_callbacks; CALLBACKF_mask_events on the failsafe
 *     masks events when it runs), nmi (recorded; the hypervisor does not
 *     forward NMIs yet).  -ENOSYS for another type.
 *   CALLBACKOP_unregister: arg -> struct callback_unregister.  The nmi
 *     callback can be dropped; event and failsafe cannot (-EINVAL), other
 *     types -ENOSYS.
 *   -EFAULT for an unreadable arg, -EINVAL for another cmd (as Xen).
 */
#define CALLBACKOP_register   0
#define CALLBACKOP_unregister 1

#define CALLBACKTYPE_event    0
#define CALLBACKTYPE_failsafe 1
#define CALLBACKTYPE_nmi      4
#define CALLBACKTYPE_sysenter 5     /* SYSENTER from ring 3 (32-bit guests) */
#define CALLBACKTYPE_syscall32 7    /* SYSCALL from ring 3 (32-bit guests) */
#define CALLBACKF_mask_events (1U << 0)

/*
 * nmi_op(cmd, arg)                                        hypercall 28
 *   The older form of the NMI callback: XENNMI_register_callback reads
 *   struct xennmi_callback and records its handler as CALLBACKTYPE_nmi
 *   does (-EFAULT for an unreadable arg); XENNMI_unregister_callback drops
 *   it.  -ENOSYS for another cmd.  Returns 0.
 */
#define XENNMI_register_callback   0
#define XENNMI_unregister_callback 1

#ifndef __ASSEMBLER__
struct xennmi_callback {
    uint32_t handler_address;
    uint32_t pad;
};
RL_ABI_ASSERT_SIZE(struct xennmi_callback, 8);

struct xen_callback {
    uint32_t cs;
    uint32_t eip;
};

struct callback_register {
    uint16_t type;
    uint16_t flags;
    struct xen_callback address;
};
RL_ABI_ASSERT_SIZE(struct callback_register, 12);

struct callback_unregister {
    uint16_t type;
    uint16_t _unused;
};
RL_ABI_ASSERT_SIZE(struct callback_unregister, 4);
#endif

#endif /* RINGLEADER_ABI_CALLBACK_H */
