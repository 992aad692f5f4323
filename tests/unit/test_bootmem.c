/*
 * test_bootmem.c - boot-time RAM and reservations: page trimming, the
 * free ranges handed to the frame allocator, and first-fit allocation.
 */
#include "unit.h"
#include "bootmem.h"

#define GiB (1ULL << 30)

struct range {
    paddr_t start, end;
};

static struct range got[2 * BOOTMEM_MAX_RANGES];
static unsigned nr_got;

static void collect(paddr_t start, paddr_t end)
{
    ck_assert_uint_lt(nr_got, ARRAY_SIZE(got));
    got[nr_got++] = (struct range){ start, end };
}

static void expect_free_ranges(const struct range *want, unsigned n)
{
    nr_got = 0;
    bootmem_for_each_free(collect);
    for (unsigned i = 0; i < n && i < nr_got; i++)
        ck_assert_msg(got[i].start == want[i].start && got[i].end == want[i].end,
                      "free range %u is [%#llx, %#llx), want [%#llx, %#llx)", i,
                      (unsigned long long)got[i].start, (unsigned long long)got[i].end,
                      (unsigned long long)want[i].start, (unsigned long long)want[i].end);
    ck_assert_uint_eq(nr_got, n);
}

#define EXPECT_FREE(...) do {                                   \
        const struct range want_[] = { __VA_ARGS__ };           \
        expect_free_ranges(want_, ARRAY_SIZE(want_));           \
    } while (0)

static void setup(void)
{
    bootmem_reset();
}

START_TEST(ram_is_trimmed_inward_to_pages)
{
    ck_assert_int_eq(bootmem_add_ram(0x1234, 0x9FFF), 0);
    EXPECT_FREE({ 0x2000, 0x9000 });
    ck_assert_uint_eq(bootmem_ram_top(), 0x9000);
}
END_TEST

START_TEST(ram_less_than_a_page_is_dropped)
{
    ck_assert_int_eq(bootmem_add_ram(0x1001, 0x1FFF), 0);
    ck_assert_int_eq(bootmem_add_ram(0x5000, 0x5000), 0);
    expect_free_ranges(NULL, 0);
    ck_assert_uint_eq(bootmem_ram_top(), 0);
}
END_TEST

START_TEST(reservation_is_widened_outward_to_pages)
{
    bootmem_add_ram(0, 0x10000);
    ck_assert_int_eq(bootmem_reserve(0x3001, 0x4001), 0);
    EXPECT_FREE({ 0, 0x3000 }, { 0x5000, 0x10000 });
}
END_TEST

START_TEST(free_ranges_are_cut_around_reservations)
{
    bootmem_add_ram(0, 0xA0000);
    bootmem_add_ram(0x100000, 0x800000);
    bootmem_reserve(0, 0x1000);
    bootmem_reserve(0x100000, 0x180000);           /* at a range's start */
    bootmem_reserve(0x300000, 0x310000);
    bootmem_reserve(0x308000, 0x320000);           /* overlaps the previous one */
    bootmem_reserve(0x400000, 0x401000);
    bootmem_reserve(0x401000, 0x402000);           /* adjacent */
    bootmem_reserve(0x7FF000, 0x900000);           /* past a range's end */
    EXPECT_FREE({ 0x1000, 0xA0000 }, { 0x180000, 0x300000 }, { 0x320000, 0x400000 },
                { 0x402000, 0x7FF000 });
}
END_TEST

START_TEST(reservation_can_cover_a_whole_range)
{
    bootmem_add_ram(0x1000, 0x5000);
    bootmem_add_ram(0x10000, 0x20000);
    bootmem_reserve(0, 0x8000);
    EXPECT_FREE({ 0x10000, 0x20000 });
}
END_TEST

START_TEST(ram_top_is_the_highest_end)
{
    bootmem_add_ram(0x100000, 0x800000);
    bootmem_add_ram(4 * GiB, 5 * GiB);
    bootmem_add_ram(0, 0x9F000);
    ck_assert_uint_eq(bootmem_ram_top(), 5 * GiB);
    EXPECT_FREE({ 0x100000, 0x800000 }, { 4 * GiB, 5 * GiB }, { 0, 0x9F000 });
}
END_TEST

START_TEST(alloc_is_first_fit_around_reservations)
{
    bootmem_add_ram(0x100000, 0x200000);
    bootmem_reserve(0x101000, 0x102000);
    ck_assert_uint_eq(bootmem_alloc(0x2000, 4 * GiB), 0x102000);
    ck_assert_uint_eq(bootmem_alloc(0x1000, 4 * GiB), 0x100000);  /* the hole before */
    ck_assert_uint_eq(bootmem_alloc(0x1000, 4 * GiB), 0x104000);
}
END_TEST

START_TEST(alloc_rounds_size_up_to_pages)
{
    bootmem_add_ram(0x100000, 0x200000);
    ck_assert_uint_eq(bootmem_alloc(1, 4 * GiB), 0x100000);
    ck_assert_uint_eq(bootmem_alloc(0x1001, 4 * GiB), 0x101000);
    ck_assert_uint_eq(bootmem_alloc(1, 4 * GiB), 0x103000);
}
END_TEST

START_TEST(alloc_reserves_what_it_returns)
{
    bootmem_add_ram(0x100000, 0x110000);
    ck_assert_uint_eq(bootmem_alloc(0x4000, 4 * GiB), 0x100000);
    EXPECT_FREE({ 0x104000, 0x110000 });
}
END_TEST

START_TEST(alloc_moves_on_to_a_range_that_fits)
{
    bootmem_add_ram(0x100000, 0x102000);
    bootmem_add_ram(0x200000, 0x300000);
    ck_assert_uint_eq(bootmem_alloc(0x4000, 4 * GiB), 0x200000);
}
END_TEST

START_TEST(alloc_stays_below_limit)
{
    bootmem_add_ram(0x100000, 0x400000);
    bootmem_add_ram(4 * GiB, 5 * GiB);
    ck_assert_uint_eq(bootmem_alloc(0x100000, 0x180000), 0);
    ck_assert_uint_eq(bootmem_alloc(0x80000, 0x180000), 0x100000);   /* ends at the limit */
    ck_assert_uint_eq(bootmem_alloc(0x1000, 0x180000), 0);
    ck_assert_uint_eq(bootmem_alloc(0x400000, 4 * GiB), 0);
    ck_assert_uint_eq(bootmem_alloc(0x400000, 6 * GiB), 4 * GiB);
}
END_TEST

START_TEST(alloc_fails_with_0_and_reserves_nothing)
{
    ck_assert_uint_eq(bootmem_alloc(0x1000, 4 * GiB), 0);      /* no RAM */
    bootmem_add_ram(0x100000, 0x104000);
    ck_assert_uint_eq(bootmem_alloc(0x5000, 4 * GiB), 0);
    EXPECT_FREE({ 0x100000, 0x104000 });
}
END_TEST

START_TEST(unreserve_removes_only_that_reservation)
{
    bootmem_add_ram(0x100000, 0x200000);
    bootmem_reserve(0x110000, 0x120000);
    bootmem_reserve(0x150001, 0x15F000);           /* widened to 0x150000 */
    ck_assert_int_eq(bootmem_unreserve(0x110000, 0x11F000), -1);  /* not that one */
    ck_assert_int_eq(bootmem_unreserve(0x150001, 0x15F000), 0);
    ck_assert_int_eq(bootmem_unreserve(0x150001, 0x15F000), -1);  /* already gone */
    EXPECT_FREE({ 0x100000, 0x110000 }, { 0x120000, 0x200000 });
}
END_TEST

START_TEST(largest_free_piece_below_a_limit)
{
    bootmem_add_ram(0x100000, 0x800000);
    bootmem_add_ram(4 * GiB, 5 * GiB);
    bootmem_reserve(0x200000, 0x300000);
    ck_assert_uint_eq(bootmem_largest_free(6 * GiB), 1 * GiB);
    ck_assert_uint_eq(bootmem_largest_free(4 * GiB), 0x500000);
    ck_assert_uint_eq(bootmem_largest_free(0x280000), 0x100000);   /* clipped */
    ck_assert_uint_eq(bootmem_largest_free(0x180000), 0x80000);
    ck_assert_uint_eq(bootmem_largest_free(0x100000), 0);
    bootmem_reserve(0x100000, 0x800000);
    ck_assert_uint_eq(bootmem_largest_free(4 * GiB), 0);
}
END_TEST

/* What largest_free promises: allocations adding up to it all succeed. */
START_TEST(allocations_up_to_largest_free_succeed)
{
    bootmem_add_ram(0x100000, 0x110000);
    bootmem_reserve(0x103000, 0x104000);           /* pieces of 3 and 12 pages */
    ck_assert_uint_eq(bootmem_largest_free(4 * GiB), 0xC000);
    ck_assert_uint_eq(bootmem_alloc(0x2000, 4 * GiB), 0x100000);  /* the small piece */
    ck_assert_uint_eq(bootmem_alloc(0x6000, 4 * GiB), 0x104000);
    ck_assert_uint_eq(bootmem_alloc(0x1000, 4 * GiB), 0x102000);  /* the small one again */
    ck_assert_uint_eq(bootmem_alloc(0x5001, 4 * GiB), 0x10A000);  /* 6 pages: 12 in the big one */
    ck_assert_uint_eq(bootmem_largest_free(4 * GiB), 0);
}
END_TEST

START_TEST(range_tables_are_bounded)
{
    for (unsigned i = 0; i < BOOTMEM_MAX_RANGES; i++) {
        ck_assert_int_eq(bootmem_add_ram(i * 0x100000ULL, i * 0x100000ULL + 0x10000), 0);
        ck_assert_int_eq(bootmem_reserve(i * 0x100000ULL, i * 0x100000ULL + 0x1000), 0);
    }
    ck_assert_int_eq(bootmem_add_ram(64 * 0x100000ULL, 65 * 0x100000ULL), -1);
    ck_assert_int_eq(bootmem_reserve(0x2000, 0x3000), -1);
    ck_assert_uint_eq(bootmem_alloc(0x1000, 4 * GiB), 0);      /* cannot record it */
    ck_assert_uint_eq(bootmem_ram_top(), 31 * 0x100000ULL + 0x10000);
}
END_TEST

Suite *bootmem_suite(void)
{
    Suite *s = suite_create("bootmem");
    TCase *tc = tcase_create("ranges");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, ram_is_trimmed_inward_to_pages);
    tcase_add_test(tc, ram_less_than_a_page_is_dropped);
    tcase_add_test(tc, reservation_is_widened_outward_to_pages);
    tcase_add_test(tc, free_ranges_are_cut_around_reservations);
    tcase_add_test(tc, reservation_can_cover_a_whole_range);
    tcase_add_test(tc, ram_top_is_the_highest_end);
    tcase_add_test(tc, alloc_is_first_fit_around_reservations);
    tcase_add_test(tc, alloc_rounds_size_up_to_pages);
    tcase_add_test(tc, alloc_reserves_what_it_returns);
    tcase_add_test(tc, alloc_moves_on_to_a_range_that_fits);
    tcase_add_test(tc, alloc_stays_below_limit);
    tcase_add_test(tc, alloc_fails_with_0_and_reserves_nothing);
    tcase_add_test(tc, unreserve_removes_only_that_reservation);
    tcase_add_test(tc, largest_free_piece_below_a_limit);
    tcase_add_test(tc, allocations_up_to_largest_free_succeed);
    tcase_add_test(tc, range_tables_are_bounded);
    suite_add_tcase(s, tc);
    return s;
}
