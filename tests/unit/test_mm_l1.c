/*
 * test_mm_l1.c - validating an L1 page table: the references its entries
 * take, the entry bits it accepts and refuses (l1_bad, also used by
 * test_mm_mod_entry.c), and an L1 that maps itself.  Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

/* ---- L1 validation ------------------------------------------------------ */

START_TEST(l1_not_present_entries_take_no_refs)
{
    mfn_t l1 = alloc_page(), x = alloc_page(), foreign = alloc_for(&other);

    /* Anything goes without PTE_P: bad bits, foreign or absent frames. */
    set_entry(l1, 0, pte(x, PTE_RW | PTE_G | PTE_PSE | PTE_NX));
    set_entry(l1, 1, pte(_mfn(FAKE_NR_FRAMES + 5), PTE_RW));
    set_entry(l1, 2, pte(foreign, PTE_RW));
    set_entry(l1, 511, ~PTE_P);
    snapshot();
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(x, 1, FT_NONE, 0, 0);
    assert_frame(foreign, 1, FT_NONE, 0, 0);
    put_page_and_type(l1);
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_unchanged();
}
END_TEST

START_TEST(l1_rw_entries_take_a_writable_ref_each)
{
    mfn_t l1 = alloc_page(), a = alloc_page(), b = alloc_page();

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    set_entry(l1, 100, pte(b, PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D));
    set_entry(l1, 511, pte(b, PTE_P | PTE_RW));
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(a, 2, FT_WRITABLE, 1, 0);
    assert_frame(b, 3, FT_WRITABLE, 2, 0);
    put_page_and_type(l1);
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_frame(a, 1, FT_WRITABLE, 0, 0);
    assert_frame(b, 1, FT_WRITABLE, 0, 0);
}
END_TEST

START_TEST(l1_ro_entries_take_general_refs_only)
{
    mfn_t l1 = alloc_page(), a = alloc_page(), pinned = make_target(T_L1_IN_USE, INVALID_MFN);

    set_entry(l1, 3, pte(a, PTE_P));
    set_entry(l1, 4, pte(a, PTE_P | PTE_US | PTE_A));
    set_entry(l1, 5, pte(pinned, PTE_P));      /* a page table, read-only: fine */
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(a, 3, FT_NONE, 0, 0);
    assert_frame(pinned, 3, FT_L1, 1, V | PN);
    put_page_and_type(l1);
    assert_frame(a, 1, FT_NONE, 0, 0);
    assert_frame(pinned, 2, FT_L1, 1, V | PN);
}
END_TEST

/* A global mapping is accepted (as by Xen) but kept non-global (mm.h). */
START_TEST(l1_global_is_accepted_and_cleared)
{
    mfn_t l1 = alloc_page(), x = alloc_page(), y = alloc_page();
    bool flush = false;

    set_entry(l1, 7, pte(x, PTE_P | PTE_RW | PTE_G));
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    ck_assert(get_entry(l1, 7) == pte(x, PTE_P | PTE_RW));
    ck_assert_int_eq(mod_entry(&d, l1, 1, 8, pte(y, PTE_P | PTE_G), &flush), 0);
    ck_assert(get_entry(l1, 8) == pte(y, PTE_P));
    ck_assert_int_eq(mod_entry(&d, l1, 1, 8, pte(y, PTE_P | PTE_G), &flush), 0);
    assert_frame(y, 2, FT_NONE, 0, 0);          /* the same entry: no second reference */
    put_page_and_type(l1);
    assert_frame(x, 1, FT_WRITABLE, 0, 0);
    assert_frame(y, 1, FT_NONE, 0, 0);
}
END_TEST

/* As Xen: the cache-type bits, PAT (bit 7) included, are the guest's. */
static const pte_t l1_allowed_flags[] = {
    PTE_P, PTE_P | PTE_RW, PTE_P | PTE_US, PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D,
    PTE_P | PTE_PWT, PTE_P | PTE_PCD, PTE_P | PTE_RW | PTE_PWT | PTE_PCD,
    PTE_P | PTE_PAT, PTE_P | PTE_RW | PTE_PAT | PTE_PCD | PTE_PWT,
    PTE_P | (1ULL << 9), PTE_P | (1ULL << 10), PTE_P | PTE_RW | (1ULL << 11),
};

START_TEST(l1_allowed_flags_validate)
{
    mfn_t l1 = alloc_page(), x = alloc_page();
    pte_t flags = l1_allowed_flags[_i];
    bool rw = flags & PTE_RW;

    set_entry(l1, 7, pte(x, flags));
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(x, 2, rw ? FT_WRITABLE : FT_NONE, rw ? 1 : 0, 0);
    put_page_and_type(l1);
    assert_frame(x, 1, rw ? FT_WRITABLE : FT_NONE, 0, 0);
}
END_TEST

const struct bad_entry l1_bad[] = {
    { "NX, RW, PAT",            T_DATA, PTE_P | PTE_RW | PTE_PAT | PTE_NX, -XEN_EINVAL },
    { "NX",                     T_DATA, PTE_P | PTE_NX, -XEN_EINVAL },
    { "reserved bit 36",        T_DATA, PTE_P | (1ULL << 36), -XEN_EINVAL },
    { "reserved bit 51",        T_DATA, PTE_P | PTE_RW | (1ULL << 51), -XEN_EINVAL },
    { "reserved bit 52",        T_DATA, PTE_P | (1ULL << 52), -XEN_EINVAL },
    { "reserved bit 62",        T_DATA, PTE_P | (1ULL << 62), -XEN_EINVAL },
    { "bad flags before mfn",   T_BEYOND, PTE_P | PTE_NX, -XEN_EINVAL },
    { "foreign, RO",            T_FOREIGN, PTE_P, -XEN_EBUSY },
    { "foreign, RW",            T_FOREIGN, PTE_P | PTE_RW, -XEN_EBUSY },
    { "free frame",             T_FREE, PTE_P, -XEN_EBUSY },
    { "general count full",     T_COUNT_FULL, PTE_P, -XEN_EBUSY },
    { "mfn beyond the table",   T_BEYOND, PTE_P, -XEN_EPERM },
    { "largest mfn, RW",        T_FAR, PTE_P | PTE_RW, -XEN_EPERM },
    { "RW of an L1 in use",     T_L1_IN_USE, PTE_P | PTE_RW, -XEN_EBUSY },
    { "RW of an L2 in use",     T_L2_IN_USE, PTE_P | PTE_RW, -XEN_EBUSY },
    { "RW of an L2_XEN in use", T_L2_XEN_IN_USE, PTE_P | PTE_RW, -XEN_EBUSY },
    { "RW of a descriptor page", T_SEG_DESC_IN_USE, PTE_P | PTE_RW, -XEN_EBUSY },
    { "RW, type count full",    T_TYPE_FULL, PTE_P | PTE_RW, -XEN_EBUSY },
    { "RW of itself",           T_SELF, PTE_P | PTE_RW, -XEN_EBUSY },
};
const unsigned l1_bad_rows = ARRAY_SIZE(l1_bad);

/*
 * Good entries before and after the bad one at index 7: validation fails
 * with the row's error and every reference the good ones took is dropped.
 */
START_TEST(l1_bad_entry_fails_validation_and_rolls_back)
{
    const struct bad_entry *c = &l1_bad[_i];
    mfn_t l1 = alloc_page(), a = alloc_page(), b = alloc_page(), late = alloc_page();
    mfn_t bad = make_target(c->target, l1);

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    set_entry(l1, 1, pte(b, PTE_P));
    set_entry(l1, 2, pte(a, PTE_P | PTE_RW | PTE_A));
    set_entry(l1, 3, pte(l1, PTE_P));          /* itself, read-only */
    set_entry(l1, 4, pte(bad, PTE_RW));         /* not present */
    set_entry(l1, 7, pte(bad, c->flags));
    set_entry(l1, 8, pte(late, PTE_P | PTE_RW));
    set_entry(l1, 511, pte(late, PTE_P));
    assert_validation_refused(l1, FT_L1, c);
}
END_TEST

/* ---- an L1 mapped by itself --------------------------------------------- */

START_TEST(l1_mapping_itself_read_only_validates)
{
    mfn_t l1 = alloc_page();

    set_entry(l1, 5, pte(l1, PTE_P | PTE_US));
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), 0);
    assert_frame(l1, 3, FT_L1, 1, V);          /* allocation + reference + self map */
    put_page_and_type(l1);
    assert_frame(l1, 1, FT_L1, 0, 0);
}
END_TEST

START_TEST(l1_mapping_itself_writable_fails_without_refs)
{
    mfn_t l1 = alloc_page(), x = alloc_page();

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l1, 1, pte(l1, PTE_P));
    set_entry(l1, 2, pte(l1, PTE_P | PTE_RW));
    ck_assert_int_eq(get_page_and_type(l1, &d, FT_L1), -XEN_EBUSY);
    assert_frame(l1, 1, FT_NONE, 0, 0);
    assert_frame(x, 1, FT_WRITABLE, 0, 0);
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), -XEN_EBUSY);
    assert_frame(l1, 1, FT_NONE, 0, 0);
}
END_TEST

Suite *mm_l1_suite(void)
{
    Suite *s = suite_create("mm_l1");
    TCase *tc = mm_tcase(s, "l1");

    tcase_add_test(tc, l1_not_present_entries_take_no_refs);
    tcase_add_test(tc, l1_rw_entries_take_a_writable_ref_each);
    tcase_add_test(tc, l1_ro_entries_take_general_refs_only);
    tcase_add_test(tc, l1_global_is_accepted_and_cleared);
    tcase_add_loop_test(tc, l1_allowed_flags_validate, 0, ARRAY_SIZE(l1_allowed_flags));
    tcase_add_loop_test(tc, l1_bad_entry_fails_validation_and_rolls_back, 0, l1_bad_rows);

    tc = mm_tcase(s, "l1_self");
    tcase_add_test(tc, l1_mapping_itself_read_only_validates);
    tcase_add_test(tc, l1_mapping_itself_writable_fails_without_refs);
    return s;
}
