/*
 * bench.h - Ringleader's benchmark hypercall: rl_bench_op(cmd, arg).
 * Not part of Xen's ABI, and not for real guests: it exists so that a
 * benchmark can show how far a page-table hypercall is from the work it
 * cannot avoid (docs/benchmarks.md).
 *
 * The hypervisor answers it only when booted with "bench=1" on its own
 * command line.  Otherwise it is -XEN_ENOSYS, which is also Xen's answer:
 * the number lies past the end of Xen 4.17's table (NR_hypercalls 64), so
 * no Xen hypercall can have it, and a guest may probe it on either
 * hypervisor.
 *
 * RL_BENCH_PTE_FLOOR  arg -> struct rl_bench_pte_floor.  Writes entries
 *   0..count-1 of the caller's validated L1 table l1_mfn with vals[], each
 *   through the checks update_va_mapping makes (allowed bits, ownership,
 *   reference counts and types), one after the other in ring 0 with no
 *   trap between them, then flushes the TLB if a present entry was
 *   replaced.  tsc: the TSC ticks the writes and the flush took.  With dry
 *   set, the same loop calls a function that does nothing: its ticks are
 *   the loop's own cost, for the caller to subtract.  Stops at the first
 *   refused entry, whose error it returns (tsc is written all the same).
 *   -XEN_EINVAL for count > 512 or an L1 that is not the caller's;
 *   -XEN_EFAULT for an unreadable arg or vals, an unwritable tsc.
 * Anything else: -XEN_ENOSYS.
 */
#ifndef RINGLEADER_ABI_BENCH_H
#define RINGLEADER_ABI_BENCH_H

#include "xen.h"

#define __HYPERVISOR_rl_bench_op 64

#define RL_BENCH_PTE_FLOOR 0

#ifndef __ASSEMBLER__
struct rl_bench_pte_floor {
    uint32_t l1_mfn;    /* IN: a validated L1 table of the caller's */
    uint32_t count;     /* IN: entries 0..count-1, at most 512 */
    uint32_t vals;      /* IN: guest address of count 64-bit entries */
    uint32_t dry;       /* IN: 1: run the loop without the writes */
    uint64_t tsc;       /* OUT: TSC ticks taken */
};
RL_ABI_ASSERT_SIZE(struct rl_bench_pte_floor, 24);
#endif

#endif /* RINGLEADER_ABI_BENCH_H */
