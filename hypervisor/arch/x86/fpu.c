/*
 * fpu.c - lazy FPU switching and the guest's virtual CR0.TS.
 *
 * The FPU holds one vCPU's registers (fpu_owner).  Switching to another
 * vCPU only sets CR0.TS; that vCPU's first FPU instruction raises #NM,
 * and only then are the old owner's registers saved and its own loaded.
 * A vCPU that never touches the FPU never pays for it.
 *
 * A guest kernel switching its own processes does the same with
 * fpu_taskswitch(1), its virtual CR0.TS: the hypervisor keeps the real TS
 * set, and the #NM that follows is delivered to the guest (after its
 * registers are loaded), whose handler calls fpu_taskswitch(0).
 */
#include "hv.h"
#include "fpu.h"
#include "asm.h"
#include "domain.h"
#include "sched.h"
#include "hypercall.h"

static struct vcpu *fpu_owner;

void fpu_switch_to(struct vcpu *v)
{
    if (fpu_owner == v && !v->virtual_ts)
        clts();
    else
        stts();
}

bool fpu_device_not_available(struct vcpu *v)
{
    clts();                             /* FXSAVE/FXRSTOR would fault otherwise */
    if (fpu_owner != v) {
        if (fpu_owner)
            fpu_save(fpu_owner->fpu);
        else
            fpu_init();     /* a dead owner may have left an exception pending */
        fpu_restore(v->fpu);
        fpu_owner = v;
    }
    if (v->virtual_ts) {
        stts();
        return true;
    }
    return false;
}

void fpu_forget(struct vcpu *v)
{
    if (fpu_owner == v)
        fpu_owner = NULL;
}

/*
 * fpu_taskswitch(set): set or clear the guest's virtual CR0.TS.  While it
 * is set, the guest's next FPU instruction raises #NM in the guest.
 * Returns 0.
 */
long do_fpu_taskswitch(const uint32_t args[HYPERCALL_NR_ARGS])
{
    struct vcpu *v = current_vcpu();

    v->virtual_ts = args[0] != 0;
    fpu_switch_to(v);
    return 0;
}
