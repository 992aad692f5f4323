/*
 * test_isolation.c - the isolation policy (isolation_policy.c): the
 * isolation= option, the mode each request gets on a CPU that does or
 * does not enforce segment limits, and which hypervisor L2 slots a
 * guest's view keeps; and mm.c telling the views about every L2/L3 entry
 * it changes (isolation_entry_written(), faked in fake_mm_env.c).
 */
#include "unit.h"
#include "isolation.h"
#include "cmdline.h"
#include "memlayout.h"
#include "mm_fixture.h"
#include "fake_mm_env.h"
#include <string.h>

static const struct {
    const char *line;
    int rc;
    enum isolation_request req;
} options[] = {
    { "", 0, ISOLATION_AUTO },
    { "bench=1", 0, ISOLATION_AUTO },
    { "isolation=auto", 0, ISOLATION_AUTO },
    { "isolation=split", 0, ISOLATION_FORCE_SPLIT },
    { "bench=1 isolation=segments", 0, ISOLATION_FORCE_SEGMENTS },
    { "isolation=segments isolation=split", 0, ISOLATION_FORCE_SPLIT },   /* last wins */
    { "isolation=", -1, ISOLATION_AUTO },
    { "isolation=Split", -1, ISOLATION_AUTO },
    { "isolation=splitx", -1, ISOLATION_AUTO },
    { "xisolation=split", 0, ISOLATION_AUTO },
    { "isolation", 0, ISOLATION_AUTO },
};

START_TEST(parses_the_option)
{
    enum isolation_request req = ISOLATION_FORCE_SPLIT;
    char err[96] = "";

    ck_assert_int_eq(isolation_parse(options[_i].line, &req, err, sizeof(err)), options[_i].rc);
    ck_assert_int_eq(req, options[_i].req);
    if (options[_i].rc)
        ck_assert_msg(strstr(err, "isolation=") != NULL, "error message: '%s'", err);
}
END_TEST

START_TEST(cmdline_value_finds_the_last_word)
{
    size_t len = 0;
    const char *v = cmdline_value("a=1 key=one  key=three b", "key", &len);

    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(len, 5);
    ck_assert(!strncmp(v, "three", len));
    ck_assert_ptr_null(cmdline_value("keys=1 key", "key", &len));
}
END_TEST

static const struct {
    enum isolation_request req;
    bool limits;
    enum isolation_mode mode;
    bool unsafe;
} choices[] = {
    { ISOLATION_AUTO, false, ISOLATION_SPLIT, false },
    { ISOLATION_AUTO, true, ISOLATION_SEGMENTS, false },
    { ISOLATION_FORCE_SPLIT, false, ISOLATION_SPLIT, false },
    { ISOLATION_FORCE_SPLIT, true, ISOLATION_SPLIT, false },
    { ISOLATION_FORCE_SEGMENTS, false, ISOLATION_SEGMENTS, true },
    { ISOLATION_FORCE_SEGMENTS, true, ISOLATION_SEGMENTS, false },
};

START_TEST(chooses_the_mode)
{
    const char *why = NULL;
    bool unsafe = !choices[_i].unsafe;

    ck_assert_int_eq(isolation_choose(choices[_i].req, choices[_i].limits, &why, &unsafe),
                     choices[_i].mode);
    ck_assert_int_eq(unsafe, choices[_i].unsafe);
    ck_assert_ptr_nonnull(why);
}
END_TEST

/* Split: exactly the M2P's 8 slots, the per-domain area's and the entry area's. */
START_TEST(split_view_keeps_three_regions)
{
    unsigned kept = 0;

    for (unsigned slot = 0; slot < L2_ENTRIES; slot++) {
        vaddr_t va = 0xC0000000U + slot * L2_PAGE_SIZE;
        bool expect = (va >= MACH2PHYS_VIRT_START && va < MACH2PHYS_VIRT_END) ||
                      va == PERDOMAIN_VIRT_START || va == ENTRY_VIRT_START;
        ck_assert_msg(isolation_guest_keeps_slot(ISOLATION_SPLIT, slot) == expect,
                      "slot %u (%#x)", slot, va);
        kept += expect;
    }
    ck_assert_uint_eq(kept, 8 + 1 + 1);
    ck_assert(!isolation_guest_keeps_slot(ISOLATION_SPLIT, l2_index(MAPCACHE_VIRT_START)));
    ck_assert(!isolation_guest_keeps_slot(ISOLATION_SPLIT, l2_index(DIRECTMAP_VIRT_START)));
    ck_assert(!isolation_guest_keeps_slot(ISOLATION_SPLIT, L2_ENTRIES));
}
END_TEST

START_TEST(segments_view_keeps_every_hypervisor_slot)
{
    for (unsigned slot = 0; slot < L2_ENTRIES; slot++)
        ck_assert(isolation_guest_keeps_slot(ISOLATION_SEGMENTS, slot) ==
                  (slot >= HV_FIRST_L2_SLOT));
}
END_TEST

/* Every L2 or L3 entry mm.c changes is reported, after the store; L1 entries are not. */
START_TEST(mm_reports_l2_and_l3_writes)
{
    struct l3 t = make_l3(1);
    mfn_t l1 = alloc_page();
    bool flush = false;

    ck_assert_int_eq(pin_table(&d, t.l3, FT_L3), 0);
    fake_entry_writes = 0;
    ck_assert_int_eq(mod_entry(&d, t.l2x, 2, 5, pte(l1, PTE_P), &flush), 0);
    ck_assert_uint_eq(fake_entry_writes, 1);
    ck_assert(mfn_eq(fake_last_entry_write.table, t.l2x));
    ck_assert_uint_eq(fake_last_entry_write.level, 2);
    ck_assert_uint_eq(fake_last_entry_write.index, 5);
    ck_assert(fake_last_entry_write.e == get_entry(t.l2x, 5));
    ck_assert_int_eq(mod_entry(&d, t.l3, 3, 0, 0, &flush), 0);
    ck_assert_uint_eq(fake_entry_writes, 2);
    ck_assert_uint_eq(fake_last_entry_write.level, 3);
    ck_assert(fake_last_entry_write.e == 0);
    ck_assert_int_eq(mod_entry(&d, l1, 1, 0, pte(alloc_page(), PTE_P), &flush), 0);
    ck_assert_uint_eq(fake_entry_writes, 2);
    ck_assert_int_eq(mod_entry(&d, t.l2x, 2, 5, 0, &flush), 0);
    ck_assert_int_eq(unpin_table(&d, t.l3), 0);
}
END_TEST

Suite *isolation_suite(void)
{
    Suite *s = suite_create("isolation");
    TCase *policy = tcase_create("policy"), *views = mm_tcase(s, "views");

    tcase_add_loop_test(policy, parses_the_option, 0, sizeof(options) / sizeof(options[0]));
    tcase_add_test(policy, cmdline_value_finds_the_last_word);
    tcase_add_loop_test(policy, chooses_the_mode, 0, sizeof(choices) / sizeof(choices[0]));
    tcase_add_test(policy, split_view_keeps_three_regions);
    tcase_add_test(policy, segments_view_keeps_every_hypervisor_slot);
    tcase_add_test(views, mm_reports_l2_and_l3_writes);
    suite_add_tcase(s, policy);
    return s;
}
