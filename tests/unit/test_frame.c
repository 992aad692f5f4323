/*
 * test_frame.c - the machine-frame allocator: a table of NR frames, the
 * first DIRECT of them in the direct map.
 */
#include <stdlib.h>
#include "unit.h"
#include "frame.h"
#include "../../hypercall-abi/xen.h"

#define NR      16
#define DIRECT  8

static struct frame_info *table;

static void setup(void)
{
    table = calloc(NR, sizeof(*table));     /* exactly NR: ASan sees overruns */
    ck_assert_ptr_nonnull(table);
    frames_init(table, NR, DIRECT);
}

static void teardown(void)
{
    free(table);
}

static bool is_invalid(mfn_t m)
{
    return mfn_eq(m, INVALID_MFN);
}

START_TEST(init_reserves_every_frame)
{
    ck_assert_uint_eq(frames_total(), NR);
    ck_assert_uint_eq(frames_free_count(), 0);
    for (uint32_t m = 0; m < NR; m++) {
        ck_assert_uint_eq(table[m].state, FRAME_RESERVED);
        ck_assert_uint_eq(table[m].owner, DOMID_XEN);
    }
    ck_assert(is_invalid(frame_alloc(ZONE_ANY, 1)));
    ck_assert(is_invalid(frame_alloc(ZONE_DIRECTMAP, 1)));
}
END_TEST

START_TEST(release_frees_exactly_the_range)
{
    frames_release(_mfn(2), _mfn(12));
    ck_assert_uint_eq(frames_free_count(), 10);
    for (uint32_t m = 0; m < NR; m++)
        ck_assert_uint_eq(table[m].state, m >= 2 && m < 12 ? FRAME_FREE : FRAME_RESERVED);
}
END_TEST

START_TEST(release_is_clipped_to_the_table)
{
    frames_release(_mfn(10), _mfn(1000));
    ck_assert_uint_eq(frames_free_count(), NR - 10);
    frames_release(_mfn(100), _mfn(200));
    ck_assert_uint_eq(frames_free_count(), NR - 10);
}
END_TEST

START_TEST(release_twice_counts_once)
{
    frames_release(_mfn(0), _mfn(NR));
    frames_release(_mfn(0), _mfn(NR));
    ck_assert_uint_eq(frames_free_count(), NR);
}
END_TEST

START_TEST(directmap_zone_gives_only_low_frames)
{
    mfn_t m;
    unsigned n = 0;

    frames_release(_mfn(0), _mfn(NR));
    while (!is_invalid(m = frame_alloc(ZONE_DIRECTMAP, 1))) {
        ck_assert_uint_lt(mfn_x(m), DIRECT);
        n++;
    }
    ck_assert_uint_eq(n, DIRECT);
    ck_assert_uint_eq(frames_free_count(), NR - DIRECT);
}
END_TEST

START_TEST(any_zone_prefers_high_frames_then_falls_back)
{
    frames_release(_mfn(0), _mfn(NR));
    for (unsigned i = 0; i < NR - DIRECT; i++)
        ck_assert_uint_ge(mfn_x(frame_alloc(ZONE_ANY, 1)), DIRECT);
    for (unsigned i = 0; i < DIRECT; i++)
        ck_assert_uint_lt(mfn_x(frame_alloc(ZONE_ANY, 1)), DIRECT);
    ck_assert(is_invalid(frame_alloc(ZONE_ANY, 1)));
    ck_assert_uint_eq(frames_free_count(), 0);
}
END_TEST

START_TEST(alloc_records_owner)
{
    mfn_t m;

    frames_release(_mfn(0), _mfn(NR));
    m = frame_alloc(ZONE_ANY, 7);
    ck_assert(!is_invalid(m));
    ck_assert_ptr_eq(mfn_to_frame(m), &table[mfn_x(m)]);
    ck_assert_uint_eq(mfn_to_frame(m)->owner, 7);
    ck_assert_uint_eq(mfn_to_frame(m)->state, FRAME_INUSE);
    ck_assert_uint_eq(mfn_to_frame(m)->type_info, FT_NONE);
    ck_assert_uint_eq(mfn_to_frame(m)->count_info, 0);
}
END_TEST

START_TEST(free_returns_the_frame_once)
{
    mfn_t m;

    frames_release(_mfn(0), _mfn(NR));
    m = frame_alloc(ZONE_DIRECTMAP, 3);
    ck_assert_uint_eq(frames_free_count(), NR - 1);
    ck_assert_int_eq(frame_free(m), 0);
    ck_assert_uint_eq(frames_free_count(), NR);
    ck_assert_uint_eq(table[mfn_x(m)].state, FRAME_FREE);
    ck_assert_int_eq(frame_free(m), -1);           /* double free */
    ck_assert_uint_eq(frames_free_count(), NR);
}
END_TEST

START_TEST(free_rejects_reserved_and_invalid_frames)
{
    frames_release(_mfn(1), _mfn(NR));
    ck_assert_int_eq(frame_free(_mfn(0)), -1);     /* reserved */
    ck_assert_int_eq(frame_free(_mfn(NR)), -1);
    ck_assert_int_eq(frame_free(INVALID_MFN), -1);
    ck_assert_uint_eq(table[0].state, FRAME_RESERVED);
    ck_assert_uint_eq(frames_free_count(), NR - 1);
}
END_TEST

START_TEST(alloc_all_then_free_all_restores_count)
{
    mfn_t got[NR];
    bool seen[NR] = { false };
    unsigned n = 0;

    frames_release(_mfn(1), _mfn(NR - 1));         /* frames 0 and NR-1 stay reserved */
    while (!is_invalid(got[n] = frame_alloc(ZONE_ANY, 2))) {
        uint32_t m = mfn_x(got[n]);
        ck_assert(m > 0 && m < NR - 1);
        ck_assert_msg(!seen[m], "frame %u handed out twice", m);
        seen[m] = true;
        n++;
    }
    ck_assert_uint_eq(n, NR - 2);
    for (unsigned i = 0; i < n; i++)
        ck_assert_int_eq(frame_free(got[i]), 0);
    ck_assert_uint_eq(frames_free_count(), NR - 2);
}
END_TEST

START_TEST(freed_frame_returns_to_its_zone)
{
    frames_release(_mfn(0), _mfn(NR));
    while (!is_invalid(frame_alloc(ZONE_ANY, 1)))
        ;
    ck_assert_int_eq(frame_free(_mfn(DIRECT + 3)), 0);
    ck_assert_int_eq(frame_free(_mfn(2)), 0);
    ck_assert_uint_eq(mfn_x(frame_alloc(ZONE_DIRECTMAP, 1)), 2);
    ck_assert(is_invalid(frame_alloc(ZONE_DIRECTMAP, 1)));
    ck_assert_uint_eq(mfn_x(frame_alloc(ZONE_ANY, 1)), DIRECT + 3);
}
END_TEST

START_TEST(mfn_valid_matches_table_size)
{
    ck_assert(mfn_valid(_mfn(0)));
    ck_assert(mfn_valid(_mfn(NR - 1)));
    ck_assert(!mfn_valid(_mfn(NR)));
    ck_assert(!mfn_valid(INVALID_MFN));
    ck_assert_ptr_eq(mfn_to_frame(_mfn(3)), &table[3]);
    ck_assert_ptr_null(mfn_to_frame(_mfn(NR)));
}
END_TEST

/* ---- owner lists ------------------------------------------------------ */

/* The list's frames, head first, as MFNs; returns how many. */
static unsigned list_contents(const struct frame_list *l, uint32_t *out, unsigned max)
{
    unsigned n = 0;

    for_each_frame(l, m) {
        ck_assert_uint_lt(n, max);
        out[n++] = mfn_x(m);
    }
    return n;
}

static void check_list(const struct frame_list *l, const uint32_t *want, unsigned n)
{
    uint32_t got[NR];

    ck_assert_uint_eq(list_contents(l, got, NR), n);
    ck_assert_uint_eq(l->count, n);
    for (unsigned i = 0; i < n; i++)
        ck_assert_uint_eq(got[i], want[i]);
    /* Walking back from the tail gives the same frames, reversed. */
    for (uint32_t m = l->tail, i = n; m != FRAME_LIST_END; m = table[m].prev) {
        ck_assert_uint_gt(i, 0);
        ck_assert_uint_eq(m, want[--i]);
    }
}

/* Frames taken off the head, the middle and the tail: the rest stay
 * linked both ways, and the frames taken off are on no list. */
START_TEST(owner_list_delete_anywhere)
{
    struct frame_list l;
    mfn_t m[5];

    frames_release(_mfn(0), _mfn(NR));
    frame_list_init(&l);
    check_list(&l, NULL, 0);
    ck_assert(is_invalid(frame_list_first(&l)));
    for (unsigned i = 0; i < 5; i++) {
        m[i] = frame_alloc(ZONE_ANY, 1);
        frame_list_push(&l, m[i]);
    }
    check_list(&l, (uint32_t[]){ mfn_x(m[4]), mfn_x(m[3]), mfn_x(m[2]), mfn_x(m[1]), mfn_x(m[0]) }, 5);
    frame_list_del(&l, m[2]);
    check_list(&l, (uint32_t[]){ mfn_x(m[4]), mfn_x(m[3]), mfn_x(m[1]), mfn_x(m[0]) }, 4);
    frame_list_del(&l, m[4]);
    check_list(&l, (uint32_t[]){ mfn_x(m[3]), mfn_x(m[1]), mfn_x(m[0]) }, 3);
    frame_list_del(&l, m[0]);
    check_list(&l, (uint32_t[]){ mfn_x(m[3]), mfn_x(m[1]) }, 2);
    ck_assert_uint_eq(table[mfn_x(m[2])].next, FRAME_LIST_END);
    ck_assert_uint_eq(table[mfn_x(m[2])].prev, FRAME_LIST_END);
    frame_list_del(&l, m[3]);
    frame_list_del(&l, m[1]);
    check_list(&l, NULL, 0);
    ck_assert_uint_eq(l.head, FRAME_LIST_END);
    ck_assert_uint_eq(l.tail, FRAME_LIST_END);
}
END_TEST

/* An owner's list and the free lists share the links: frames go from one
 * to the other and back, and every count stays right. */
START_TEST(owner_list_and_allocator_together)
{
    struct frame_list l;

    frames_release(_mfn(0), _mfn(NR));
    frame_list_init(&l);
    for (unsigned i = 0; i < NR; i++)
        frame_list_push(&l, frame_alloc(ZONE_ANY, 1));
    ck_assert_uint_eq(l.count, NR);
    ck_assert_uint_eq(frames_free_count(), 0);
    while (l.count) {
        mfn_t m = frame_list_first(&l);
        frame_list_del(&l, m);
        ck_assert_int_eq(frame_free(m), 0);
    }
    ck_assert_uint_eq(frames_free_count(), NR);
    for (unsigned i = 0; i < NR; i++)
        ck_assert(!is_invalid(frame_alloc(ZONE_ANY, 2)));
    ck_assert(is_invalid(frame_alloc(ZONE_ANY, 2)));
}
END_TEST

/* What vcpu_op and event_channel_op take for "a frame of the caller's". */
START_TEST(frame_owned_by_needs_an_allocated_frame_of_that_owner)
{
    frames_release(_mfn(0), _mfn(NR));
    mfn_t m = frame_alloc(ZONE_ANY, 3);

    ck_assert(frame_owned_by(mfn_x(m), 3));
    ck_assert(!frame_owned_by(mfn_x(m), 4));
    ck_assert(!frame_owned_by(mfn_x(m) + (1ULL << 32), 3));     /* 64-bit names */
    ck_assert(!frame_owned_by(NR, 3));
    ck_assert_int_eq(frame_free(m), 0);
    ck_assert(!frame_owned_by(mfn_x(m), 3));                    /* free again */
    frames_init(table, NR, DIRECT);
    ck_assert(!frame_owned_by(0, DOMID_XEN));                   /* reserved */
}
END_TEST

Suite *frame_suite(void)
{
    Suite *s = suite_create("frame");
    TCase *tc = tcase_create("allocator");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, init_reserves_every_frame);
    tcase_add_test(tc, release_frees_exactly_the_range);
    tcase_add_test(tc, release_is_clipped_to_the_table);
    tcase_add_test(tc, release_twice_counts_once);
    tcase_add_test(tc, directmap_zone_gives_only_low_frames);
    tcase_add_test(tc, any_zone_prefers_high_frames_then_falls_back);
    tcase_add_test(tc, alloc_records_owner);
    tcase_add_test(tc, free_returns_the_frame_once);
    tcase_add_test(tc, free_rejects_reserved_and_invalid_frames);
    tcase_add_test(tc, alloc_all_then_free_all_restores_count);
    tcase_add_test(tc, freed_frame_returns_to_its_zone);
    tcase_add_test(tc, mfn_valid_matches_table_size);
    tcase_add_test(tc, owner_list_delete_anywhere);
    tcase_add_test(tc, owner_list_and_allocator_together);
    tcase_add_test(tc, frame_owned_by_needs_an_allocated_frame_of_that_owner);
    suite_add_tcase(s, tc);
    return s;
}
