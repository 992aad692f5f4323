/*
 * test_mm_l2.c - validating an L2 page table, which validates its L1s in
 * turn: the entries it refuses (l2_bad, also used by test_mm_mod_entry.c),
 * and the L2_XEN under L3 slot 3, whose top slots are the hypervisor's.
 * Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

/* ---- L2 validation ------------------------------------------------------ */

START_TEST(l2_validates_its_l1s_recursively)
{
    mfn_t l2 = alloc_page(), a = alloc_page(), b = alloc_page();
    mfn_t x = alloc_page(), y = alloc_page();

    set_entry(a, 0, pte(x, PTE_P | PTE_RW));
    set_entry(b, 1, pte(y, PTE_P));
    set_entry(b, 2, pte(l2, PTE_P));            /* the L2 itself, read-only */
    set_entry(l2, 0, pte(a, PTE_P | PTE_RW | PTE_US));
    set_entry(l2, 511, pte(b, PTE_P));          /* a plain L2 has 512 guest slots */
    ck_assert_int_eq(get_page_and_type(l2, &d, FT_L2), 0);
    assert_frame(l2, 3, FT_L2, 1, V);
    assert_frame(a, 2, FT_L1, 1, V);
    assert_frame(b, 2, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    assert_frame(y, 2, FT_NONE, 0, 0);
    ck_assert_uint_eq(fake_hv_slot_copies, 0);
    put_page_and_type(l2);
    assert_frame(l2, 1, FT_L2, 0, 0);
    assert_frame(a, 1, FT_L1, 0, 0);
    assert_frame(b, 1, FT_L1, 0, 0);
    assert_frame(x, 1, FT_WRITABLE, 0, 0);
    assert_frame(y, 1, FT_NONE, 0, 0);
}
END_TEST

const struct bad_entry l2_bad[] = {
    { "PSE superpage",          T_DATA, PTE_P | PTE_RW | PTE_PSE, -XEN_EINVAL },
    { "PWT (refused by Xen)",   T_DATA, PTE_P | PTE_PWT, -XEN_EINVAL },
    { "PCD (refused by Xen)",   T_DATA, PTE_P | PTE_PCD, -XEN_EINVAL },
    { "NX",                     T_DATA, PTE_P | PTE_NX, -XEN_EINVAL },
    { "reserved bit 40",        T_DATA, PTE_P | (1ULL << 40), -XEN_EINVAL },
    { "writable page in use",   T_WRITABLE_IN_USE, PTE_P | PTE_RW, -XEN_EINVAL },
    { "descriptor page in use", T_SEG_DESC_IN_USE, PTE_P, -XEN_EINVAL },
    { "L2 in use",              T_L2_IN_USE, PTE_P, -XEN_EINVAL },
    { "L2_XEN in use",          T_L2_XEN_IN_USE, PTE_P, -XEN_EINVAL },
    { "itself",                 T_SELF, PTE_P, -XEN_EINVAL },
    { "foreign frame",          T_FOREIGN, PTE_P, -XEN_EINVAL },
    { "free frame",             T_FREE, PTE_P, -XEN_EINVAL },
    { "mfn beyond the table",   T_BEYOND, PTE_P, -XEN_EINVAL },
    { "an L1 that fails",       T_BAD_L1, PTE_P, -XEN_EBUSY },
};
const unsigned l2_bad_rows = ARRAY_SIZE(l2_bad);

START_TEST(l2_bad_entry_fails_validation_and_rolls_back)
{
    const struct bad_entry *c = &l2_bad[_i];
    mfn_t l2 = alloc_page(), a = alloc_page(), b = alloc_page(), late = alloc_page();
    mfn_t x = alloc_page();
    mfn_t bad = make_target(c->target, l2);

    set_entry(a, 0, pte(x, PTE_P | PTE_RW));
    set_entry(a, 1, pte(l2, PTE_P));
    set_entry(b, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l2, 0, pte(a, PTE_P | PTE_RW));
    set_entry(l2, 1, pte(a, PTE_P | PTE_RW | PTE_US));
    set_entry(l2, 2, pte(b, PTE_P));
    set_entry(l2, 5, pte(bad, c->flags));
    set_entry(l2, 6, pte(late, PTE_P));
    assert_validation_refused(l2, FT_L2, c);
}
END_TEST

START_TEST(l1_referenced_twice_stays_validated_until_both_go)
{
    mfn_t l2 = alloc_page(), l1 = alloc_page(), x = alloc_page();
    bool flush = false;

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l2, 0, pte(l1, PTE_P | PTE_RW));
    set_entry(l2, 1, pte(l1, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    assert_frame(l2, 2, FT_L2, 1, V | PN);
    assert_frame(l1, 3, FT_L1, 2, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);

    ck_assert_int_eq(mod_entry(&d, l2, 2, 0, 0, &flush), 0);
    ck_assert(flush);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);      /* still mapped */

    flush = false;
    ck_assert_int_eq(mod_entry(&d, l2, 2, 1, 0, &flush), 0);
    ck_assert(flush);
    assert_frame(l1, 1, FT_L1, 0, 0);          /* devalidated... */
    assert_frame(x, 1, FT_WRITABLE, 0, 0);      /* ...and its mapping released */
    assert_frame(l2, 2, FT_L2, 1, V | PN);
    ck_assert_int_eq(unpin_table(&d, l2), 0);
    assert_idle(l2);
}
END_TEST

/* ---- L2_XEN ------------------------------------------------------------- */

START_TEST(l2_xen_validates_guest_slots_and_gets_hypervisor_slots)
{
    mfn_t l2x = alloc_page(), l1 = alloc_page(), x = alloc_page();

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l2x, 0, pte(l1, PTE_P | PTE_RW));
    set_entry(l2x, LAST_GUEST_L2_SLOT, pte(l1, PTE_P));
    /* Junk in the hypervisor slots is not validated: it is overwritten. */
    set_entry(l2x, HV_SLOT, pte(alloc_for(&other), PTE_P | PTE_RW | PTE_PSE));
    set_entry(l2x, 511, ~0ULL);
    ck_assert_int_eq(get_page_and_type(l2x, &d, FT_L2_XEN), 0);
    assert_frame(l2x, 2, FT_L2_XEN, 1, V);
    assert_frame(l1, 3, FT_L1, 2, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
    ck_assert_uint_eq(fake_hv_slot_copies, 1);
    assert_hv_slots_filled(l2x);
    ck_assert(get_entry(l2x, 0) == pte(l1, PTE_P | PTE_RW));
    ck_assert(get_entry(l2x, LAST_GUEST_L2_SLOT) == pte(l1, PTE_P));
    put_page_and_type(l2x);
    assert_frame(l2x, 1, FT_L2_XEN, 0, 0);
    assert_idle(l1);
    assert_idle(x);
}
END_TEST

START_TEST(l2_xen_failing_validation_gets_no_hypervisor_slots)
{
    mfn_t l2x = alloc_page(), l1 = alloc_page();

    set_entry(l2x, 0, pte(l1, PTE_P));
    set_entry(l2x, 1, pte(l1, PTE_P | PTE_PSE));
    snapshot();
    ck_assert_int_eq(get_page_and_type(l2x, &d, FT_L2_XEN), -XEN_EINVAL);
    ck_assert_uint_eq(fake_hv_slot_copies, 0);
    assert_unchanged();
}
END_TEST

START_TEST(plain_l2_validates_slots_above_hypervisor_start)
{
    mfn_t l2 = alloc_page();

    set_entry(l2, 511, pte(alloc_for(&other), PTE_P));
    ck_assert_int_eq(get_page_and_type(l2, &d, FT_L2), -XEN_EINVAL);
    assert_frame(l2, 1, FT_NONE, 0, 0);
}
END_TEST

Suite *mm_l2_suite(void)
{
    Suite *s = suite_create("mm_l2");
    TCase *tc = mm_tcase(s, "l2");

    tcase_add_test(tc, l2_validates_its_l1s_recursively);
    tcase_add_loop_test(tc, l2_bad_entry_fails_validation_and_rolls_back, 0, l2_bad_rows);
    tcase_add_test(tc, l1_referenced_twice_stays_validated_until_both_go);

    tc = mm_tcase(s, "l2_xen");
    tcase_add_test(tc, l2_xen_validates_guest_slots_and_gets_hypervisor_slots);
    tcase_add_test(tc, l2_xen_failing_validation_gets_no_hypervisor_slots);
    tcase_add_test(tc, plain_l2_validates_slots_above_hypervisor_start);
    return s;
}
