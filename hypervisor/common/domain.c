/*
 * domain.c - domain lifetime: creation, frame ownership, shutdown and
 * crash, the console line buffer, and the end-of-run summary.
 */
#include "hv.h"
#include "domain.h"
#include "frame.h"
#include "paging.h"
#include "sched.h"
#include "console.h"
#include "machine.h"
#include "hypercall.h"
#include "guest_access.h"
#include "mm.h"
#include "guest_ldt.h"
#include "debugreg.h"
#include "../../hypercall-abi/sched.h"

static struct domain domains[MAX_DOMAINS];
static uint16_t next_domid;
static uint32_t free_baseline;

static const char *const shutdown_names[] = {
    [SHUTDOWN_poweroff] = "powered off",
    [SHUTDOWN_reboot] = "rebooted",
    [SHUTDOWN_suspend] = "suspended",
    [SHUTDOWN_crash] = "crashed",
    [SHUTDOWN_watchdog] = "watchdog expired",
    [SHUTDOWN_soft_reset] = "soft reset",
};

static const char *shutdown_name(uint32_t reason)
{
    return reason < ARRAY_SIZE(shutdown_names) ? shutdown_names[reason] : "unknown reason";
}

struct domain *domain_create(const char *name)
{
    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        struct domain *d = &domains[i];
        if (d->state != DOMAIN_FREE)
            continue;
        memset(d, 0, sizeof(*d));
        d->id = next_domid++;
        strlcpy(d->name, name, sizeof(d->name));
        frame_list_init(&d->frames);
        d->shared_info_mfn = INVALID_MFN;
        d->state = DOMAIN_BUILDING;
        d->memory_released = true;
        d->nr_vcpus = MAX_VCPUS;
        for_each_vcpu(d, v) {
            v->domain = d;
            v->id = (unsigned)(v - d->vcpu);
            v->state = VCPU_BUILDING;
            v->l3_mfn = INVALID_MFN;
            for (unsigned p = 0; p < LDT_PAGES; p++)
                v->ldt_frames[p] = INVALID_MFN;
            debugreg_init(v);
        }
        return d;
    }
    return NULL;
}

struct domain *domain_by_slot(unsigned slot)
{
    return slot < MAX_DOMAINS ? &domains[slot] : NULL;
}

struct domain *domain_by_id(uint16_t id)
{
    if (id == DOMID_SELF)
        return current_domain();
    for (unsigned i = 0; i < MAX_DOMAINS; i++)
        if (domains[i].state != DOMAIN_FREE && domains[i].id == id)
            return &domains[i];
    return NULL;
}

/* The frame was allocated for d: it goes on d's list with one general
 * reference, the allocation reference, which lasts until teardown. */
void domain_own_frame(struct domain *d, mfn_t mfn)
{
    int rc = get_page(mfn, d);

    ASSERT(rc == 0);
    frame_list_push(&d->frames, mfn);
    d->memory_released = false;
}

/*
 * Take a dead domain's memory apart the way its references were built:
 * drop CR3's reference and every pin, which releases the page tables
 * level by level and with them every mapping; then each frame holds only
 * its allocation reference and goes back to the allocator.  A frame still
 * referenced after that would be a hypervisor bug, and is reported.
 */
void domain_release_memory(struct domain *d)
{
    unsigned leaked = 0;

    ASSERT(d->state != DOMAIN_ALIVE);
    for_each_vcpu(d, v) {
        guest_gdt_release(v);
        guest_ldt_release(v);
        if (!mfn_eq(v->l3_mfn, INVALID_MFN))
            put_page_and_type(v->l3_mfn);
        v->l3_mfn = INVALID_MFN;
    }
    if (d->shared)
        put_page_and_type(d->shared_info_mfn);     /* its writable type */
    d->shared = NULL;
    d->shared_info_mfn = INVALID_MFN;
    for_each_frame(&d->frames, m)
        mm_drop_pin(d, m);
    while (d->frames.count) {
        mfn_t mfn = frame_list_first(&d->frames);
        frame_list_del(&d->frames, mfn);
        put_page(mfn);                  /* the allocation reference */
        if (mm_frame_referenced(mfn))
            leaked++;
        m2p_set(mfn, M2P_INVALID);
        if (frame_free(mfn) < 0)
            panic("domain_release_memory: d%u frame %#x was not allocated", d->id, mfn_x(mfn));
    }
    if (leaked)
        printk("BUG: d%u: %u frames were still referenced when it died\n", d->id, leaked);
    d->memory_released = true;
}

void domain_start(struct domain *d)
{
    ASSERT(d->state == DOMAIN_BUILDING);
    d->state = DOMAIN_ALIVE;
    for_each_vcpu(d, v)
        v->state = VCPU_RUNNABLE;
}

void domain_shutdown(struct domain *d, uint32_t reason)
{
    if (d->state != DOMAIN_ALIVE)
        return;
    d->state = DOMAIN_DEAD;
    for_each_vcpu(d, v)
        v->state = VCPU_DEAD;
    d->shutdown_reason = reason;
    if (d->console_len)
        domain_console_write(d, "\n", 1);
    printk("d%u (%s) shut down: %s\n", d->id, d->name, shutdown_name(reason));
    sched_request_switch();
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    va_list ap;

    if (d->state != DOMAIN_ALIVE)
        return;
    va_start(ap, fmt);
    vsnprintf(d->crash_reason, sizeof(d->crash_reason), fmt, ap);
    va_end(ap);
    printk("d%u (%s) crashed: %s\n", d->id, d->name, d->crash_reason);
    domain_shutdown(d, SHUTDOWN_crash);
}

/* Buffer guest output and print it a whole line at a time. */
void domain_console_write(struct domain *d, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        bool full = d->console_len == sizeof(d->console_line);
        if (buf[i] == '\n' || full) {
            console_guest_line(d->id, d->console_line, d->console_len);
            d->console_len = 0;
            if (!full)
                continue;
        }
        d->console_line[d->console_len++] = buf[i];
    }
}

void domains_set_free_baseline(uint32_t frames)
{
    free_baseline = frames;
}

void domains_finish(void)
{
    bool all_clean = true, any = false;

    printk("all domains have stopped:\n");
    for (unsigned i = 0; i < MAX_DOMAINS; i++) {
        struct domain *d = &domains[i];
        if (d->state == DOMAIN_FREE)
            continue;
        any = true;
        if (!d->memory_released)
            domain_release_memory(d);
        if (d->shutdown_reason != SHUTDOWN_poweroff)
            all_clean = false;
        printk("  d%u %-16s %s%s%s", d->id, d->name, shutdown_name(d->shutdown_reason),
               d->crash_reason[0] ? ": " : "", d->crash_reason);
        if (d->bounces || d->continuations)
            printk(" (%u traps bounced, %u hypercall continuations)", d->bounces,
                   d->continuations);
        printk("\n");
    }
    /* Every frame the domains had must be back: anything else is a leak. */
    if (frames_free_count() == free_baseline)
        printk("memory: every frame is back (%u of %u free)\n", frames_free_count(),
               frames_total());
    else
        printk("BUG: memory: %u frames free, %u before the domains existed\n",
               frames_free_count(), free_baseline);
    if (!any)
        machine_exit(EXIT_NO_DOMAINS_CODE);
    printk("exit: %s\n", all_clean ? "every domain powered off" : "not every domain powered off");
    machine_exit(all_clean ? EXIT_ALL_CLEAN_CODE : EXIT_DOMAIN_BAD_CODE);
}
