/*
 * bench.h - the benchmark guest (docs/benchmarks.md).  It is a test guest
 * of tests/guests/lib, and uses only the Xen PV ABI (plus Ringleader's
 * rl_bench_op where it answers), so the same binary runs on Ringleader
 * and on Xen.  It times with the TSC: under QEMU with -icount shift=0 a
 * tick is one executed instruction; otherwise it is a host TSC cycle.
 *
 * Every figure is a row: a name, a batch size, what it is counted per (a
 * PTE or an operation), and the median, min and max over the passes.  A
 * pass runs the code under test, then a dry run of the same loop with the
 * operation left out (the loop and the building of the requests stay);
 * the sample is the difference.  A warm-up pass comes first and does not
 * count.  The guest prints one line per row, for tools/bench.sh:
 *
 *   BENCH name batch pte|op median min max     (ticks per PTE or per op)
 *   BENCH name batch pte|op absent reason      (this hypervisor has none)
 *   BENCH-INFO key value...                    (what ran, and where)
 */
#ifndef BENCH_H
#define BENCH_H

#include "../guests/lib/mm.h"

/* The module's arguments: n=PTES passes=P iters=I only=TEXT, or "smoke". */
struct bench_config {
    uint32_t n;         /* PTEs mapped, remapped and unmapped per pass */
    uint32_t passes;    /* counted passes, after the warm-up */
    uint32_t iters;     /* operations per pass, for the other rows */
    bool smoke;         /* a quick run: every row must be present and > 0 */
    char only[32];      /* if set, run only the groups whose key has it */
};
extern struct bench_config cfg;

#define MAX_PASSES 31
#define MAX_ROWS 3              /* rows measured in one pass: map, remap, unmap */
#define MAX_BATCH 1024          /* the largest mmu_update batch; n is a multiple */
#define MAX_L1S 8               /* n is at most 8 L1s of PTEs: 4096 */

/*
 * The scratch pages (tests/guests/lib/mm.h: mapped on both hypervisors)
 * that become page tables.
 */
enum scratch {
    SCRATCH_WINDOW_L1,                          /* MAX_L1S pages */
    SCRATCH_PIN_L1 = SCRATCH_WINDOW_L1 + MAX_L1S,
    SCRATCH_PIN_L2,
    SCRATCH_PIN_L3,
    SCRATCH_PIN_L3_SLOT3,
    SCRATCH_SPACE_L3,                           /* the second address space */
    SCRATCH_SPACE_SLOT3,
};

enum unit { PER_PTE, PER_OP };

/* lfence: otherwise rdtsc may run before the instructions in front of it. */
static inline uint64_t bench_tsc(void)
{
    uint64_t t;

    __asm__ volatile ("lfence\n\trdtsc" : "=A" (t) : : "memory");
    return t;
}

/*
 * One pass of what a group of rows measures: ticks[r] is what row r took
 * (the operation left out if dry).
 */
typedef void pass_fn(const void *arg, bool dry, uint64_t ticks[MAX_ROWS]);

struct group {
    const char *names[MAX_ROWS];    /* NULL after the last row */
    unsigned batch;
    enum unit unit;
    pass_fn *pass;
    const void *arg;
};

/*
 * Is the group to run?  Its key is its first row's name, '@', its batch
 * ("map/mmu_update@512", "pin-l1@1"); with only=TEXT, only the groups
 * whose key contains TEXT run (to look at one, or to trace it:
 * tools/bench-profile.sh).
 */
bool selected(const struct group *g);
/* Run the warm-up and the passes, and print a row for each name. */
void measure(const struct group *g);
/* Print the group's rows as absent, with the reason. */
void absent(const struct group *g, const char *why);
/* A call the benchmark depends on failed: report it and stop. */
void bench_check(const char *what, long rc);

/* One operation, for groups that time operations one at a time. */
struct op {
    void (*run)(const void *arg, bool dry);
    const void *arg;
};
#define OPS(...) (const struct op[MAX_ROWS]){ __VA_ARGS__ }
/* A pass of cfg.iters rounds, each timing ops[0], ops[1]... in turn. */
void op_rounds(const void *ops, bool dry, uint64_t ticks[MAX_ROWS]);

/* A page table of scratch page `page` holding entries[0..n): filled while
 * it is writable, then mapped read-only (queued: pmap_flush sends it). */
void make_table(unsigned page, const pte_t *entries, unsigned n);

/* The three parts of the benchmark. */
void bench_pte(void);           /* pte.c: map, remap and unmap n PTEs */
void bench_mm_ops(void);        /* mm_ops.c: hypercalls, pins, address spaces */
void bench_cpu(void);           /* cpu_ops.c: system calls, faults, emulation */

#endif
