/*
 * test_mm_mod_entry.c - changing one entry of a validated table: references
 * move from the old target to the new one, a bad new entry (the levels'
 * bad-entry tables) changes nothing, the TLB flush is asked for exactly
 * when an old reference may live on, and the hypervisor's slots stay its
 * own.  Fixture: mm_fixture.h.
 */
#include "mm_fixture.h"

static const struct frame_info *watched;
static struct frame_info watched_at_store;

static void watch_store(pte_t *slot, pte_t value)
{
    (void)slot;
    (void)value;
    watched_at_store = *watched;
}

/* Same frame, now writable: the new references are taken before the old
 * ones are dropped, so the count never passes through 0. */
START_TEST(mod_entry_same_page_new_access_takes_refs_first)
{
    mfn_t l1 = alloc_page(), a = alloc_page();
    bool flush = false;

    set_entry(l1, 9, pte(a, PTE_P));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    assert_frame(a, 2, FT_NONE, 0, 0);
    watched = mfn_to_frame(a);
    fake_pte_store_hook = watch_store;
    ck_assert_int_eq(mod_entry(&d, l1, 1, 9, pte(a, PTE_P | PTE_RW), &flush), 0);
    /* At the store, the new references were held and the old not yet dropped. */
    ck_assert_uint_eq(watched_at_store.count_info, 3);
    ck_assert_uint_eq(watched_at_store.type_info, FT_WRITABLE | 1);
    ck_assert_uint_eq(fake_pte_stores, 1);
    ck_assert(flush);
    assert_frame(a, 2, FT_WRITABLE, 1, 0);
    assert_frame(l1, 2, FT_L1, 1, V | PN);
}
END_TEST

/* Only A, D, US, G or available bits change: Xen's fast path, the
 * references stay as they are (none taken, none dropped). */
START_TEST(mod_entry_fast_path_keeps_references)
{
    mfn_t l1 = alloc_page(), a = alloc_page();
    bool flush = false;

    set_entry(l1, 9, pte(a, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    watched = mfn_to_frame(a);
    fake_pte_store_hook = watch_store;
    ck_assert_int_eq(mod_entry(&d, l1, 1, 9, pte(a, PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US |
                                                    PTE_AVAIL), &flush), 0);
    ck_assert_uint_eq(watched_at_store.count_info, 2);
    ck_assert_uint_eq(watched_at_store.type_info, FT_WRITABLE | 1);
    ck_assert_uint_eq(fake_pte_stores, 1);
    ck_assert(flush);                           /* US changed: the TLB may hold the old */
    ck_assert(get_entry(l1, 9) == pte(a, PTE_P | PTE_RW | PTE_A | PTE_D | PTE_US | PTE_AVAIL));
    assert_frame(a, 2, FT_WRITABLE, 1, 0);
}
END_TEST

/* A page owner other than the table's: L1 entries must name its frames,
 * except on the fast path, which asks nobody; L2 and L3 entries cannot
 * be changed for it at all, not even to not-present (as in Xen). */
START_TEST(normal_update_for_another_page_owner)
{
    mfn_t l2 = alloc_page(), l1 = alloc_page(), a = alloc_page(), b = alloc_page();
    mfn_t theirs = alloc_for(&other);
    struct mm_run run;

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    set_entry(l2, 0, pte(l1, PTE_P));
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    mm_run_init(&run, &d, &other);
    ck_assert_int_eq(mm_normal_update(&run, l1, 0, pte(a, PTE_P | PTE_RW | PTE_A)), 0);
    ck_assert_int_eq(mm_normal_update(&run, l1, 1, pte(b, PTE_P)), -XEN_EBUSY);
    ck_assert_int_eq(mm_normal_update(&run, l1, 1, pte(theirs, PTE_P)), 0);
    assert_frame(theirs, 2, FT_NONE, 0, 0);
    ck_assert_int_eq(mm_normal_update(&run, l1, 2, 0), 0);
    ck_assert_int_eq(mm_normal_update(&run, l2, 1, 0), -XEN_EINVAL);
    ck_assert_int_eq(mm_normal_update(&run, l2, 0, 0), -XEN_EINVAL);
    mm_run_end(&run);
    assert_frame(l1, 2, FT_L1, 1, V);
}
END_TEST

/* An L2 entry re-pointed at the same L1: the L1 is never devalidated. */
START_TEST(mod_entry_same_l1_new_flags_keeps_it_validated)
{
    mfn_t l2 = alloc_page(), l1 = alloc_page(), x = alloc_page();
    bool flush = false;

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l2, 6, pte(l1, PTE_P));
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    unsigned maps = fake_maps_total;
    watched = mfn_to_frame(l1);
    fake_pte_store_hook = watch_store;
    ck_assert_int_eq(mod_entry(&d, l2, 2, 6, pte(l1, PTE_P | PTE_RW | PTE_US), &flush), 0);
    ck_assert_uint_eq(watched_at_store.type_info, FT_L1 | V | 2);
    ck_assert_uint_eq(fake_maps_total, maps + 1);   /* the L2 only: no revalidation */
    ck_assert(flush);
    assert_frame(l1, 2, FT_L1, 1, V);
    assert_frame(x, 2, FT_WRITABLE, 1, 0);
}
END_TEST

START_TEST(mod_entry_moves_references_to_the_new_page)
{
    mfn_t l1 = alloc_page(), a = alloc_page(), b = alloc_page();
    bool flush = false;

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 0, pte(b, PTE_P | PTE_RW), &flush), 0);
    ck_assert(flush);
    assert_frame(a, 1, FT_WRITABLE, 0, 0);
    assert_frame(b, 2, FT_WRITABLE, 1, 0);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 0, pte(a, PTE_P), &flush), 0);
    assert_frame(a, 2, FT_WRITABLE, 0, 0);
    assert_frame(b, 1, FT_WRITABLE, 0, 0);
}
END_TEST

START_TEST(mod_entry_same_value_does_nothing)
{
    mfn_t l1 = alloc_page(), a = alloc_page();
    bool flush = false;

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    snapshot();
    ck_assert_int_eq(mod_entry(&d, l1, 1, 0, pte(a, PTE_P | PTE_RW), &flush), 0);
    ck_assert(!flush);
    ck_assert_uint_eq(fake_pte_stores, 0);
    assert_unchanged();
    flush = true;                               /* never cleared */
    ck_assert_int_eq(mod_entry(&d, l1, 1, 1, 0, &flush), 0);
    ck_assert(flush);
}
END_TEST

START_TEST(mod_entry_maps_its_own_l1_read_only_but_not_writable)
{
    mfn_t l1 = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 20, pte(l1, PTE_P), &flush), 0);
    ck_assert(!flush);
    assert_frame(l1, 3, FT_L1, 1, V | PN);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 21, pte(l1, PTE_P | PTE_RW), &flush), -XEN_EBUSY);
    assert_frame(l1, 3, FT_L1, 1, V | PN);
    ck_assert(get_entry(l1, 21) == 0);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 20, 0, &flush), 0);
    ck_assert(flush);
    assert_frame(l1, 2, FT_L1, 1, V | PN);
}
END_TEST

/*
 * A bad new entry (a row of a level's bad-entry table, pointing at `bad`)
 * at `index` of a pinned table: mod_entry fails with the row's error
 * before it stores anything, so nothing changes and no flush is asked for.
 */
static void assert_mod_entry_refused(mfn_t table, unsigned level, unsigned index, mfn_t bad,
                                     const struct bad_entry *c)
{
    bool flush = false;

    snapshot();
    ck_assert_msg(mod_entry(&d, table, level, index, pte(bad, c->flags), &flush) == c->rc,
                  "%s: wrong error", c->name);
    ck_assert(!flush);
    ck_assert_uint_eq(fake_pte_stores, 0);
    assert_unchanged();
}

/* A validated L1 with RO b at index 7; a bad new entry leaves all as it was. */
START_TEST(mod_entry_l1_bad_new_entry_leaves_old_untouched)
{
    const struct bad_entry *c = &l1_bad[_i];
    mfn_t l1 = alloc_page(), a = alloc_page(), b = alloc_page();
    mfn_t bad = make_target(c->target, l1);

    set_entry(l1, 0, pte(a, PTE_P | PTE_RW));
    set_entry(l1, 7, pte(b, PTE_P | PTE_RW));
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    assert_mod_entry_refused(l1, 1, 7, bad, c);
    ck_assert(get_entry(l1, 7) == pte(b, PTE_P | PTE_RW));
}
END_TEST

START_TEST(mod_entry_l2_bad_new_entry_leaves_old_untouched)
{
    const struct bad_entry *c = &l2_bad[_i];
    mfn_t l2 = alloc_page(), l1 = alloc_page(), x = alloc_page();
    mfn_t bad = make_target(c->target, l2);

    set_entry(l1, 0, pte(x, PTE_P | PTE_RW));
    set_entry(l2, 5, pte(l1, PTE_P));
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    assert_mod_entry_refused(l2, 2, 5, bad, c);
}
END_TEST

START_TEST(mod_entry_l3_bad_new_entry_leaves_old_untouched)
{
    const struct bad_entry *c = &l3_bad[_i];
    struct l3 t = make_l3(1);
    mfn_t bad = make_target(c->target, t.l3);

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    assert_mod_entry_refused(t.l3, 3, 0, bad, c);
}
END_TEST

struct flush_case {
    unsigned level;
    pte_t old, new;     /* flags; 0: an empty entry, else the target's address too */
    bool flush;
};

static const struct flush_case flush_cases[] = {
    { 1, 0, PTE_P | PTE_RW, false },            /* a new mapping */
    { 1, PTE_A, PTE_P, false },                 /* not present, with an address */
    { 1, PTE_P, 0, true },                      /* removed */
    { 1, PTE_P, PTE_P | PTE_RW, true },         /* replaced */
    { 1, PTE_P | PTE_RW, PTE_RW, true },        /* made not present */
    { 1, PTE_RW, PTE_A, false },                /* not present to not present */
    { 2, 0, PTE_P, false },
    { 2, PTE_P, 0, true },
    { 2, PTE_P, PTE_P | PTE_RW, true },
    { 2, PTE_US, PTE_P, false },
    { 3, 0, PTE_P, true },                      /* PDPTEs are cached: always */
    { 3, PTE_P, 0, true },
    { 3, PTE_P, PTE_P | (1ULL << 9), true },
    { 3, PTE_US, PTE_A, true },
};

START_TEST(mod_entry_sets_flush_when_a_reference_may_live_on)
{
    const struct flush_case *c = &flush_cases[_i];
    static const uint32_t target_type[] = { 0, FT_WRITABLE, FT_L1, FT_L2 };
    struct l3 t = make_l3(0);
    mfn_t table = c->level == 3 ? t.l3 : alloc_page(), target = alloc_page();
    unsigned index = c->level == 3 ? 1 : 300;
    uint32_t type = c->level == 1 ? FT_L1 : c->level == 2 ? FT_L2 : FT_L3;
    bool flush = false;

    set_entry(table, index, c->old ? pte(target, c->old) : 0);
    ck_assert_int_eq(pin_table(&d, table, type), 0);
    ck_assert_int_eq(mod_entry(&d, table, c->level, index,
                               c->new ? pte(target, c->new) : 0, &flush), 0);
    ck_assert_msg(flush == c->flush, "row %d: flush %d", _i, flush);
    ck_assert_uint_eq(fake_pte_stores, 1);
    ck_assert(get_entry(table, index) == (c->new ? pte(target, c->new) : 0));
    if (!(c->new & PTE_P)) {
        assert_idle(target);
    } else if (c->level == 1) {
        bool rw = c->new & PTE_RW;
        assert_frame(target, 2, rw ? FT_WRITABLE : FT_NONE, rw ? 1 : 0, 0);
    } else {
        assert_frame(target, 2, target_type[c->level], 1, V);
    }
    ck_assert_int_eq(unpin_table(&d, table), 0);
    assert_idle(target);
}
END_TEST

START_TEST(mod_entry_l2_xen_hypervisor_slots_are_refused)
{
    static const unsigned slots[] = { HV_SLOT, HV_SLOT + 1, 500, 511, 512, 1000 };
    struct l3 t = make_l3(0);
    mfn_t l1 = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    snapshot();
    for (unsigned i = 0; i < ARRAY_SIZE(slots); i++) {
        ck_assert_int_eq(mod_entry(&d, t.l2x, 2, slots[i], pte(l1, PTE_P), &flush), -XEN_EPERM);
        ck_assert_int_eq(mod_entry(&d, t.l2x, 2, slots[i], 0, &flush), -XEN_EPERM);
    }
    ck_assert(!flush);
    assert_unchanged();
    assert_hv_slots_filled(t.l2x);
    /* The last guest slot is the guest's. */
    ck_assert_int_eq(mod_entry(&d, t.l2x, 2, LAST_GUEST_L2_SLOT, pte(l1, PTE_P), &flush), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    ck_assert_int_eq(unpin_table(&d, t.l3), 0);
    assert_idle(l1);
}
END_TEST

START_TEST(mod_entry_index_beyond_the_table_is_refused)
{
    struct l3 t = make_l3(1);
    mfn_t l1 = alloc_page(), l2 = alloc_page(), x = alloc_page(), l2b = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    ck_assert_int_eq(pin_table(&d, l1, FT_L1), 0);
    ck_assert_int_eq(pin_table(&d, l2, FT_L2), 0);
    snapshot();
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, 4, pte(l2b, PTE_P), &flush), -XEN_EINVAL);
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, 511, 0, &flush), -XEN_EINVAL);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 512, pte(x, PTE_P), &flush), -XEN_EINVAL);
    ck_assert_int_eq(mod_entry(&d, l2, 2, 512, 0, &flush), -XEN_EINVAL);
    ck_assert(!flush);
    assert_unchanged();
}
END_TEST

START_TEST(mod_entry_l3_replaces_an_l2)
{
    struct l3 t = make_l3(1);
    mfn_t l2b = alloc_page(), l1 = alloc_page();
    bool flush = false;

    set_entry(t.l2[0], 0, pte(l1, PTE_P));
    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    assert_frame(l1, 2, FT_L1, 1, V);
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, 0, pte(l2b, PTE_P), &flush), 0);
    ck_assert(flush);
    assert_frame(t.l2[0], 1, FT_L2, 0, 0);
    assert_frame(l1, 1, FT_L1, 0, 0);
    assert_frame(l2b, 2, FT_L2, 1, V);
    ck_assert_int_eq(unpin_table(&d, t.l3), 0);
    assert_idle(l2b);
}
END_TEST

/*
 * BUG: Xen (mod_l3_entry) refuses every update of a 32-bit PV guest's L3
 * slot 3: it holds the hypervisor's mappings.  Clearing it would unmap the
 * hypervisor from a live address space.
 */
START_TEST(mod_entry_refuses_to_change_l3_hypervisor_slot)
{
    struct l3 t = make_l3(1);
    mfn_t l2x2 = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    snapshot();
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, HV_L3_SLOT, 0, &flush), -XEN_EINVAL);
    assert_unchanged();
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, HV_L3_SLOT, pte(l2x2, PTE_P), &flush), -XEN_EINVAL);
    assert_unchanged();
    ck_assert(!flush);
}
END_TEST

Suite *mm_mod_entry_suite(void)
{
    Suite *s = suite_create("mm_mod_entry");
    TCase *tc = mm_tcase(s, "mod_entry");

    tcase_add_test(tc, mod_entry_same_page_new_access_takes_refs_first);
    tcase_add_test(tc, mod_entry_fast_path_keeps_references);
    tcase_add_test(tc, normal_update_for_another_page_owner);
    tcase_add_test(tc, mod_entry_same_l1_new_flags_keeps_it_validated);
    tcase_add_test(tc, mod_entry_moves_references_to_the_new_page);
    tcase_add_test(tc, mod_entry_same_value_does_nothing);
    tcase_add_test(tc, mod_entry_maps_its_own_l1_read_only_but_not_writable);
    tcase_add_loop_test(tc, mod_entry_l1_bad_new_entry_leaves_old_untouched, 0, l1_bad_rows);
    tcase_add_loop_test(tc, mod_entry_l2_bad_new_entry_leaves_old_untouched, 0, l2_bad_rows);
    tcase_add_loop_test(tc, mod_entry_l3_bad_new_entry_leaves_old_untouched, 0, l3_bad_rows);
    tcase_add_loop_test(tc, mod_entry_sets_flush_when_a_reference_may_live_on, 0,
                        ARRAY_SIZE(flush_cases));
    tcase_add_test(tc, mod_entry_l2_xen_hypervisor_slots_are_refused);
    tcase_add_test(tc, mod_entry_index_beyond_the_table_is_refused);
    tcase_add_test(tc, mod_entry_l3_replaces_an_l2);
    tcase_add_test(tc, mod_entry_refuses_to_change_l3_hypervisor_slot);
    return s;
}
