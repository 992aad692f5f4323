/*
 * test_mm_release.c - releasing references: a whole tree torn down in
 * either order leaves every frame with its allocation reference only, and
 * a release that has no reference to drop panics (a hypervisor bug, not a
 * guest's).  Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

/* ---- full teardown ------------------------------------------------------ */

/*
 * L3 -> 3 L2s + L2_XEN -> 4 L1s (some shared, some mapping tables read-only)
 * -> data pages.  Pinned and held as CR3, then released in either order:
 * every frame ends with its allocation reference only.
 */
START_TEST(full_teardown_leaves_only_allocation_refs)
{
    struct l3 t = make_l3(7);
    mfn_t l1a = alloc_page(), l1b = alloc_page(), l1c = alloc_page(), l1d = alloc_page();
    mfn_t dp[6];
    mfn_t all[16];
    unsigned n = 0;

    for (unsigned i = 0; i < ARRAY_SIZE(dp); i++)
        dp[i] = alloc_page();
    set_entry(l1a, 0, pte(dp[0], PTE_P | PTE_RW));
    set_entry(l1a, 1, pte(dp[1], PTE_P));
    set_entry(l1a, 2, pte(l1a, PTE_P));                 /* itself, read-only */
    set_entry(l1b, 0, pte(dp[2], PTE_P | PTE_RW | PTE_US));
    set_entry(l1b, 1, pte(dp[3], PTE_P | PTE_RW));
    set_entry(l1b, 511, pte(l1a, PTE_P));               /* another L1, read-only */
    set_entry(l1c, 0, pte(dp[4], PTE_P | PTE_RW));
    set_entry(l1c, 1, pte(t.l2x, PTE_P));               /* the L2_XEN, read-only */
    set_entry(l1d, 0, pte(dp[5], PTE_P));
    set_entry(l1d, 1, pte(dp[0], PTE_P | PTE_RW));      /* dp[0] twice RW */
    set_entry(l1d, 2, pte(t.l3, PTE_P));                /* the L3, read-only */
    set_entry(t.l2[0], 0, pte(l1a, PTE_P | PTE_RW));
    set_entry(t.l2[0], 1, pte(l1b, PTE_P | PTE_RW));
    set_entry(t.l2[1], 0, pte(l1a, PTE_P | PTE_RW));   /* shared */
    set_entry(t.l2[1], 10, pte(l1c, PTE_P));
    set_entry(t.l2[2], 0, pte(l1d, PTE_P | PTE_US));
    set_entry(t.l2x, 0, pte(l1b, PTE_P));
    set_entry(t.l2x, LAST_GUEST_L2_SLOT, pte(l1c, PTE_P));

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    ck_assert_int_eq(get_page_and_type(t.l3, &d, FT_L3), 0);   /* CR3 */
    assert_frame(t.l3, 4, FT_L3, 2, V | PN);
    for (unsigned i = 0; i < 3; i++)
        assert_frame(t.l2[i], 2, FT_L2, 1, V);
    assert_frame(t.l2x, 3, FT_L2_XEN, 1, V);
    assert_frame(l1a, 5, FT_L1, 2, V);
    assert_frame(l1b, 3, FT_L1, 2, V);
    assert_frame(l1c, 3, FT_L1, 2, V);
    assert_frame(l1d, 2, FT_L1, 1, V);
    assert_frame(dp[0], 3, FT_WRITABLE, 2, 0);
    assert_frame(dp[1], 2, FT_NONE, 0, 0);
    assert_frame(dp[2], 2, FT_WRITABLE, 1, 0);
    assert_frame(dp[3], 2, FT_WRITABLE, 1, 0);
    assert_frame(dp[4], 2, FT_WRITABLE, 1, 0);
    assert_frame(dp[5], 2, FT_NONE, 0, 0);
    assert_hv_slots_filled(t.l2x);

    if (_i == 0) {
        put_page_and_type(t.l3);                        /* CR3 first */
        assert_frame(t.l3, 3, FT_L3, 1, V | PN);
        assert_frame(l1a, 5, FT_L1, 2, V);
        ck_assert_int_eq(unpin_table(&d, t.l3), 0);
    } else {
        ck_assert_int_eq(unpin_table(&d, t.l3), 0);    /* the pin first */
        assert_frame(t.l3, 3, FT_L3, 1, V);
        assert_frame(l1a, 5, FT_L1, 2, V);
        put_page_and_type(t.l3);
    }

    all[n++] = t.l3;
    for (unsigned i = 0; i < 3; i++)
        all[n++] = t.l2[i];
    all[n++] = t.l2x;
    all[n++] = l1a;
    all[n++] = l1b;
    all[n++] = l1c;
    all[n++] = l1d;
    for (unsigned i = 0; i < ARRAY_SIZE(dp); i++)
        all[n++] = dp[i];
    for (unsigned i = 0; i < n; i++)
        assert_idle(all[i]);
    for (uint32_t m = 0; m < FAKE_NR_FRAMES; m++)      /* and nothing else moved */
        ck_assert_msg(mm_frames[m].state != FRAME_INUSE || mm_frames[m].count_info == 1,
                      "mfn %#x: count_info %u", m, mm_frames[m].count_info);
}
END_TEST

/* ---- broken invariants panic -------------------------------------------- */

START_TEST(put_page_without_a_reference_panics)
{
    mfn_t m = alloc_page();

    put_page(m);
    assert_frame(m, 0, FT_NONE, 0, 0);
    EXPECT_PANIC(put_page(m));
    EXPECT_PANIC(put_page(_mfn(FAKE_NR_FRAMES)));
}
END_TEST

START_TEST(put_page_type_without_a_type_ref_panics)
{
    mfn_t m = alloc_page();

    EXPECT_PANIC(put_page_type(m));
    ck_assert_int_eq(get_page_type(m, FT_WRITABLE, &d), 0);
    put_page_type(m);
    EXPECT_PANIC(put_page_type(m));
}
END_TEST

START_TEST(dropping_the_pin_reference_without_unpin_panics)
{
    mfn_t m = alloc_page();

    ck_assert_int_eq(pin_table(&d, m, FT_L1), 0);
    EXPECT_PANIC(put_page_type(m));
}
END_TEST

START_TEST(mod_entry_with_the_wrong_level_panics)
{
    mfn_t l1 = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    EXPECT_PANIC(mod_entry(&d, l1, 2, 0, 0, &flush));
    EXPECT_PANIC(mod_entry(&d, l1, 0, 0, 0, &flush));
    EXPECT_PANIC(mod_entry(&d, l1, 4, 0, 0, &flush));
}
END_TEST

Suite *mm_release_suite(void)
{
    Suite *s = suite_create("mm_release");
    TCase *tc = mm_tcase(s, "teardown");

    tcase_add_loop_test(tc, full_teardown_leaves_only_allocation_refs, 0, 2);

    tc = mm_tcase(s, "invariants");
    tcase_add_test(tc, put_page_without_a_reference_panics);
    tcase_add_test(tc, put_page_type_without_a_type_ref_panics);
    tcase_add_test(tc, dropping_the_pin_reference_without_unpin_panics);
    tcase_add_test(tc, mod_entry_with_the_wrong_level_panics);
    return s;
}
