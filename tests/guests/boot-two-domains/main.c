/*
 * boot-two-domains: two modules of this guest run side by side.  Each
 * yields between steps; the scheduler must run both to completion, and
 * each must see its own command line and its own memory.
 */
#include "../lib/test.h"

const char test_title[] = "two guest modules both run";

#define STEPS 3

static volatile uint32_t marker;    /* private to each domain */

void test_main(void)
{
    char name[32];

    test_variant(name, sizeof(name));
    marker = start_info->nr_pages;
    for (int i = 0; i < STEPS; i++) {
        printf("%s: step %d\n", name, i);
        if (hypercall_yield() != 0) {
            test_failure("yield failed");
            return;
        }
        if (marker != start_info->nr_pages) {
            test_failure("my memory changed while I yielded");
            return;
        }
    }
    test_success();
}
