/*
 * debugreg.c - a vCPU's debug registers: set_debugreg/get_debugreg, the
 * emulated MOV to and from %dr0-%dr7, loading them on a switch, and the
 * guest's view of DR6 when a #DB arrives.  Xen's rules (set_debugreg in
 * xen/arch/x86/pv/misc-hypercalls.c), with native 32-bit Xen's check of
 * breakpoint addresses, since here the hypervisor shares the guest's 4 GiB:
 *
 *   DR0-DR3  a linear address; all of [addr, addr + 4) must lie below
 *            HYPERVISOR_VIRT_START (-EPERM), so no breakpoint ever matches
 *            the hypervisor's own code or data
 *   DR4/DR5  DR6/DR7 by another name, unless the guest's CR4.DE is set
 *            (-ENODEV; #UD for MOV)
 *   DR6      reserved bits forced to what they read as
 *   DR7      reserved bits forced; GD is -EPERM (the hypervisor needs the
 *            debug registers itself); an I/O breakpoint needs the guest's
 *            CR4.DE (-EPERM) and is kept aside (dr7_emul): the real CR4.DE
 *            is off, so the CPU would read R/W = 10b as undefined
 *   other    -ENODEV
 *
 * The registers reach the CPU only while some breakpoint is enabled (DR7's
 * L/G bits): a vCPU with none pays nothing on a switch, as in Xen.
 */
#include "hv.h"
#include "debugreg.h"
#include "domain.h"
#include "sched.h"
#include "hypercall.h"
#include "asm.h"

#define DR_ADDR_SIZE 4      /* the most a 32-bit breakpoint covers */

/* Does the CPU hold breakpoints now (a vCPU with DR7 active ran last)? */
static bool hw_active;

static bool active(const struct vcpu *v)
{
    return v->dr7 & DR7_ACTIVE;
}

/* Put all of v's debug registers in the CPU. */
static void load_all(const struct vcpu *v)
{
    for (unsigned n = 0; n < DR_BREAKPOINTS; n++)
        write_dr(n, v->dr[n]);
    write_dr(6, v->dr6);
    write_dr(7, v->dr7);
    hw_active = true;
}

void debugreg_init(struct vcpu *v)
{
    v->dr6 = DR6_DEFAULT;
    v->dr7 = DR7_DEFAULT;
}

void debugreg_load(const struct vcpu *v)
{
    if (active(v)) {
        load_all(v);
    } else if (hw_active) {
        write_dr(7, 0);
        hw_active = false;
    }
}

static uint32_t adjust_dr6(uint32_t val)
{
    return (val | DR6_DEFAULT) & ~DR6_ZEROS;
}

/* DR7: validate, keep the I/O breakpoints aside; 0 or an error. */
static int set_dr7(struct vcpu *v, uint32_t val)
{
    uint32_t io_enable = 0;

    val = (val | DR7_DEFAULT) & ~DR7_ZEROS;
    if (val & DR7_GD)
        return -XEN_EPERM;
    if (val & DR7_ACTIVE) {
        for (unsigned n = 0; n < DR_BREAKPOINTS; n++) {
            if (((val >> (DR7_RW_SHIFT + 4 * n)) & 3) != DR7_RW_IO)
                continue;
            if (!(v->virtual_cr4 & CR4_DE))
                return -XEN_EPERM;
            io_enable |= val & (3U << (2 * n));     /* its L and G bits */
        }
    }
    v->dr7_emul = io_enable;
    v->dr7 = val & ~io_enable;
    if (v == current_vcpu())
        debugreg_load(v);
    return 0;
}

int debugreg_set(struct vcpu *v, unsigned reg, uint32_t val)
{
    switch (reg) {
    case 0: case 1: case 2: case 3:
        if (val > HYPERVISOR_VIRT_START - DR_ADDR_SIZE)
            return -XEN_EPERM;
        v->dr[reg] = val;
        if (v == current_vcpu() && active(v))
            write_dr(reg, val);
        return 0;
    case 4:
    case 6:
        if (reg == 4 && (v->virtual_cr4 & CR4_DE))
            return -XEN_ENODEV;
        v->dr6 = adjust_dr6(val);
        if (v == current_vcpu() && active(v))
            write_dr(6, v->dr6);
        return 0;
    case 5:
    case 7:
        if (reg == 5 && (v->virtual_cr4 & CR4_DE))
            return -XEN_ENODEV;
        return set_dr7(v, val);
    default:
        return -XEN_ENODEV;
    }
}

int debugreg_get(const struct vcpu *v, unsigned reg, uint32_t *val)
{
    switch (reg) {
    case 0: case 1: case 2: case 3:
        *val = v->dr[reg];
        return 0;
    case 4:
    case 6:
        if (reg == 4 && (v->virtual_cr4 & CR4_DE))
            return -XEN_ENODEV;
        *val = v->dr6;
        return 0;
    case 5:
    case 7:
        if (reg == 5 && (v->virtual_cr4 & CR4_DE))
            return -XEN_ENODEV;
        *val = v->dr7 | v->dr7_emul;
        return 0;
    default:
        return -XEN_ENODEV;
    }
}

/*
 * A #DB: what the CPU reports (DR6, read and reset to its default) added
 * to the guest's DR6, as Xen 4.17 does: every event bit, the breakpoint
 * matches B0-B3 included, stays set until the guest writes DR6 (the
 * oracle shows B0|B1 after breakpoint 0, then 1).  `events` are more
 * events in DR6's positive polarity (BS after an emulated instruction).
 */
void debugreg_trap(struct vcpu *v, uint32_t events)
{
    uint32_t happened = (read_dr6() ^ DR6_DEFAULT) | events;    /* 1 = happened */

    write_dr(6, DR6_DEFAULT);
    v->dr6 = adjust_dr6(((v->dr6 ^ DR6_DEFAULT) | happened) ^ DR6_DEFAULT);
}

/* set_debugreg(reg, value): see hypercall-abi/xen.h. */
long do_set_debugreg(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return debugreg_set(current_vcpu(), args[0], args[1]);
}

/* get_debugreg(reg): the value, or -ENODEV for a register that is not. */
long do_get_debugreg(const uint32_t args[HYPERCALL_NR_ARGS])
{
    uint32_t val;
    int rc = debugreg_get(current_vcpu(), args[0], &val);

    return rc ? rc : (long)val;
}
