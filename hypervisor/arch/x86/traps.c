/*
 * traps.c - where every entry into the hypervisor is routed.
 *
 *   from a guest (ring 1 or 3):
 *     int $0x82          -> the hypercall dispatcher
 *     exception          -> #NM: the lazy FPU switch (fpu.c); #PF in the
 *                           LDT window: map the guest's LDT page
 *                           (guest_ldt.c); #GP/#UD: trap-and-emulate
 *                           (emulate.c); then the guest's
 *                           own handler (bounce.c), or without one a crash
 *                           of that domain, with the details
 *     hardware interrupt -> acknowledged; the timer tick drives the
 *                           scheduler's time slices
 *   from the hypervisor itself (ring 0):
 *     a #PF in the LDT window (a guest segment reloaded on the way out)
 *     maps the guest's LDT page as above;
 *     an exception with an exception-table entry resumes at its fixup,
 *     with the vector in EAX; any other is a hypervisor bug: print
 *     everything and stop the machine.
 *
 * After each entry from a guest the scheduler may switch vCPUs by
 * replacing the frame at the top of the stack.
 */
#include "hv.h"
#include "trap.h"
#include "x86.h"
#include "asm.h"
#include "io.h"
#include "sched.h"
#include "domain.h"
#include "hypercall.h"
#include "symbols.h"
#include "machine.h"
#include "memlayout.h"
#include "segment.h"
#include "pit.h"
#include "bounce.h"
#include "fpu.h"
#include "emulate.h"
#include "guest_ldt.h"
#include "debugreg.h"

#define PIC_EOI        0x20
#define PIC_ICW1_INIT  0x11
#define PIC_ICW4_8086  0x01
#define PIC_CASCADE_IRQ 2
#define STACK_TRACE_DEPTH 16

extern char boot_stack_top[], sysenter_entry[];
extern const struct { uint32_t insn, fixup; } __start_extable[], __stop_extable[];

static const char *const exception_names[X86_NR_EXCEPTIONS] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
    "#BR bound range", "#UD invalid opcode", "#NM device not available",
    "#DF double fault", "coprocessor overrun", "#TS invalid TSS",
    "#NP segment not present", "#SS stack fault", "#GP general protection",
    "#PF page fault", "reserved 15", "#MF x87 error", "#AC alignment check",
    "#MC machine check", "#XM SIMD error",
};

static const char *vector_name(uint32_t v)
{
    if (v < X86_NR_EXCEPTIONS && exception_names[v])
        return exception_names[v];
    return "interrupt";
}

/* Remap the 8259 PICs away from the exception vectors; only the timer is unmasked. */
static void pic_init(void)
{
    outb(PIC1_CMD, PIC_ICW1_INIT);
    outb(PIC2_CMD, PIC_ICW1_INIT);
    outb(PIC1_DATA, PIC_IRQ_BASE);
    outb(PIC2_DATA, PIC_IRQ_BASE + 8);
    outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);
    outb(PIC2_DATA, PIC_CASCADE_IRQ);
    outb(PIC1_DATA, PIC_ICW4_8086);
    outb(PIC2_DATA, PIC_ICW4_8086);
    outb(PIC1_DATA, (uint8_t)~(1U << IRQ_TIMER));
    outb(PIC2_DATA, 0xFF);
}

#define PIC_OCW3_READ_IRR 0x0A

/* Is a timer tick waiting (the hypervisor runs with interrupts off)? */
bool irq_timer_pending(void)
{
    outb(PIC1_CMD, PIC_OCW3_READ_IRR);
    return inb(PIC1_CMD) & (1U << IRQ_TIMER);
}

#define MSR_SYSENTER_CS  0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176

/*
 * SYSENTER, where the CPU has it, enters the hypervisor (sysenter_entry)
 * on the stack every guest frame lives on, whatever ring ran it; without
 * it the instruction is #UD, bounced as such.  The guest never sees or
 * sets these MSRs.
 */
static void sysenter_init(void)
{
    if (!(cpuid1_edx() & CPUID1_EDX_SEP))
        return;
    wrmsr(MSR_SYSENTER_CS, HV_CS);
    wrmsr(MSR_SYSENTER_ESP, (uint32_t)(uintptr_t)boot_stack_top);
    wrmsr(MSR_SYSENTER_EIP, (uint32_t)(uintptr_t)sysenter_entry);
}

/* Split isolation moves the entry from the hypervisor stack to the entry stack. */
void sysenter_set_stack(uint32_t esp)
{
    if (cpuid1_edx() & CPUID1_EDX_SEP)
        wrmsr(MSR_SYSENTER_ESP, esp);
}

void trap_init(void)
{
    pic_init();
    pit_init(TICK_HZ);
    sysenter_init();
}

struct trap_frame *guest_frame(void)
{
    return (struct trap_frame *)((uintptr_t)boot_stack_top - TRAP_FRAME_SIZE);
}

uint32_t extable_fixup(uint32_t eip)
{
    for (const typeof(__start_extable[0]) *e = __start_extable; e < __stop_extable; e++)
        if (e->insn == eip)
            return e->fixup;
    return 0;
}

static void dump_registers(const struct trap_frame *f, uint32_t esp, uint32_t ss)
{
    printk("  eax %08x  ebx %08x  ecx %08x  edx %08x\n", f->eax, f->ebx, f->ecx, f->edx);
    printk("  esi %08x  edi %08x  ebp %08x  esp %08x\n", f->esi, f->edi, f->ebp, esp);
    printk("  cs %04x  ds %04x  es %04x  fs %04x  gs %04x  ss %04x\n",
           f->cs & 0xFFFF, f->ds & 0xFFFF, f->es & 0xFFFF, f->fs & 0xFFFF,
           f->gs & 0xFFFF, ss & 0xFFFF);
    printk("  cr0 %08x  cr2 %08x  cr3 %08x  cr4 %08x\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* Walk the frame-pointer chain; stop at anything outside the stack. */
static void stack_trace(uint32_t eip, uint32_t ebp)
{
    uint32_t stack_lo = (uint32_t)(uintptr_t)boot_stack_top - HV_STACK_SIZE;

    printk("  stack trace:\n");
    for (int depth = 0; depth < STACK_TRACE_DEPTH; depth++) {
        char sym[64];
        symbol_describe(eip, sym, sizeof(sym));
        printk("    [%08x] %s\n", eip, sym);
        if (ebp < stack_lo || ebp + 8 > (uint32_t)(uintptr_t)boot_stack_top || ebp % 4)
            break;
        eip = ((const uint32_t *)(uintptr_t)ebp)[1];
        ebp = ((const uint32_t *)(uintptr_t)ebp)[0];
    }
}

/*
 * A #DB in ring 0 is the guest's doing, never the hypervisor's: a data
 * breakpoint on a guest buffer a hypercall touched, or one held back by a
 * MOV SS shadow until the instruction after it -- the INT that entered
 * the hypervisor.  (DR0-DR3 never name a hypervisor address, so no
 * instruction breakpoint can match here.)  It is a trap, so carrying on is
 * safe: reset DR6, drop any TF, and go on without a word, since a guest
 * could otherwise fill the console.  Xen does the same.
 */
static void hypervisor_debug_trap(struct trap_frame *f)
{
    write_dr(6, DR6_DEFAULT);
    f->eflags &= ~EFLAGS_TF;
}

/*
 * An exception in ring 0: a guest's LDT page wanted by a segment load on
 * the way back to it (mapped now: the load is retried), an expected fault
 * with a fixup, or a bug.
 */
static void hypervisor_exception(struct trap_frame *f)
{
    uint32_t fixup = extable_fixup(f->eip), cr2 = read_cr2();
    char sym[64];

    if (f->vector == X86_EXC_PF && ldt_fault(&cr2) == LDT_FAULT_MAPPED)
        return;
    if (f->vector == X86_EXC_DB) {
        hypervisor_debug_trap(f);
        return;
    }
    if (fixup) {
        f->eip = fixup;
        f->eax = f->vector;
        return;
    }
    symbol_describe(f->eip, sym, sizeof(sym));
    printk("*** hypervisor fault: vector %u (%s), error code %#x\n",
           f->vector, vector_name(f->vector), f->error_code);
    printk("  eip %08x <%s>  eflags %08x\n", f->eip, sym, f->eflags);
    /* A ring-0 frame has no esp/ss: the stack continues right after eflags. */
    dump_registers(f, (uint32_t)(uintptr_t)&f->esp, HV_DS);
    stack_trace(f->eip, f->ebp);
    panic("exception in hypervisor context");
}

/* A guest's exception goes to its handler, or (without one) crashes it. */
static void guest_exception(struct trap_frame *f)
{
    struct domain *d = current_domain();
    uint32_t cr2 = f->vector == X86_EXC_PF ? read_cr2() : 0;

    if (f->vector == X86_EXC_NM && !fpu_device_not_available(current_vcpu()))
        return;                 /* its FPU registers are loaded: carry on */
    if (f->vector == X86_EXC_PF && ldt_fault(&cr2) == LDT_FAULT_MAPPED)
        return;                 /* its LDT page is mapped: retry */
    if ((f->vector == X86_EXC_GP || f->vector == X86_EXC_UD) && emulate_privileged(f, &cr2)) {
        if (!(f->eflags & EFLAGS_TF))
            return;
        /* Single-stepping: the emulated instruction ends with #DB, as the
         * real one would have. */
        f->vector = X86_EXC_DB;
        f->error_code = 0;
        debugreg_trap(current_vcpu(), DR6_BS);
    } else if (f->vector == X86_EXC_DB) {
        debugreg_trap(current_vcpu(), 0);
    }
    if (bounce_exception(f, cr2))
        return;
    domain_crash(d, "%s (vector %u) error code %#x at eip %#x (ring %u), cr2 %#x",
                 vector_name(f->vector), f->vector, f->error_code, f->eip, f->cs & 3, cr2);
    printk("  registers of %s at the fault:\n", d->name);
    dump_registers(f, f->esp, f->ss);
}

/* SYSENTER from a guest: to its callback, or as #GP(0) if it has none. */
static void sysenter(struct trap_frame *f)
{
    if (bounce_sysenter(f))
        return;
    f->vector = X86_EXC_GP;
    f->error_code = 0;
    guest_exception(f);
}

static void irq_handle(uint32_t vector)
{
    if (vector >= PIC_IRQ_BASE + 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
    if (vector == PIC_IRQ_BASE + IRQ_TIMER)
        sched_tick();
}

/* An NMI or machine check is the platform's, not whoever was running. */
static bool platform_event(const struct trap_frame *f)
{
    if (f->vector != X86_EXC_NMI && f->vector != X86_EXC_MC)
        return false;
    printk("%s at eip %#x (%s): ignored\n", vector_name(f->vector), f->eip,
           frame_from_guest(f) ? "in a guest" : "in the hypervisor");
    return true;
}

void trap_dispatch(struct trap_frame *f)
{
    /* Hypercalls first: the most frequent entry, and only a guest makes
     * one (the gate is DPL 1; the hypervisor never uses int $0x82). */
    if (f->vector == HYPERCALL_VECTOR && frame_from_guest(f)) {
        hypercall_dispatch(f);
        sched_switch_if_needed(f);
        return;
    }
    if (platform_event(f))
        return;
    if (!frame_from_guest(f)) {
        hypervisor_exception(f);
        return;
    }
    if (f->vector == SYSENTER_VECTOR)
        sysenter(f);
    else if (f->vector >= PIC_IRQ_BASE && f->vector < PIC_IRQ_BASE + PIC_NR_IRQS)
        irq_handle(f->vector);
    else
        guest_exception(f);
    sched_switch_if_needed(f);
}

/* entry.S could not reload a guest's segments or iret to it. */
void guest_restore_failed(struct trap_frame *f)
{
    struct domain *d = current_domain();

    domain_crash(d, "bad guest state on return: eip %#x cs %#x ss %#x ds %#x",
                 f->eip, f->cs & 0xFFFF, f->ss & 0xFFFF, f->ds & 0xFFFF);
    sched_switch_if_needed(f);
}
