/*
 * test_sched.c - the scheduler's round-robin choice (sched_policy.c),
 * alone and over simulated time: the order, the hand-over when a vCPU
 * stops being runnable, and equal turns for every runnable vCPU.
 */
#include "unit.h"
#include "sched.h"

#define N 8

START_TEST(next_after_current_in_slot_order)
{
    bool runnable[N] = { true, true, true, false, true, false, false, false };

    ck_assert_int_eq(sched_pick_next(runnable, N, 0), 1);
    ck_assert_int_eq(sched_pick_next(runnable, N, 1), 2);
    ck_assert_int_eq(sched_pick_next(runnable, N, 2), 4);  /* 3 cannot run */
    ck_assert_int_eq(sched_pick_next(runnable, N, 4), 0);  /* wraps */
}
END_TEST

START_TEST(current_runs_on_when_alone)
{
    bool runnable[N] = { false };

    runnable[5] = true;
    ck_assert_int_eq(sched_pick_next(runnable, N, 5), 5);
    ck_assert_int_eq(sched_pick_next(runnable, N, 2), 5);
}
END_TEST

START_TEST(nothing_runnable)
{
    bool runnable[N] = { false };

    for (unsigned cur = 0; cur < N; cur++)
        ck_assert_int_eq(sched_pick_next(runnable, N, cur), -1);
}
END_TEST

/* A current slot that is not runnable itself (it just blocked or died)
 * hands over to the next one that is. */
START_TEST(hand_over_from_a_stopped_vcpu)
{
    bool runnable[N] = { false, false, false, true, false, false, true, false };

    ck_assert_int_eq(sched_pick_next(runnable, N, 1), 3);
    ck_assert_int_eq(sched_pick_next(runnable, N, 6), 3);
    runnable[3] = false;
    ck_assert_int_eq(sched_pick_next(runnable, N, 3), 6);
}
END_TEST

/* Over 8000 slices every runnable vCPU gets the same number of turns,
 * in strict rotation; the others get none. */
START_TEST(equal_turns_over_time)
{
    bool runnable[N] = { true, false, true, true, false, true, false, true };
    unsigned turns[N] = { 0 }, cur = N - 1, last = N;

    for (unsigned slice = 0; slice < 8000; slice++) {
        int next = sched_pick_next(runnable, N, cur);
        ck_assert_int_ge(next, 0);
        ck_assert_uint_ne((unsigned)next, last);    /* never twice in a row */
        turns[next]++;
        last = cur = (unsigned)next;
    }
    for (unsigned i = 0; i < N; i++)
        ck_assert_uint_eq(turns[i], runnable[i] ? 8000 / 5 : 0);
}
END_TEST

Suite *sched_suite(void)
{
    Suite *s = suite_create("sched");
    TCase *tc = tcase_create("round robin");

    tcase_add_test(tc, next_after_current_in_slot_order);
    tcase_add_test(tc, current_runs_on_when_alone);
    tcase_add_test(tc, nothing_runnable);
    tcase_add_test(tc, hand_over_from_a_stopped_vcpu);
    tcase_add_test(tc, equal_turns_over_time);
    suite_add_tcase(s, tc);
    return s;
}
