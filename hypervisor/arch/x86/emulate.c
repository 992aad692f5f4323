/*
 * emulate.c - trap-and-emulate: the privileged instructions a PV guest
 * kernel may still execute.  In ring 1 they raise #GP (or, for Xen's
 * forced-emulation CPUID, #UD); the hypervisor decodes the instruction
 * (x86_decode.c), does what it may on the guest's behalf, and steps over
 * it.  Anything else -- LGDT, LIDT, LTR, INVD, a port that is not the
 * virtual UART... -- is reflected to the guest as the fault it raised.
 *
 *   CLI / STI           the virtual interrupt flag (the upcall mask), if
 *                       the virtual IOPL allows it (iopl.h, as Xen)
 *   HLT                 gives the CPU away (blocking on events comes with
 *                       event channels)
 *   IN / OUT COM1       a virtual UART: what the guest writes reaches its
 *                       console, it always looks ready, no input
 *   MOV CR0/CR2/CR3/CR4 the guest's view: CR0 with its virtual TS, CR2 from
 *                       vcpu_info, CR3 its L3 (written: NEW_BASEPTR), CR4
 *                       kept per vCPU (the real one does not change)
 *   MOV DR0-DR7         the vCPU's debug registers, by set_debugreg's
 *                       rules (debugreg.c); DR4/DR5 with CR4.DE: #UD
 *   CLTS, WBINVD        virtual TS cleared; nothing to do
 *   RDMSR / WRMSR       a short allow-list
 *   CPUID (forced)      a filtered view, with Xen's leaves at 0x40000000
 * The guest's memory is only ever read through copy_from_guest().
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
#include "io.h"
#include "bounce.h"
#include "debugreg.h"
#include "iopl.h"

#define UART_PORTS 8
#define UART_THR 0      /* transmit (DLAB 0) / divisor low (DLAB 1) */
#define UART_IIR 2
#define UART_LCR 3
#define UART_LSR 5
#define UART_MSR 6
#define UART_LCR_DLAB 0x80
#define UART_LSR_IDLE 0x60          /* THRE | TEMT: always ready to send */
#define UART_IIR_NONE 0x01
#define MSR_IA32_TSC 0x10
#define MSR_IA32_PLATFORM_ID 0x17
#define MSR_IA32_MISC_ENABLE 0x1A0
#define CPUID_XEN_BASE 0x40000000U
#define CPUID1_ECX_HIDDEN ((1U << 3) | (1U << 5) | (1U << 6) | (1U << 7) | (1U << 8) | \
                           (1U << 27))  /* MONITOR, VMX, SMX, EST, TM2, OSXSAVE */
#define CPUID1_EDX_HIDDEN ((1U << 22) | (1U << 29) | (1U << 31))  /* ACPI, TM, PBE */
#define CPUID1_ECX_HYPERVISOR (1U << 31)

static uint32_t *gpr(struct trap_frame *f, unsigned reg)
{
    uint32_t *const regs[] = { &f->eax, &f->ecx, &f->edx, &f->ebx,
                               &f->esp_at_pusha, &f->ebp, &f->esi, &f->edi };
    return reg == X86_REG_ESP ? &f->esp : regs[reg];
}

/* The virtual UART on COM1: enough of a 16550 for a polling writer. */
static bool uart_in(struct domain *d, unsigned offset, uint32_t *val)
{
    switch (offset) {
    case UART_THR: *val = 0; break;                 /* no input */
    case UART_IIR: *val = UART_IIR_NONE; break;
    case UART_LSR: *val = UART_LSR_IDLE; break;
    case UART_MSR: *val = 0; break;
    default: *val = d->uart_regs[offset]; break;
    }
    return true;
}

static bool uart_out(struct domain *d, unsigned offset, uint32_t val)
{
    if (offset == UART_THR && !(d->uart_regs[UART_LCR] & UART_LCR_DLAB)) {
        char c = (char)val;
        domain_console_write(d, &c, 1);
    } else {
        d->uart_regs[offset] = (uint8_t)val;
    }
    return true;
}

static bool emulate_io(struct domain *d, struct trap_frame *f, const struct x86_insn *insn)
{
    uint16_t port = insn->port_in_dx ? (uint16_t)f->edx : insn->port;
    uint32_t mask = insn->io_size == 4 ? ~0U : (1U << (insn->io_size * 8)) - 1, val;

    if (port < COM1_BASE || port >= COM1_BASE + UART_PORTS)
        return false;
    if (insn->op == X86_OP_OUT)
        return uart_out(d, port - COM1_BASE, f->eax & mask);
    uart_in(d, port - COM1_BASE, &val);
    f->eax = (f->eax & ~mask) | (val & mask);
    return true;
}

static bool read_cr(struct vcpu *v, struct trap_frame *f, const struct x86_insn *insn)
{
    uint32_t val;

    switch (insn->cr_dr) {
    case 0: val = (read_cr0() & ~CR0_TS) | (v->virtual_ts ? CR0_TS : 0); break;
    case 2: val = v->info->arch.cr2; break;
    case 3: val = (uint32_t)mfn_to_maddr(v->l3_mfn); break;
    case 4: val = v->virtual_cr4; break;
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
    case 3:
        return mmu_new_baseptr(v, maddr_to_mfn(val)) == 0;
    case 4:
        v->virtual_cr4 = val;
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
        return (kernel || iopl_allows(v, ring)) && emulate_io(v->domain, f, insn);
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

bool emulate_privileged(struct trap_frame *f)
{
    struct vcpu *v = current_vcpu();
    uint8_t bytes[X86_MAX_INSN_LEN];
    size_t avail = 0;
    struct x86_insn insn;

    /* Only flat 32-bit code: EIP is then the linear address and the
     * decoder's assumption (CS.D = 1) holds; other code gets its fault. */
    if (!flat_code(f->cs))
        return false;
    /* As many bytes as can be read, up to the longest instruction. */
    while (avail < sizeof(bytes) && copy_from_guest(&bytes[avail], f->eip + avail, 1) == 0)
        avail++;
    if (x86_decode(bytes, avail, &insn) < 0 || insn.op == X86_OP_UNKNOWN || insn.lock)
        return false;
    if (f->vector == X86_EXC_UD && insn.op != X86_OP_XEN_CPUID)
        return false;
    if (!emulate(v, f, &insn))
        return false;
    f->eip += insn.len;
    return true;
}
