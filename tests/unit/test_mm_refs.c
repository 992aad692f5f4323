/*
 * test_mm_refs.c - mm.c's reference counts: general references (get_page,
 * put_page) and type references (get_page_type, put_page_type), with the
 * rules for which type a frame may take.  Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

/* ---- get_page / put_page ------------------------------------------------ */

START_TEST(get_page_of_own_frame_counts_and_put_page_drops)
{
    mfn_t m = alloc_page();

    assert_frame(m, 1, FT_NONE, 0, 0);
    ck_assert_int_eq(get_page(m, &d), 0);
    assert_frame(m, 2, FT_NONE, 0, 0);
    ck_assert_int_eq(get_page(m, &d), 0);
    assert_frame(m, 3, FT_NONE, 0, 0);
    put_page(m);
    put_page(m);
    assert_frame(m, 1, FT_NONE, 0, 0);
}
END_TEST

static const enum target get_page_refused[] = { T_FOREIGN, T_FREE, T_BEYOND, T_FAR };

START_TEST(get_page_refuses_foreign_free_and_invalid_frames)
{
    mfn_t m = make_target(get_page_refused[_i], INVALID_MFN);

    snapshot();
    ck_assert_int_eq(get_page(m, &d), -XEN_EINVAL);
    ck_assert_int_eq(get_page_and_type(m, &d, FT_WRITABLE), -XEN_EINVAL);
    ck_assert_int_eq(get_page_and_type(m, &d, FT_L1), -XEN_EINVAL);
    assert_unchanged();
}
END_TEST

START_TEST(get_page_refuses_invalid_mfn_marker)
{
    ck_assert_int_eq(get_page(INVALID_MFN, &d), -XEN_EINVAL);
}
END_TEST

START_TEST(get_page_refuses_a_reserved_frame)
{
    /* Frames the allocator never had: owner DOMID_XEN, FRAME_RESERVED. */
    static struct frame_info small[4];

    frames_init(small, 4, 4);
    d.id = DOMID_XEN;
    ck_assert_int_eq(get_page(_mfn(1), &d), -XEN_EINVAL);
    ck_assert_uint_eq(small[1].count_info, 0);
}
END_TEST

START_TEST(get_page_refuses_general_count_overflow)
{
    mfn_t m = alloc_page();

    mfn_to_frame(m)->count_info = UINT32_MAX - 1;
    ck_assert_int_eq(get_page(m, &d), 0);
    assert_frame(m, UINT32_MAX, FT_NONE, 0, 0);
    ck_assert_int_eq(get_page(m, &d), -XEN_EINVAL);
    assert_frame(m, UINT32_MAX, FT_NONE, 0, 0);
}
END_TEST

START_TEST(get_page_and_type_failure_keeps_no_general_ref)
{
    mfn_t l1 = make_target(T_L1_IN_USE, INVALID_MFN);

    assert_frame(l1, 2, FT_L1, 1, V | PN);
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_WRITABLE), -XEN_EINVAL);
    assert_frame(l1, 2, FT_L1, 1, V | PN);
}
END_TEST

/* ---- get_page_type / put_page_type -------------------------------------- */

START_TEST(writable_type_refs_count_up_and_down)
{
    mfn_t m = alloc_page();

    ck_assert_int_eq(get_page_type(m, FT_WRITABLE, &d), 0);
    assert_frame(m, 1, FT_WRITABLE, 1, 0);
    ck_assert_int_eq(get_page_type(m, FT_WRITABLE, &d), 0);
    assert_frame(m, 1, FT_WRITABLE, 2, 0);
    put_page_type(m);
    assert_frame(m, 1, FT_WRITABLE, 1, 0);
    put_page_type(m);
    assert_frame(m, 1, FT_WRITABLE, 0, 0);      /* type stays until a retype */
}
END_TEST

/* A frame goes through every type, one at a time, each at count 0. */
START_TEST(unused_frame_takes_any_type)
{
    static const uint32_t types[] = {
        FT_WRITABLE, FT_L1, FT_WRITABLE, FT_L2, FT_SEG_DESC, FT_L1, FT_L2_XEN,
        FT_L2, FT_WRITABLE, FT_L2_XEN, FT_SEG_DESC, FT_WRITABLE,
    };
    mfn_t m = alloc_page();

    for (unsigned i = 0; i < ARRAY_SIZE(types); i++) {
        bool table_type = types[i] != FT_WRITABLE && types[i] != FT_SEG_DESC;

        /* An L2_XEN's hypervisor slots are the hypervisor's: a later L1/L2
         * would have to be cleared by the guest first. */
        memset(fake_page(m), 0, PAGE_SIZE);
        ck_assert_int_eq(get_page_and_type(m, &d, types[i]), 0);
        assert_frame(m, 2, types[i], 1, table_type ? V : 0);
        put_page_and_type(m);
        assert_frame(m, 1, types[i], 0, 0);
    }
}
END_TEST

static const uint32_t conflicts[][2] = {        /* in use as [0], asked for [1] */
    { FT_WRITABLE, FT_L1 }, { FT_WRITABLE, FT_L2 }, { FT_WRITABLE, FT_SEG_DESC },
    { FT_L1, FT_WRITABLE }, { FT_L1, FT_L2 }, { FT_L1, FT_L2_XEN }, { FT_L1, FT_L3 },
    { FT_L2, FT_L1 }, { FT_L2, FT_L2_XEN }, { FT_L2, FT_L3 }, { FT_L2, FT_WRITABLE },
    { FT_L2_XEN, FT_L2 }, { FT_L2_XEN, FT_WRITABLE },
    { FT_SEG_DESC, FT_WRITABLE }, { FT_SEG_DESC, FT_L1 },
};

START_TEST(type_in_use_refuses_another_type)
{
    mfn_t m = alloc_page();
    uint32_t have = conflicts[_i][0], want = conflicts[_i][1];
    bool table_type = have != FT_WRITABLE && have != FT_SEG_DESC;

    ck_assert_int_eq(get_page_type(m, have, &d), 0);
    snapshot();
    ck_assert_int_eq(get_page_type(m, want, &d), -XEN_EINVAL);
    ck_assert_int_eq(get_page_and_type(m, &d, want), -XEN_EINVAL);
    assert_frame(m, 1, have, 1, table_type ? V : 0);
    assert_unchanged();
    put_page_type(m);
}
END_TEST

START_TEST(same_table_type_adds_refs_and_stays_validated)
{
    mfn_t l1 = alloc_page(), x = alloc_page();

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    ck_assert_int_eq(get_page_type(l1, FT_L1, &d), 0);
    assert_frame(l1, 1, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    ck_assert_int_eq(get_page_type(l1, FT_L1, &d), 0);
    assert_frame(l1, 1, FT_L1, 2, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);      /* validated once only */
    ck_assert_uint_eq(fake_maps_total, 1);
    put_page_type(l1);
    assert_frame(l1, 1, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    put_page_type(l1);
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_frame(x, 1, FT_WRITABLE, 0, 0);
}
END_TEST

START_TEST(l2_xen_refuses_a_second_reference)
{
    mfn_t m = alloc_page();

    ck_assert_int_eq(get_page_and_type(m, &d, FT_L2_XEN), 0);
    assert_frame(m, 2, FT_L2_XEN, 1, V);
    ck_assert_int_eq(get_page_and_type(m, &d, FT_L2_XEN), -XEN_EINVAL);
    assert_frame(m, 2, FT_L2_XEN, 1, V);
    ck_assert_int_eq(pin_table(&d, m, FT_L2_XEN), -XEN_EINVAL);
    assert_frame(m, 2, FT_L2_XEN, 1, V);
    put_page_and_type(m);
    assert_frame(m, 1, FT_L2_XEN, 0, 0);
}
END_TEST

START_TEST(type_count_overflow_is_refused)
{
    static const uint32_t types[] = { FT_WRITABLE, FT_L1, FT_L2, FT_SEG_DESC };
    mfn_t m = alloc_page();
    uint32_t type = types[_i];
    uint32_t flags = (type == FT_WRITABLE || type == FT_SEG_DESC) ? 0 : V;

    mfn_to_frame(m)->type_info = type | flags | (FT_COUNT_MASK - 1);
    ck_assert_int_eq(get_page_type(m, type, &d), 0);
    assert_frame(m, 1, type, FT_COUNT_MASK, flags);
    ck_assert_int_eq(get_page_type(m, type, &d), -XEN_EINVAL);
    assert_frame(m, 1, type, FT_COUNT_MASK, flags);
    ck_assert_int_eq(get_page_and_type(m, &d, type), -XEN_EINVAL);
    assert_frame(m, 1, type, FT_COUNT_MASK, flags);
}
END_TEST

/* A table whose first reference is still validating it is not usable. */
START_TEST(table_being_validated_refuses_more_refs)
{
    mfn_t m = alloc_page();

    mfn_to_frame(m)->type_info = FT_L1 | 1;     /* counted, not yet validated */
    ck_assert_int_eq(get_page_type(m, FT_L1, &d), -XEN_EINVAL);
    ck_assert_uint_eq(mfn_to_frame(m)->type_info, FT_L1 | 1);
}
END_TEST

Suite *mm_refs_suite(void)
{
    Suite *s = suite_create("mm_refs");
    TCase *tc;

    tc = mm_tcase(s, "get_page");
    tcase_add_test(tc, get_page_of_own_frame_counts_and_put_page_drops);
    tcase_add_loop_test(tc, get_page_refuses_foreign_free_and_invalid_frames, 0,
                        ARRAY_SIZE(get_page_refused));
    tcase_add_test(tc, get_page_refuses_invalid_mfn_marker);
    tcase_add_test(tc, get_page_refuses_a_reserved_frame);
    tcase_add_test(tc, get_page_refuses_general_count_overflow);
    tcase_add_test(tc, get_page_and_type_failure_keeps_no_general_ref);

    tc = mm_tcase(s, "get_page_type");
    tcase_add_test(tc, writable_type_refs_count_up_and_down);
    tcase_add_test(tc, unused_frame_takes_any_type);
    tcase_add_loop_test(tc, type_in_use_refuses_another_type, 0, ARRAY_SIZE(conflicts));
    tcase_add_test(tc, same_table_type_adds_refs_and_stays_validated);
    tcase_add_test(tc, l2_xen_refuses_a_second_reference);
    tcase_add_loop_test(tc, type_count_overflow_is_refused, 0, 4);
    tcase_add_test(tc, table_being_validated_refuses_more_refs);
    return s;
}
