/*
 * bench.h - the benchmark hypercall (hypercall-abi/bench.h), off unless
 * the hypervisor's command line says bench=1.
 */
#ifndef HV_BENCH_H
#define HV_BENCH_H

/* Answer rl_bench_op from now on (main.c, at boot). */
void bench_enable(void);

#endif /* HV_BENCH_H */
