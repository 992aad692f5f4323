/*
 * bench.c - the benchmark hypercall, rl_bench_op (hypercall-abi/bench.h).
 *
 * The floor under the page-table hypercalls: the same validated L1 writes
 * update_va_mapping makes (mm_mod_l1e(), so every check is the real one),
 * done back to back in ring 0 and timed there, so neither the trap nor
 * reading the requests is in the figure.  A benchmark compares each way
 * of changing PTEs with it (docs/benchmarks.md).  Off unless booted with
 * bench=1: a guest has no use for it, and it lets one hold the CPU for
 * 512 updates without a preemption check.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "sched.h"
#include "mm.h"
#include "paging.h"
#include "bench.h"
#include "../../../hypercall-abi/bench.h"

static bool enabled;

void bench_enable(void)
{
    enabled = true;
    printk("bench=1: the benchmark hypercall rl_bench_op is on (for measurements only)\n");
}

/* lfence: rdtsc does not wait for earlier instructions otherwise. */
static uint64_t tsc_serialised(void)
{
    uint64_t t;

    __asm__ volatile ("lfence\n\trdtsc" : "=A" (t) : : "memory");
    return t;
}

typedef int l1e_write_fn(const struct domain *d, mfn_t l1, unsigned index, pte_t new,
                         bool *flush);

/* The dry run's write: called like mm_mod_l1e, so only the loop is left. */
static int write_nothing(const struct domain *d, mfn_t l1, unsigned index, pte_t new,
                         bool *flush)
{
    (void)d, (void)l1, (void)index, (void)new, (void)flush;
    return 0;
}

/* Read before the clock starts: the floor has no copy from the guest. */
static pte_t vals[L1_ENTRIES];

/* Write entries 0..count-1 of l1, and flush if needed; *ticks: how long. */
static int timed_writes(const struct domain *d, mfn_t l1, unsigned count, bool dry,
                        uint64_t *ticks)
{
    l1e_write_fn *write = dry ? write_nothing : mm_mod_l1e;
    bool flush = false;
    uint64_t t0 = tsc_serialised();
    int rc = 0;

    for (unsigned i = 0; i < count && !rc; i++)
        rc = write(d, l1, i, vals[i], &flush);
    if (flush)
        flush_tlb_local();
    *ticks = tsc_serialised() - t0;
    return rc;
}

static long pte_floor(vaddr_t arg)
{
    const struct domain *d = current_domain();
    struct rl_bench_pte_floor req;
    mfn_t l1;
    int rc;

    if (copy_from_guest(&req, arg, sizeof(req)) < 0)
        return -XEN_EFAULT;
    if (req.count > L1_ENTRIES)
        return -XEN_EINVAL;
    if (copy_from_guest(vals, req.vals, req.count * sizeof(vals[0])) < 0)
        return -XEN_EFAULT;
    l1 = _mfn(req.l1_mfn);
    /* mm_mod_l1e checks the type; whose table it is, update_va_mapping
     * knows from the walk, and this call must check itself. */
    if (get_page(l1, d))
        return -XEN_EINVAL;
    rc = timed_writes(d, l1, req.count, req.dry, &req.tsc);
    put_page(l1);
    if (copy_to_guest(arg + offsetof(struct rl_bench_pte_floor, tsc), &req.tsc,
                      sizeof(req.tsc)) < 0)
        return -XEN_EFAULT;
    return rc;
}

/* rl_bench_op(cmd, arg): see hypercall-abi/bench.h. */
long do_rl_bench_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    if (!enabled)
        return -XEN_ENOSYS;
    switch (args[0]) {
    case RL_BENCH_PTE_FLOOR:
        return pte_floor(args[1]);
    default:
        return -XEN_ENOSYS;
    }
}
