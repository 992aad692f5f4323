/*
 * unit_main.c - run every unit-test suite; exit status 0 only if all pass.
 * Each test runs in a child process (CK_FORK), so a crash is reported as
 * an error of that test.
 */
#include <stdlib.h>
#include "unit.h"

int main(void)
{
    SRunner *sr = srunner_create(elf_suite());
    int failed;

    srunner_add_suite(sr, cmdline_suite());
    srunner_add_suite(sr, frame_suite());
    srunner_add_suite(sr, bootmem_suite());
    srunner_add_suite(sr, layout_suite());
    srunner_add_suite(sr, vsnprintf_suite());
    srunner_add_suite(sr, mm_refs_suite());
    srunner_add_suite(sr, mm_l1_suite());
    srunner_add_suite(sr, mm_l2_suite());
    srunner_add_suite(sr, mm_l3_suite());
    srunner_add_suite(sr, mm_pin_suite());
    srunner_add_suite(sr, mm_mod_entry_suite());
    srunner_add_suite(sr, mm_release_suite());
    srunner_add_suite(sr, mm_run_suite());
    srunner_add_suite(sr, decode_suite());
    srunner_add_suite(sr, descriptor_suite());
    srunner_add_suite(sr, sched_suite());
    srunner_add_suite(sr, isolation_suite());
    srunner_add_suite(sr, ioport_map_suite());
    srunner_set_fork_status(sr, CK_FORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
