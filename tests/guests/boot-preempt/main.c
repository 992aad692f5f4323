/*
 * boot-preempt: time slices.  The "spin" variant computes for a long time
 * without yielding; the "quick" variant, started after it, must still get
 * the CPU (and finish) while the first one is spinning.  Without timer
 * preemption the spinner would finish first.
 */
#include "../lib/test.h"

const char test_title[] = "a domain that never yields is preempted";

#define SPIN_ITERATIONS 60000000U

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
        printf("quick ran\n");
    }
    test_success();
}
