/*
 * test_mm_pin.c - pinning and unpinning page tables, and a page mapped
 * writable that may become a table only once no writable mapping is left.
 * Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

/* ---- pin / unpin -------------------------------------------------------- */

static const uint32_t pin_types[] = { FT_L1, FT_L2, FT_L3 };

START_TEST(pin_validates_and_unpin_releases)
{
    uint32_t type = pin_types[_i];
    struct l3 t = make_l3(1);
    mfn_t m = type == FT_L3 ? t.l3 : alloc_page();

    ck_assert_int_eq(pin_table(&d, m, type), 0);
    assert_frame(m, 2, type, 1, V | PN);
    ck_assert_int_eq(unpin_table(&d, m), 0);
    assert_frame(m, 1, type, 0, 0);
    if (type == FT_L3) {
        assert_frame(t.l2[0], 1, FT_L2, 0, 0);
        assert_frame(t.l2x, 1, FT_L2_XEN, 0, 0);
    }
}
END_TEST

START_TEST(double_pin_is_refused_with_counts_unchanged)
{
    uint32_t type = pin_types[_i];
    struct l3 t = make_l3(1);
    mfn_t m = type == FT_L3 ? t.l3 : alloc_page();

    ck_assert_int_eq(pin_table(&d, m, type), 0);
    snapshot();
    ck_assert_int_eq(pin_table(&d, m, type), -XEN_EINVAL);
    assert_unchanged();
    assert_frame(m, 2, type, 1, V | PN);
    ck_assert_int_eq(unpin_table(&d, m), 0);
    assert_frame(m, 1, type, 0, 0);
}
END_TEST

START_TEST(pin_as_another_type_is_refused)
{
    mfn_t m = alloc_page();

    ck_assert_int_eq(pin_table(&d, m, FT_L1), 0);
    ck_assert_int_eq(pin_table(&d, m, FT_L2), -XEN_EINVAL);
    assert_frame(m, 2, FT_L1, 1, V | PN);
    ck_assert_int_eq(unpin_table(&d, m), 0);
}
END_TEST

START_TEST(unpin_while_referenced_keeps_table_validated)
{
    mfn_t l1 = alloc_page(), l2 = alloc_page(), x = alloc_page();

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    assert_frame(l1, 2, FT_L1, 1, V | PN);
    set_entry(l2, 0, pte(l1, PTE_P));
    ck_assert_int_eq(get_page_and_type(l2, &d, FT_L2), 0);
    assert_frame(l1, 3, FT_L1, 2, V | PN);

    ck_assert_int_eq(unpin_table(&d, l1), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    ck_assert_int_eq(unpin_table(&d, l1), -XEN_EINVAL);   /* no longer pinned */
    assert_frame(l1, 2, FT_L1, 1, V);

    put_page_and_type(l2);
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_frame(x, 1, FT_WRITABLE, 0, 0);
}
END_TEST

START_TEST(unpin_refuses_unpinned_foreign_free_and_invalid_frames)
{
    mfn_t unpinned = alloc_page(), referenced = alloc_page(), foreign = alloc_for(&other);
    mfn_t freed = free_frame();

    ck_assert_int_eq(get_page_and_type(referenced, &d, FT_L1), 0);
    ck_assert_int_eq(pin_table(&other, foreign, FT_L1), 0);
    snapshot();
    ck_assert_int_eq(unpin_table(&d, unpinned), -XEN_EINVAL);
    ck_assert_int_eq(unpin_table(&d, referenced), -XEN_EINVAL);
    ck_assert_int_eq(unpin_table(&d, foreign), -XEN_EINVAL);
    ck_assert_int_eq(unpin_table(&d, freed), -XEN_EINVAL);
    ck_assert_int_eq(unpin_table(&d, _mfn(FAKE_NR_FRAMES)), -XEN_EINVAL);
    ck_assert_int_eq(unpin_table(&d, INVALID_MFN), -XEN_EINVAL);
    assert_unchanged();
    ck_assert_int_eq(unpin_table(&other, foreign), 0);
    assert_frame(foreign, 1, FT_L1, 0, 0);
}
END_TEST

START_TEST(pin_of_foreign_frame_is_refused)
{
    mfn_t foreign = alloc_for(&other);

    ck_assert_int_eq(pin_table(&d, foreign, FT_L1), -XEN_EINVAL);
    assert_frame(foreign, 1, FT_NONE, 0, 0);
}
END_TEST

/* ---- a frame retyped while mapped --------------------------------------- */

START_TEST(page_mapped_rw_cannot_become_a_table_until_unmapped)
{
    mfn_t l1 = alloc_page(), x = alloc_page();
    bool flush = false;

    set_entry(l1, 3, pte(x, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    ck_assert_int_eq(pin_table(&d, x, FT_L1), -XEN_EINVAL);
    ck_assert_int_eq(pin_table(&d, x, FT_L2), -XEN_EINVAL);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);

    /* Read-only instead: a read-only mapping does not hold the type. */
    ck_assert_int_eq(mod_entry(&d, l1, 1, 3, pte(x, PTE_P), &flush), 0);
    ck_assert(flush);
    assert_frame(x, 2, FT_WRITABLE, 0, 0);
    ck_assert_int_eq(pin_table(&d, x, FT_L1), 0);
    assert_frame(x, 3, FT_L1, 1, V | PN);
    /* ...and now it may not be mapped writable again. */
    flush = false;
    ck_assert_int_eq(mod_entry(&d, l1, 1, 3, pte(x, PTE_P | PTE_RW), &flush), -XEN_EBUSY);
    ck_assert(!flush);
    ck_assert(get_entry(l1, 3) == pte(x, PTE_P));
    assert_frame(x, 3, FT_L1, 1, V | PN);

    ck_assert_int_eq(mod_entry(&d, l1, 1, 3, 0, &flush), 0);
    assert_frame(x, 2, FT_L1, 1, V | PN);
    ck_assert_int_eq(unpin_table(&d, x), 0);
    ck_assert_int_eq(unpin_table(&d, l1), 0);
    assert_idle(x);
    assert_idle(l1);
}
END_TEST

Suite *mm_pin_suite(void)
{
    Suite *s = suite_create("mm_pin");
    TCase *tc = mm_tcase(s, "pin");

    tcase_add_loop_test(tc, pin_validates_and_unpin_releases, 0, ARRAY_SIZE(pin_types));
    tcase_add_loop_test(tc, double_pin_is_refused_with_counts_unchanged, 0,
                        ARRAY_SIZE(pin_types));
    tcase_add_test(tc, pin_as_another_type_is_refused);
    tcase_add_test(tc, unpin_while_referenced_keeps_table_validated);
    tcase_add_test(tc, unpin_refuses_unpinned_foreign_free_and_invalid_frames);
    tcase_add_test(tc, pin_of_foreign_frame_is_refused);

    tc = mm_tcase(s, "retype");
    tcase_add_test(tc, page_mapped_rw_cannot_become_a_table_until_unmapped);
    return s;
}
