/*
 * boot-preempt: time slices.  The "spin" variant computes for a long time
 * without yielding; the "quick" variant, started after it, must still get
 * the CPU (and finish) while the first one is spinning.  Without timer
 * preemption the spinner would finish first.
 */
#include "../lib/test.h"

const char test_title[] = "a domain that never yields is preempted";

#define SPIN_ITERATIONS 200000000U
#define QUICK_YIELDS 3      /* so the spinner has surely started first */

void test_main(void)
{
    char variant[16];

    test_variant(variant, sizeof(variant));
    if (!strcmp(variant, "spin")) {
        printf("spinning\n");
        for (volatile uint32_t i = 0; i < SPIN_ITERATIONS; i++)
            ;
        printf("spin done\n");
    } else {
        for (int i = 0; i < QUICK_YIELDS; i++)
            hypercall_yield();
        printf("quick ran\n");
    }
    test_success();
}
