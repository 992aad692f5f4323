/*
 * sched.c - switching the one CPU between vCPUs, in time slices: a vCPU
 * runs until it yields, blocks, stops or uses up its slice; the policy
 * (sched_policy.c) then names the next one.  A vCPU that yields gives the
 * rest of its slice away (work-conserving).
 *
 * The running vCPU's registers live in the trap frame at the top of the
 * hypervisor stack; a switch saves that frame into the old vCPU, copies
 * the new vCPU's saved frame over it and loads its processor state, so the
 * common return path (entry.S) resumes the new vCPU.  A dead domain's
 * memory is released once its address space is no longer loaded.
 */
#include "hv.h"
#include "sched.h"
#include "domain.h"
#include "asm.h"
#include "paging.h"
#include "isolation.h"
#include "desc.h"
#include "guest_ldt.h"
#include "debugreg.h"
#include "emulate.h"

/* Every vCPU slot of every domain slot, in the order round robin visits. */
#define NR_VCPU_SLOTS (MAX_DOMAINS * MAX_VCPUS)

static struct vcpu *current;
static unsigned current_slot;
bool sched_switch_requested;
static unsigned ticks_left = SLICE_TICKS;

struct vcpu *current_vcpu(void)
{
    return current;
}

struct domain *current_domain(void)
{
    return current->domain;
}

void sched_request_switch(void)
{
    sched_switch_requested = true;
}

void sched_tick(void)
{
    if (--ticks_left == 0)
        sched_request_switch();
}

/* The vCPU in a round-robin slot, or NULL where that domain has fewer. */
static struct vcpu *vcpu_in_slot(unsigned slot)
{
    struct domain *d = domain_by_slot(slot / MAX_VCPUS);
    unsigned id = slot % MAX_VCPUS;

    return d->state != DOMAIN_FREE && id < d->nr_vcpus ? &d->vcpu[id] : NULL;
}

static bool can_run(const struct vcpu *v)
{
    return v && (v->state == VCPU_RUNNABLE || v->state == VCPU_RUNNING);
}

static int pick_next(void)
{
    bool runnable[NR_VCPU_SLOTS];

    for (unsigned i = 0; i < NR_VCPU_SLOTS; i++)
        runnable[i] = can_run(vcpu_in_slot(i));
    return sched_pick_next(runnable, NR_VCPU_SLOTS, current_slot);
}

/*
 * Make `slot` the running vCPU: its registers go into the frame the
 * return path restores, its processor state into the CPU; its FPU
 * registers follow on its first FPU instruction (fpu.c), so no vCPU ever
 * sees another's.
 */
static void load_vcpu(unsigned slot, struct trap_frame *f)
{
    current_slot = slot;
    current = vcpu_in_slot(slot);
    current->state = VCPU_RUNNING;
    *f = current->regs;
    fpu_switch_to(current);
    desc_load_vcpu(current->kernel_ss, current->kernel_sp,
                   current->int80_gate_set ? &current->int80_gate : NULL);
    desc_load_gdt(current->gdt_frames, current->gdt_nr_frames);
    guest_ldt_load(current);
    debugreg_load(current);
    emulate_switch_to(current);
    isolation_load_guest(current->l3_mfn);
}

/* prev leaves the CPU: keep its registers, unless it is dead. */
static void put_prev(struct vcpu *prev, const struct trap_frame *f)
{
    if (prev->state == VCPU_DEAD) {
        fpu_forget(prev);
        return;
    }
    prev->regs = *f;
    if (prev->state == VCPU_RUNNING)
        prev->state = VCPU_RUNNABLE;
}

void sched_switch(struct trap_frame *f)
{
    struct vcpu *prev = current;
    struct domain *prev_d = prev->domain;
    int next;

    sched_switch_requested = false;
    ticks_left = SLICE_TICKS;
    next = pick_next();
    if (next < 0) {
        isolation_load_idle();
        domains_finish();
    }
    if ((unsigned)next == current_slot && prev->state == VCPU_RUNNING)
        return;
    put_prev(prev, f);
    load_vcpu((unsigned)next, f);
    if (prev_d->state == DOMAIN_DEAD && !prev_d->memory_released)
        domain_release_memory(prev_d);
}

void sched_start(void)
{
    int first;

    current_slot = NR_VCPU_SLOTS - 1;   /* so slot 0 is picked first */
    first = pick_next();
    if (first < 0)
        domains_finish();
    load_vcpu((unsigned)first, guest_frame());
    enter_first_guest();
}
