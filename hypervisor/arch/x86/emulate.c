/*
 * emulate.c - trap-and-emulate: the privileged instructions a PV guest
 * kernel may still execute.  In ring 1 they raise #GP (or, for Xen's
 * forced-emulation CPUID, #UD); the hypervisor decodes the instruction
 * (x86_decode.c), does what it may on the guest's behalf, and steps over
 * it.  Anything else -- LGDT, LIDT, LTR, INVD, a port that is not the
 * domain's... -- is reflected to the guest as the fault it raised.
 *
 *   CLI / STI           the virtual interrupt flag (the upcall mask), if
 *                       the virtual IOPL allows it (iopl.h, as Xen)
 *   HLT                 gives the CPU away (blocking on events comes with
 *                       event channels)
 *   IN / OUT            the domain's ports (ioport.c), if the virtual IOPL
 *                       allows it; COM1, every kernel's virtual UART, always
 *   INS / OUTS          the same, from ring 1 on flat segments, REP too
 *   MOV CR0/CR2/CR3/CR4 the guest's view: CR0 with its virtual TS, CR2 in
 *                       vcpu_info, CR3 its L3 (written: NEW_BASEPTR), CR4
 *                       with its own bits (TSD, DE) and a few real ones
 *   RDTSC               in the kernel, once its CR4.TSD makes it trap
 *   MOV DR0-DR7         the vCPU's debug registers, by set_debugreg's
 *                       rules (debugreg.c); DR4/DR5 with CR4.DE: #UD
 *   CLTS, WBINVD        virtual TS cleared; nothing to do
 *   RDMSR / WRMSR       a short allow-list
 *   CPUID (forced)      a filtered view, with Xen's leaves at 0x40000000
 * The guest's memory is only ever reached through copy_from_guest() and,
 * for INS, copy_to_guest().
 */
#include "hv.h"
#include "emulate.h"
#include "x86_decode.h"
#include "domain.h"
#include "sched.h"
#include "guest_access.h"
#include "asm.h"
#include "mmu.h"
#include "fpu.h"
#include "paging.h"
#include "guest_seg.h"
#include "ioport.h"
#include "hypercall.h"
#include "debugreg.h"
#include "iopl.h"

#define MSR_IA32_TSC 0x10
#define MSR_IA32_PLATFORM_ID 0x17
#define MSR_IA32_MISC_ENABLE 0x1A0
#define CPUID_XEN_BASE 0x40000000U
#define CPUID1_ECX_HIDDEN ((1U << 3) | (1U << 5) | (1U << 6) | (1U << 7) | (1U << 8) | \
                           (1U << 26) | (1U << 27))  /* MONITOR, VMX, SMX, EST, TM2, XSAVE, OSXSAVE */
#define CPUID1_EDX_HIDDEN ((1U << 22) | (1U << 29) | (1U << 31))  /* ACPI, TM, PBE */
#define CPUID1_ECX_HYPERVISOR (1U << 31)

static uint32_t *gpr(struct trap_frame *f, unsigned reg)
{
    uint32_t *const regs[] = { &f->eax, &f->ecx, &f->edx, &f->ebx,
                               &f->esp_at_pusha, &f->ebp, &f->esi, &f->edi };
    return reg == X86_REG_ESP ? &f->esp : regs[reg];
}

/*
 * May code in `ring` try these ports?  A kernel may always use its
 * virtual UART (its console, for every kernel); anything else needs the
 * virtual IOPL.  Whether the ports are its domain's is ioport.c's answer.
 */
static bool io_allowed(const struct vcpu *v, unsigned ring, uint16_t port, unsigned size)
{
    bool uart = port >= COM1_BASE && port + size <= COM1_BASE + COM1_PORTS;

    return iopl_allows(v, ring) || (ring == 1 && uart);
}

static bool emulate_io(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    uint16_t port = insn->port_in_dx ? (uint16_t)f->edx : insn->port;
    uint32_t mask = insn->io_size == 4 ? ~0U : (1U << (insn->io_size * 8)) - 1, val;

    if (!io_allowed(v, f->cs & SEL_RPL_MASK, port, insn->io_size))
        return false;
    if (insn->op == X86_OP_OUT)
        return ioport_write(v->domain, port, insn->io_size, f->eax & mask);
    if (!ioport_read(v->domain, port, insn->io_size, &val))
        return false;
    f->eax = (f->eax & ~mask) | (val & mask);
    return true;
}

/*
 * A flat segment's selector (any RPL): its base is 0, so an offset in it
 * is the linear address.  String I/O is emulated on these only, as only
 * flat code is (emulate_privileged()).
 */
static bool flat_segment(uint32_t sel, bool writable)
{
    sel &= 0xFFFC;
    return sel == (FLAT_RING1_DS & 0xFFFC) || sel == (FLAT_RING3_DS & 0xFFFC) ||
           (!writable && (sel == (FLAT_RING1_CS & 0xFFFC) || sel == (FLAT_RING3_CS & 0xFFFC)));
}

/* The selector OUTS reads through: DS, or the override prefix's. */
static uint32_t outs_segment(const struct trap_frame *f, const struct x86_insn *insn)
{
    switch (insn->seg) {
    case X86_SEG_ES: return f->es;
    case X86_SEG_CS: return f->cs;
    case X86_SEG_SS: return f->ss;
    case X86_SEG_FS: return f->fs;
    case X86_SEG_GS: return f->gs;
    default: return f->ds;
    }
}

/*
 * One element of INS (port to memory at addr) or OUTS (memory to port),
 * the memory a byte at a time so that a fault names the first byte that
 * could not be reached (*cr2), as Xen reports it.
 */
static bool string_element(struct domain *d, const struct x86_insn *insn, uint16_t port,
                           vaddr_t addr, uint32_t *cr2)
{
    uint8_t bytes[4];
    uint32_t val = 0;
    unsigned i;

    if (insn->op == X86_OP_INS) {
        ioport_read(d, port, insn->io_size, &val);
        memcpy(bytes, &val, sizeof(bytes));
        for (i = 0; i < insn->io_size && copy_to_guest(addr + i, &bytes[i], 1) == 0; i++)
            ;
    } else {
        for (i = 0; i < insn->io_size && copy_from_guest(&bytes[i], addr + i, 1) == 0; i++)
            ;
        memcpy(&val, bytes, sizeof(val));
        if (i == insn->io_size)
            ioport_write(d, port, insn->io_size, val);
    }
    *cr2 = addr + i;
    return i == insn->io_size;
}

/*
 * INS and OUTS, with or without REP, from ring 1 on flat segments.  Ring
 * 3 is left its #GP: the copies check the mapping but not its U/S bit, so
 * a user process could otherwise reach its kernel's pages through them.
 * A long REP stops when a timer tick is due, with ECX and the index
 * register telling how far it got, and the guest executes it again; a
 * fault on the memory is a #PF (Xen's error code: the write bit only).
 * False when refused or faulted (f then holds the #PF to deliver).
 */
static bool emulate_string_io(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn,
                              uint32_t *cr2)
{
    bool ins = insn->op == X86_OP_INS, rep = insn->rep || insn->repne;
    uint32_t amask = insn->addrsize == 2 ? 0xFFFF : ~0U, *index = ins ? &f->edi : &f->esi;
    uint32_t step = f->eflags & EFLAGS_DF ? -(uint32_t)insn->io_size : insn->io_size;
    uint32_t count = rep ? f->ecx & amask : 1, done;
    uint16_t port = (uint16_t)f->edx;

    if ((f->cs & SEL_RPL_MASK) != 1 || !io_allowed(v, 1, port, insn->io_size) ||
        !ioport_usable(v->domain, port, insn->io_size) ||
        !flat_segment(ins ? f->es : outs_segment(f, insn), ins))
        return false;
    for (done = 0; done < count; done++) {
        if (done && hypercall_preempt_check())
            break;
        if (!string_element(v->domain, insn, port, *index & amask, cr2)) {
            f->vector = X86_EXC_PF;
            f->error_code = ins ? PFEC_WRITE : 0;
            return false;
        }
        *index = (*index & ~amask) | ((*index + step) & amask);
        if (rep)
            f->ecx = (f->ecx & ~amask) | ((f->ecx - 1) & amask);
    }
    if (done == count)
        f->eip += insn->len;
    return true;
}

/*
 * The guest's CR4, as Xen builds it (pv_fixup_guest_cr4()): the bits it
 * controls, as it last wrote them, and a few of the real ones it may see.
 * TSD is enforced (the real TSD follows it, and the kernel's RDTSC is
 * emulated); DE is emulated by debugreg.c.  A write never faults: any
 * other bit written is ignored.  (XSAVE is hidden, so OSXSAVE is not the
 * guest's; FSGSBASE means nothing to 32-bit code.)
 */
#define CR4_GUEST_BITS (CR4_TSD | CR4_DE)
#define CR4_VISIBLE_BITS (CR4_PAE | CR4_MCE | CR4_OSFXSR | CR4_OSXMMEXCPT)

static uint32_t guest_cr4(const struct vcpu *v)
{
    return (v->virtual_cr4 & CR4_GUEST_BITS) | (read_cr4() & CR4_VISIBLE_BITS);
}

void emulate_switch_to(const struct vcpu *v)
{
    uint32_t cr4 = read_cr4(), want = (cr4 & ~CR4_TSD) | (v->virtual_cr4 & CR4_TSD);

    if (want != cr4)
        write_cr4(want);
}

/*
 * CR3 in the extended format of PAE guests (Xen's compat_cr3_to_pfn()):
 * the frame number rotated left by 12, so frames above 4 GiB fit.  Bits
 * set below bit 12 are thus high bits of the frame, not PWT or PCD.
 */
static uint32_t mfn_to_cr3(mfn_t mfn)
{
    return mfn_x(mfn) << PAGE_SHIFT | mfn_x(mfn) >> (32 - PAGE_SHIFT);
}

static mfn_t cr3_to_mfn(uint32_t cr3)
{
    return _mfn(cr3 >> PAGE_SHIFT | cr3 << (32 - PAGE_SHIFT));
}

static bool read_cr(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    uint32_t val;

    switch (insn->cr_dr) {
    case 0: val = (read_cr0() & ~CR0_TS) | (v->virtual_ts ? CR0_TS : 0); break;
    case 2: val = v->info->arch.cr2; break;
    case 3: val = mfn_to_cr3(v->l3_mfn); break;
    case 4: val = guest_cr4(v); break;
    default: return false;
    }
    *gpr(f, insn->gpr) = val;
    return true;
}

static bool write_cr(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    uint32_t val = *gpr(f, insn->gpr);

    switch (insn->cr_dr) {
    case 0:     /* only TS is the guest's to change */
        if ((val ^ read_cr0()) & ~CR0_TS)
            return false;
        v->virtual_ts = val & CR0_TS;
        fpu_switch_to(v);
        return true;
    case 2:     /* the guest's CR2 is the one its #PF handler reads */
        v->info->arch.cr2 = val;
        return true;
    case 3:
        return mmu_new_baseptr(v, cr3_to_mfn(val)) == 0;
    case 4:
        v->virtual_cr4 = val & CR4_GUEST_BITS;
        emulate_switch_to(v);
        return true;
    default:
        return false;
    }
}

/*
 * MOV to or from a debug register, by set_debugreg's rules.  A register
 * that is not there (DR4/DR5 with CR4.DE) is #UD, as the CPU makes it;
 * any other refusal leaves the #GP.
 */
static bool mov_dr(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    int rc = insn->op == X86_OP_MOV_TO_DR ?
             debugreg_set(v, insn->cr_dr, *gpr(f, insn->gpr)) :
             debugreg_get(v, insn->cr_dr, gpr(f, insn->gpr));

    if (rc == -XEN_ENODEV) {
        f->vector = X86_EXC_UD;     /* bounced as #UD instead of the #GP */
        f->error_code = 0;
    }
    return rc == 0;
}

static bool emulate_msr(struct trap_frame *f, bool write)
{
    uint64_t val;

    switch (f->ecx) {
    case MSR_IA32_TSC:
        if (write)
            return false;
        __asm__ volatile ("rdtsc" : "=A" (val));
        break;
    case MSR_IA32_PLATFORM_ID:
    case MSR_IA32_MISC_ENABLE:
        val = 0;
        break;
    default:
        return false;
    }
    if (write)
        return true;    /* writes to the allow-listed MSRs are ignored */
    f->eax = (uint32_t)val;
    f->edx = (uint32_t)(val >> 32);
    return true;
}

static void emulate_cpuid(struct trap_frame *f)
{
    static const char signature[12] = "XenVMMXenVMM";
    uint32_t leaf = f->eax, regs[4];

    if (leaf >= CPUID_XEN_BASE && leaf <= CPUID_XEN_BASE + 2) {
        memset(regs, 0, sizeof(regs));
        if (leaf == CPUID_XEN_BASE) {
            regs[0] = CPUID_XEN_BASE + 2;
            memcpy(&regs[1], signature, sizeof(signature));
        } else if (leaf == CPUID_XEN_BASE + 1) {
            regs[0] = RL_VERSION_MAJOR << 16 | RL_VERSION_MINOR;
        } else {
            regs[0] = 1;        /* one hypercall page */
        }
    } else {
        __asm__ volatile ("cpuid" : "=a" (regs[0]), "=b" (regs[1]), "=c" (regs[2]), "=d" (regs[3])
                          : "a" (leaf), "c" (f->ecx));
        if (leaf == 1) {
            regs[2] = (regs[2] & ~CPUID1_ECX_HIDDEN) | CPUID1_ECX_HYPERVISOR;
            regs[3] &= ~CPUID1_EDX_HIDDEN;
        }
    }
    f->eax = regs[0];
    f->ebx = regs[1];
    f->ecx = regs[2];
    f->edx = regs[3];
}

/* Do the instruction; false if the guest may not, so its fault stands. */
static bool emulate(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    unsigned ring = f->cs & SEL_RPL_MASK;
    bool kernel = ring == 1;

    switch (insn->op) {
    case X86_OP_CLI:
    case X86_OP_STI:
        if (!iopl_allows(v, ring))
            return false;
        v->info->evtchn_upcall_mask = insn->op == X86_OP_CLI;
        return true;
    case X86_OP_HLT:
        if (kernel)
            sched_request_switch();
        return kernel;
    case X86_OP_IN:
    case X86_OP_OUT:
        return emulate_io(v, f, insn);
    case X86_OP_MOV_FROM_CR:
        return kernel && read_cr(v, f, insn);
    case X86_OP_MOV_TO_CR:
        return kernel && write_cr(v, f, insn);
    case X86_OP_MOV_FROM_DR:
    case X86_OP_MOV_TO_DR:
        return kernel && mov_dr(v, f, insn);
    case X86_OP_CLTS:
        if (kernel) {
            v->virtual_ts = false;
            fpu_switch_to(v);
        }
        return kernel;
    case X86_OP_WBINVD:
        return kernel;
    case X86_OP_RDTSC:      /* traps only under the guest's CR4.TSD */
        if (kernel)
            __asm__ volatile ("rdtsc" : "=a" (f->eax), "=d" (f->edx));
        return kernel;
    case X86_OP_RDMSR:
    case X86_OP_WRMSR:
        return kernel && emulate_msr(f, insn->op == X86_OP_WRMSR);
    case X86_OP_XEN_CPUID:
        emulate_cpuid(f);
        return true;
    default:
        return false;
    }
}

bool emulate_privileged(struct trap_frame *f, uint32_t *cr2)
{
    struct vcpu *v = current_vcpu();
    struct x86_insn insn;

    /* 32-bit code, flat or on a segment of the guest's own (guest_seg.c);
     * anything the decoder cannot read gets its fault. */
    if (!guest_fetch_insn(v, f, &insn) || insn.lock)
        return false;
    if (f->vector == X86_EXC_UD && insn.op != X86_OP_XEN_CPUID)
        return false;
    if (insn.op == X86_OP_INS || insn.op == X86_OP_OUTS)
        return emulate_string_io(v, f, &insn, cr2);     /* it steps over it itself */
    if (!emulate(v, f, &insn))
        return false;
    f->eip += insn.len;
    return true;
}
