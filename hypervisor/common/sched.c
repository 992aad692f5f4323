/*
 * sched.c - round-robin scheduling of domains on the one CPU, in time
 * slices: a domain runs until it yields, stops or uses up its slice, and
 * the next runnable domain in slot order runs; a domain that yields gives
 * the rest of its slice away (work-conserving).
 *
 * The running domain's registers live in the trap frame at the top of the
 * hypervisor stack; a switch saves that frame into the old domain, copies
 * the new domain's saved frame over it and loads the new CR3, so the
 * common return path (entry.S) resumes the new domain.  A stopped domain's
 * memory is released once its address space is no longer loaded.
 */
#include "hv.h"
#include "sched.h"
#include "domain.h"
#include "asm.h"
#include "paging.h"
#include "desc.h"

static struct domain *current;
static unsigned current_slot;
static bool switch_requested;
static unsigned ticks_left = SLICE_TICKS;

struct domain *current_domain(void)
{
    return current;
}

void sched_request_switch(void)
{
    switch_requested = true;
}

void sched_tick(void)
{
    if (--ticks_left == 0)
        sched_request_switch();
}

int sched_pick_next(const bool *runnable, unsigned n, unsigned cur)
{
    for (unsigned i = 1; i <= n; i++) {
        unsigned slot = (cur + i) % n;
        if (runnable[slot])
            return (int)slot;
    }
    return -1;
}

static int pick_next(void)
{
    bool runnable[MAX_DOMAINS];

    for (unsigned i = 0; i < MAX_DOMAINS; i++)
        runnable[i] = domain_by_slot(i)->state == DOMAIN_RUNNABLE;
    return sched_pick_next(runnable, MAX_DOMAINS, current_slot);
}

/*
 * Make `slot` the running domain: its registers go into the frame the
 * return path restores, its L3 into CR3; its FPU registers follow on its
 * first FPU instruction (fpu.c), so no domain ever sees another's.
 */
static void load_domain(unsigned slot, struct trap_frame *f)
{
    current_slot = slot;
    current = domain_by_slot(slot);
    *f = current->regs;
    fpu_switch_to(current);
    desc_load_domain(current->kernel_ss, current->kernel_sp,
                     current->int80_direct ? &current->int80_gate : NULL);
    desc_load_gdt(current->gdt_frames, current->gdt_nr_frames);
    load_cr3(current->l3_mfn);
}

void sched_switch_if_needed(struct trap_frame *f)
{
    struct domain *prev = current;
    int next;

    if (!switch_requested)
        return;
    switch_requested = false;
    ticks_left = SLICE_TICKS;
    next = pick_next();
    if (next < 0) {
        write_cr3(paging_idle_cr3());
        domains_finish();
    }
    if ((unsigned)next == current_slot && prev->state == DOMAIN_RUNNABLE)
        return;
    if (prev->state == DOMAIN_RUNNABLE)
        prev->regs = *f;
    else
        fpu_forget(prev);
    load_domain((unsigned)next, f);
    if (prev->state != DOMAIN_RUNNABLE && !prev->memory_released)
        domain_release_memory(prev);
}

void sched_start(void)
{
    int first;

    current_slot = MAX_DOMAINS - 1;     /* so slot 0 is picked first */
    first = pick_next();
    if (first < 0)
        domains_finish();
    load_domain((unsigned)first, guest_frame());
    enter_first_guest();
}
