/*
 * cpu-debugreg-switch: debug registers are switched with the vCPU.  The
 * "watch" domain keeps a write watchpoint on a word and must take #DB on
 * every write to it, however often the CPU went to the other domain in
 * between; the "plain" domain writes the word at the same address with no
 * breakpoint of its own and must never take one.
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "debug registers are switched with the vCPU";

#define ROUNDS 100
#define VEC_DB 1U
#define DR7_WRITE_WATCH_0 0x000D0001U   /* L0, R/W0 = write, LEN0 = 4 bytes */

static volatile uint32_t word;

void test_main(void)
{
    char variant[16];
    bool watch;
    unsigned traps = 0;

    test_variant(variant, sizeof(variant));
    watch = !strcmp(variant, "watch");
    expect_rc("set_trap_table", traps_init(), 0);
    if (watch)
        expect_rc("arm the watchpoint", hypercall_set_debugreg(0, (uint32_t)(uintptr_t)&word) ?:
                  hypercall_set_debugreg(7, DR7_WRITE_WATCH_0), 0);
    for (unsigned round = 0; round < ROUNDS; round++) {
        struct fault f = EXPECT_FAULT("movl %1, %0", : "=m" (word) : "r" (round) : "memory");
        if (f.happened && f.vector == VEC_DB)
            traps++;
        else if (f.happened)
            test_failure("%s: vector %u", variant, f.vector);
        hypercall_yield();
    }
    printf("%s: %u of %u writes trapped\n", variant, traps, ROUNDS);
    expect_rc("writes that trapped", traps, watch ? ROUNDS : 0);
    test_success();
}
