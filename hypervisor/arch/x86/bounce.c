/*
 * bounce.c - the virtual CPU: the guest's virtual IDT, its kernel stack
 * and callbacks, delivering ("bouncing") exceptions and software
 * interrupts to its handlers, and the iret hypercall.  See
 * hypercall-abi/callback.h for the guest's view.
 *
 * A bounce builds on the guest's ring-1 stack the frame the CPU would
 * have pushed had the guest's handler been in the real IDT, then makes
 * the trap frame return to the handler instead of the faulting code:
 *
 *   from ring 1: [EFLAGS, CS|mask<<16, EIP, (error code)] on its stack
 *   from ring 3: [SS, ESP, EFLAGS, CS|mask<<16, EIP, (error code)] on
 *                the stack stack_switch named
 */
#include "hv.h"
#include "bounce.h"
#include "domain.h"
#include "sched.h"
#include "hypercall.h"
#include "guest_access.h"
#include "x86.h"
#include "desc.h"
#include "guest_seg.h"
#include "x86_decode.h"
#include "iopl.h"

#define MAX_FRAME_WORDS 6
#define UPCALL_MASK_SHIFT 16            /* in the saved CS word */
#define GP_EC_IDT 2                     /* #GP error code: an IDT vector */
#define SEL_RPL1 1U

/*
 * The selectors a guest registers (handlers, callbacks, its kernel stack)
 * are taken as Xen takes them: RPL 0 is read as RPL 1, and nothing else is
 * checked until they are used.  That is safe because they are used only
 * by an IRET from the hypervisor, which the CPU checks: no selector with
 * RPL 1 or more can make it return to ring 0, and a bad one faults on the
 * way out, which ends the domain (entry.S).
 */
static uint16_t fixup_selector(uint32_t sel)
{
    return (uint16_t)((sel & SEL_RPL_MASK) ? sel : sel | SEL_RPL1);
}

/*
 * The selectors that may go into the one real gate a guest shapes, the
 * direct INT 0x80 (native 32-bit Xen's guest_gate_selector_okay): for a
 * gate the CPU ignores RPL and runs the handler at its segment's DPL, so
 * it must be a segment whose DPL the hypervisor checked -- one of the
 * guest's own (GDT entries below the reserved page, or its LDT, all DPL
 * 1 or more by descriptor_check) or the flat ring-1 one.  Never one of
 * the hypervisor's.
 */
static bool gate_selector_ok(uint16_t sel)
{
    return sel_index(sel) < FIRST_RESERVED_GDT_ENTRY || (sel & SEL_TI) || sel == FLAT_RING1_CS;
}

/*
 * Push `n` words at ss:sp - 4n, as the CPU would: through the segment
 * (its base, its limit, checked here), onto guest memory only.  Returns
 * the new stack pointer, or false if that stack cannot be written.
 */
static bool push_words(struct vcpu *v, uint32_t ss, uint32_t sp, const uint32_t *words,
                       unsigned n, uint32_t *new_sp)
{
    uint32_t len = n * sizeof(uint32_t);
    struct guest_seg seg;
    vaddr_t lin;

    if (sp < len || !guest_segment(v, (uint16_t)ss, ss & SEL_RPL_MASK, &seg) || seg.code ||
        !guest_seg_linear(&seg, sp - len, len, &lin) || copy_to_guest(lin, words, len) < 0)
        return false;
    *new_sp = sp - len;
    return true;
}

/* The EFLAGS a frame shows: IF is the virtual interrupt flag (!mask), and
 * IOPL the virtual level where the guest asked to see it (iopl.h). */
static uint32_t frame_eflags(const struct vcpu *v, uint32_t eflags, uint8_t mask)
{
    return (eflags & ~(EFLAGS_IF | EFLAGS_IOPL)) | (mask ? 0 : EFLAGS_IF) | iopl_frame_bits(v);
}

/*
 * Enter the guest at cs:eip with `words` pushed on its kernel stack (the
 * interrupted ring-1 stack, or the stack_switch one after ring 3).
 * Returns false if that stack cannot be written.
 */
static bool push_and_enter(struct vcpu *v, struct trap_frame *f, const uint32_t *words,
                           unsigned n, uint32_t cs, uint32_t eip)
{
    bool from_user = (f->cs & SEL_RPL_MASK) == 3;
    uint32_t ss = from_user ? v->kernel_ss : f->ss;
    uint32_t sp;

    if ((from_user && !v->kernel_sp) ||
        !push_words(v, ss, from_user ? v->kernel_sp : f->esp, words, n, &sp))
        return false;
    f->ss = ss;
    f->esp = sp;
    f->cs = cs;
    f->eip = eip;
    f->eflags &= ~(EFLAGS_TF | EFLAGS_NT | EFLAGS_RF | EFLAGS_VM);
    return true;
}

/*
 * A trap frame that cannot be written (the guest's stack is bad) goes to
 * the failsafe callback instead, on the kernel stack from stack_switch,
 * with the segment registers first: [DS, ES, FS, GS, EIP, CS, EFLAGS, ESP,
 * SS].  If there is no failsafe callback, or that frame cannot be written
 * either, the domain is crashed: there is no way left to tell it.
 */
static void failsafe(struct vcpu *v, struct trap_frame *f, unsigned vec)
{
    uint8_t mask = v->info->evtchn_upcall_mask;
    uint32_t esp = f->esp;
    const uint32_t words[] = {
        f->ds & 0xFFFF, f->es & 0xFFFF, f->fs & 0xFFFF, f->gs & 0xFFFF, f->eip,
        (f->cs & 0xFFFF) | (uint32_t)mask << UPCALL_MASK_SHIFT,
        frame_eflags(v, f->eflags, mask), f->esp, f->ss & 0xFFFF,
    };
    uint32_t sp;

    if (!v->failsafe_eip || !v->kernel_sp ||
        !push_words(v, v->kernel_ss, v->kernel_sp, words, ARRAY_SIZE(words), &sp)) {
        domain_crash(v->domain, "cannot deliver vector %u: its stack at %#x is not writable%s", vec, esp,
                     v->failsafe_eip ? ", nor the failsafe callback's" : ", and it has no failsafe callback");
        return;
    }
    f->ss = v->kernel_ss;
    f->esp = sp;
    f->cs = v->failsafe_cs;
    f->eip = v->failsafe_eip;
    f->eflags &= ~(EFLAGS_TF | EFLAGS_NT | EFLAGS_RF | EFLAGS_VM);
    if (v->failsafe_masks_events)
        v->info->evtchn_upcall_mask = 1;
    v->domain->bounces++;
}

/*
 * Enter the guest's handler at cs:eip for what interrupted it (vector
 * `vec`, for the failsafe's report), masking events if asked.
 */
static void deliver(struct vcpu *v, struct trap_frame *f, uint16_t cs, uint32_t eip,
                    bool mask_events, unsigned vec, bool has_ec, uint32_t ec)
{
    uint8_t mask = v->info->evtchn_upcall_mask;
    uint32_t words[MAX_FRAME_WORDS], n = 0;
    uint32_t eflags = frame_eflags(v, f->eflags, mask);

    /* Lowest address first: the error code, EIP, CS, EFLAGS, [ESP, SS]. */
    if (has_ec)
        words[n++] = ec;
    words[n++] = f->eip;
    words[n++] = (f->cs & 0xFFFF) | (uint32_t)mask << UPCALL_MASK_SHIFT;
    words[n++] = eflags;
    if ((f->cs & SEL_RPL_MASK) == 3) {
        words[n++] = f->esp;
        words[n++] = f->ss & 0xFFFF;
    }
    if (!push_and_enter(v, f, words, n, cs, eip)) {
        failsafe(v, f, vec);
        return;
    }
    if (mask_events)
        v->info->evtchn_upcall_mask = 1;
    v->domain->bounces++;
}

/* Deliver vector `vec` (with error code `ec` if has_ec) to its handler. */
static bool bounce(struct trap_frame *f, unsigned vec, bool has_ec, uint32_t ec)
{
    struct vcpu *v = current_vcpu();
    const struct trap_info *ti = &v->traps[vec];

    if (!ti->address)
        return false;
    deliver(v, f, ti->cs, ti->address, ti->flags & TI_MASK_EVENTS, vec, has_ec, ec);
    return true;
}

/*
 * SYSENTER from the guest (sysenter_entry built the frame, with EIP and
 * ESP 0, as Xen's): enter its sysenter callback on its kernel stack,
 * masking events if it asked.  Without a callback it is #GP(0), as on Xen:
 * false, and the caller delivers that.
 */
bool bounce_sysenter(struct trap_frame *f)
{
    struct vcpu *v = current_vcpu();

    f->eflags |= EFLAGS_IF;
    if (!v->sysenter_eip)
        return false;
    deliver(v, f, v->sysenter_cs, v->sysenter_eip, v->sysenter_masks_events, X86_EXC_GP,
            false, 0);
    return true;
}

/* A #GP from INT n whose real gate is DPL 0: deliver n if the guest's
 * virtual gate lets the interrupted ring raise it. */
static bool software_interrupt(struct trap_frame *f)
{
    struct vcpu *v = current_vcpu();
    unsigned vec = f->error_code >> 3;
    const struct trap_info *ti;
    struct x86_insn insn;

    if ((f->error_code & 7) != GP_EC_IDT)
        return false;
    ti = &v->traps[vec];
    if (!ti->address || (ti->flags & TI_DPL_MASK) < (f->cs & SEL_RPL_MASK))
        return false;
    /* The handler returns after the INT, prefixes and all. */
    if (!guest_fetch_insn(v, f, &insn) || insn.op != X86_OP_INT || insn.vector != vec)
        return false;
    f->eip += insn.len;
    return bounce(f, vec, false, 0);
}

bool bounce_exception(struct trap_frame *f, uint32_t cr2)
{
    struct vcpu *v = current_vcpu();

    if (f->vector == X86_EXC_GP && software_interrupt(f))
        return true;
    if (f->vector == X86_EXC_PF)
        v->info->arch.cr2 = cr2;
    return bounce(f, f->vector, f->vector < X86_NR_EXCEPTIONS &&
                  ((1U << f->vector) & X86_EXC_WITH_ERROR_CODE), f->error_code);
}

/*
 * Xen's "direct trap" for system calls: a vector-0x80 handler that does
 * not ask for events to be masked gets a real DPL-n trap gate while its
 * domain runs, so ring 3's INT 0x80 enters ring 1 with no hypervisor in
 * between.  Masking events needs the hypervisor, so such a handler -- or
 * none -- leaves INT 0x80 on the bounced path.  Re-registering the vector
 * with or without TI_MASK_EVENTS switches between the two at run time.
 * A bounced handler still gets a real gate with its own DPL, into the
 * hypervisor's stub: INT 0x80 then enters as vector 0x80, where a DPL-0
 * gate would make it a #GP to decode first; a ring the handler's DPL
 * refuses still takes the CPU's #GP, as the virtual gate says.
 */
static void update_int80(struct vcpu *v)
{
    const struct trap_info *ti = &v->traps[SYSCALL_VECTOR];

    /* The CPU pushes a direct INT 0x80's frame at TSS.SS1:ESP1 unchecked
     * (where segment limits are not enforced): only the flat stack segment
     * and a guest address will do; otherwise the call is bounced. */
    bool direct = ti->address && !(ti->flags & TI_MASK_EVENTS) && gate_selector_ok(ti->cs) &&
                  v->kernel_ss == FLAT_RING1_SS && v->kernel_sp &&
                  v->kernel_sp <= HYPERVISOR_VIRT_START;

    if (direct)
        /* A trap gate: IF stays as it is, so the timer still preempts. */
        v->int80_gate = gate_desc(ti->cs, ti->address, DESC_TYPE_TRAPGATE32,
                                  ti->flags & TI_DPL_MASK);
    else if (ti->address)
        v->int80_gate = desc_hypervisor_gate(SYSCALL_VECTOR, ti->flags & TI_DPL_MASK);
    v->int80_gate_set = ti->address != 0;
    desc_load_vcpu(v->kernel_ss, v->kernel_sp, v->int80_gate_set ? &v->int80_gate : NULL);
}

/*
 * set_trap_table(table): see callback.h.  Entries are copied one by one
 * until a zero address; a bad one stops the copy with its error, leaving
 * the entries before it in place (as in Xen).
 */
long do_set_trap_table(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();
    const vaddr_t table = args[0];
    struct trap_info ti;

    long rc = 0;

    if (!table)
        memset(v->traps, 0, sizeof(v->traps));
    for (vaddr_t p = table; table; p += sizeof(ti)) {
        /* A table may be as long as the guest can map: continue later. */
        if (p != table && hypercall_preempt_check()) {
            const uint32_t rest[HYPERCALL_NR_ARGS] = { p };
            return hypercall_continue(__HYPERVISOR_set_trap_table, 1, rest);
        }
        if (copy_from_guest(&ti, p, sizeof(ti)) < 0) {
            rc = -XEN_EFAULT;
            break;
        }
        if (!ti.address)
            break;
        ti.cs = fixup_selector(ti.cs);
        v->traps[ti.vector] = ti;
    }
    update_int80(v);
    return rc;
}

/* stack_switch(ss, esp): the kernel stack for traps from ring 3. */
long do_stack_switch(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();

    v->kernel_ss = fixup_selector(args[0]);
    v->kernel_sp = args[1];
    update_int80(v);            /* and TSS.SS1:ESP1, which a direct INT 0x80 uses */
    return 0;
}

/* set_callbacks(event_cs, event_eip, failsafe_cs, failsafe_eip). */
long do_set_callbacks(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();

    v->event_cs = fixup_selector(args[0]);
    v->event_eip = args[1];
    v->failsafe_cs = fixup_selector(args[2]);
    v->failsafe_eip = args[3];
    return 0;
}

static long register_callback(struct vcpu *v, const struct callback_register *reg)
{
    uint16_t cs = fixup_selector(reg->address.cs);

    switch (reg->type) {
    case CALLBACKTYPE_event:
    case CALLBACKTYPE_failsafe:
        if (reg->type == CALLBACKTYPE_event) {
            v->event_cs = cs;
            v->event_eip = reg->address.eip;
        } else {
            v->failsafe_cs = cs;
            v->failsafe_eip = reg->address.eip;
            v->failsafe_masks_events = reg->flags & CALLBACKF_mask_events;
        }
        return 0;
    case CALLBACKTYPE_sysenter:
        v->sysenter_cs = cs;
        v->sysenter_eip = reg->address.eip;
        v->sysenter_masks_events = reg->flags & CALLBACKF_mask_events;
        return 0;
    case CALLBACKTYPE_syscall32:
        /* Recorded, as Xen does; 32-bit SYSCALL exists only on AMD CPUs,
         * and where it does not the instruction is #UD, bounced as such. */
        v->syscall32_cs = cs;
        v->syscall32_eip = reg->address.eip;
        return 0;
    case CALLBACKTYPE_nmi:
        v->nmi_eip = reg->address.eip;
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

static long unregister_callback(struct vcpu *v, const struct callback_unregister *unreg)
{
    switch (unreg->type) {
    case CALLBACKTYPE_event:
    case CALLBACKTYPE_failsafe:
    case CALLBACKTYPE_sysenter:
    case CALLBACKTYPE_syscall32:
        return -XEN_EINVAL;     /* as in Xen: these stay registered */
    case CALLBACKTYPE_nmi:
        v->nmi_eip = 0;
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

/* callback_op(cmd, arg): see callback.h. */
long do_callback_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();
    struct callback_register reg;
    struct callback_unregister unreg;

    switch (args[0]) {
    case CALLBACKOP_register:
        if (copy_from_guest(&reg, args[1], sizeof(reg)) < 0)
            return -XEN_EFAULT;
        return register_callback(v, &reg);
    case CALLBACKOP_unregister:
        if (copy_from_guest(&unreg, args[1], sizeof(unreg)) < 0)
            return -XEN_EFAULT;
        return unregister_callback(v, &unreg);
    default:
        return -XEN_EINVAL;     /* as Xen answers an unknown command */
    }
}

/* nmi_op(cmd, arg): the older way to set CALLBACKTYPE_nmi (callback.h). */
long do_nmi_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct xennmi_callback cb;

    switch (args[0]) {
    case XENNMI_register_callback:
        if (copy_from_guest(&cb, args[1], sizeof(cb)) < 0)
            return -XEN_EFAULT;
        current_vcpu()->nmi_eip = cb.handler_address;
        return 0;
    case XENNMI_unregister_callback:
        current_vcpu()->nmi_eip = 0;
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

/* What the iret stub leaves on the guest's stack. */
struct iret_frame {
    uint32_t eax, eip, cs, eflags, esp, ss;
};

/*
 * iret(): return from a trap handler, restoring the upcall mask from the
 * saved EFLAGS.IF in the same step.  The real EFLAGS keeps IF set and IOPL
 * 0; under architectural_iopl the frame's IOPL becomes the virtual one.
 * As on Xen the frame is read at the flat linear ESP, and CS is taken
 * as it is: RPL 1 returns to ring 1 on the same stack, RPL 2 or 3 pops
 * ESP and SS too, and the CPU checks both selectors when the hypervisor
 * IRETs with them.  A frame that cannot be read, or a CS of RPL 0, crashes
 * the domain: there is nothing left to return to.
 */
long do_iret(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();
    struct trap_frame *f = guest_frame();
    struct iret_frame r;
    size_t len = offsetof(struct iret_frame, esp);
    uint32_t cs;

    (void)args;
    if (copy_from_guest(&r, f->esp, len) < 0)
        goto bad;
    cs = r.cs & 0xFFFF;
    if ((cs & SEL_RPL_MASK) == 0)
        goto bad;
    if ((cs & SEL_RPL_MASK) > 1 && copy_from_guest(&r.esp, f->esp + len, 2 * sizeof(uint32_t)) < 0)
        goto bad;
    if (r.eflags & EFLAGS_VM)
        goto bad;               /* as Xen: no way into virtual-8086 mode */
    v->info->evtchn_upcall_mask = !(r.eflags & EFLAGS_IF);
    iopl_from_iret(v, r.eflags);
    f->eip = r.eip;
    f->cs = cs;
    /* Never a nested task or a real IOPL. */
    f->eflags = (r.eflags & ~(EFLAGS_IOPL | EFLAGS_NT | EFLAGS_RF)) | EFLAGS_IF | EFLAGS_MBS;
    if ((cs & SEL_RPL_MASK) > 1) {
        f->esp = r.esp;
        f->ss = r.ss & 0xFFFF;
    } else {
        f->esp += len;
    }
    return r.eax;
bad:
    domain_crash(v->domain, "iret with a bad frame at %#x", f->esp);
    return 0;
}
