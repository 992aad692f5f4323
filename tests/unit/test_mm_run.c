/*
 * test_mm_run.c - runs of MMU_NORMAL_PT_UPDATE requests (mm_run_*,
 * mm_normal_update): the table a run writes is referenced and mapped once
 * for the whole run, and looked at afresh as soon as its type state
 * changes -- even when the change comes from another request of the same
 * batch.  Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

#define DATA_WORD 0x0123456789ABCDEFULL    /* no valid entry: only data takes it */

/* Many entries of one L1: one reference and one mapping for them all,
 * both given back at the end; each entry takes its target's reference. */
START_TEST(a_run_holds_its_table_once)
{
    mfn_t l1 = alloc_page(), a = alloc_page();
    struct mm_run run;

    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    mm_run_init(&run, &d, &d);
    for (unsigned i = 0; i < 8; i++)
        ck_assert_int_eq(mm_normal_update(&run, l1, i, pte(a, PTE_P)), 0);
    ck_assert_int_eq(fake_maps_open, 1);
    assert_frame(l1, 3, FT_L1, 1, V | PN);     /* allocation, pin, the run */
    assert_frame(a, 9, FT_NONE, 0, 0);
    ck_assert(!run.flush);                       /* nothing present was replaced */
    ck_assert_int_eq(mm_normal_update(&run, l1, 0, 0), 0);
    ck_assert(run.flush);
    mm_run_end(&run);
    ck_assert_int_eq(fake_maps_open, 0);
    assert_frame(l1, 2, FT_L1, 1, V | PN);
    assert_frame(a, 8, FT_NONE, 0, 0);
    ck_assert_int_eq(unpin_table(&d, l1), 0);
}
END_TEST

/* A request that drops the last type reference of the table the run
 * holds (the L2 entry pointing at it): the next request to that frame
 * finds a data page and writes it as data, not as a validated L1. */
START_TEST(a_run_lets_go_of_a_table_devalidated_under_it)
{
    mfn_t l2 = alloc_page(), l1 = alloc_page(), a = alloc_page();
    struct mm_run run;

    set_entry(l2, 0, pte(l1, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    mm_run_init(&run, &d, &d);
    ck_assert_int_eq(mm_normal_update(&run, l1, 3, pte(a, PTE_P)), 0);
    ck_assert_int_eq(mm_normal_update(&run, l2, 0, 0), 0);  /* l1 loses its type */
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_frame(a, 1, FT_NONE, 0, 0);      /* l1's entries were released */
    ck_assert_int_eq(mm_normal_update(&run, l1, 5, DATA_WORD), 0);  /* now just data */
    ck_assert(get_entry(l1, 5) == DATA_WORD);
    mm_run_end(&run);
    assert_idle(l1);
    ck_assert_int_eq(unpin_table(&d, l2), 0);
}
END_TEST

/* A bad request in a run changes nothing and does not end the run's hold
 * on the table in a way that leaks: the references come back at the end. */
START_TEST(a_bad_request_in_a_run_changes_nothing)
{
    mfn_t l1 = alloc_page(), foreign = alloc_for(&other);
    struct mm_run run;

    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    snapshot();
    mm_run_init(&run, &d, &d);
    ck_assert_int_eq(mm_normal_update(&run, l1, 1, pte(foreign, PTE_P)), -XEN_EBUSY);
    mm_run_end(&run);
    assert_unchanged();
    ck_assert_int_eq(mm_normal_update(&run, foreign, 1, 0), -XEN_EINVAL);
    mm_run_end(&run);
    ck_assert_int_eq(unpin_table(&d, l1), 0);
}
END_TEST

Suite *mm_run_suite(void)
{
    Suite *s = suite_create("mm_run");
    TCase *tc = mm_tcase(s, "runs of updates");

    tcase_add_test(tc, a_run_holds_its_table_once);
    tcase_add_test(tc, a_run_lets_go_of_a_table_devalidated_under_it);
    tcase_add_test(tc, a_bad_request_in_a_run_changes_nothing);
    return s;
}
