/*
 * test_vsnprintf.c - the hypervisor's vsnprintf against the host's: the
 * same text and the same return value for each format, and the same bytes
 * written when the buffer is too small.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include "unit.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void same_as_host(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void same_as_host(const char *fmt, ...)
{
    char want[256], got[256];
    va_list ap, aq;
    int wn, gn;

    va_start(ap, fmt);
    va_copy(aq, ap);
    wn = vsnprintf(want, sizeof(want), fmt, ap);
    gn = rl_vsnprintf(got, sizeof(got), fmt, aq);
    va_end(aq);
    va_end(ap);
    ck_assert_msg(wn == gn && strcmp(want, got) == 0,
                  "format \"%s\": host \"%s\" (%d), ours \"%s\" (%d)", fmt, want, wn, got, gn);
}

/* ---- one argument per row, formats the compiler need not vet ---- */

static const struct { const char *fmt; int v; } ints[] = {
    { "%d", 0 }, { "%d", 42 }, { "%d", -42 }, { "%i", 123 }, { "%d", INT_MAX },
    { "%d", INT_MIN }, { "%5d|", 42 }, { "%-5d|", 42 }, { "%05d", 42 }, { "%05d", -42 },
    { "%-05d|", 42 }, { "%+d", 42 }, { "%+d", 0 }, { "%+d", -1 }, { "% d", 42 },
    { "% d", -42 }, { "%+ d", 7 }, { "% 5d|", 7 }, { "%+05d", 7 }, { "%.3d", 7 },
    { "%.3d", -7 }, { "%8.3d|", -7 }, { "%-8.3d|", 7 }, { "%08.3d", 7 }, { "%.0d|", 0 },
    { "%5.0d|", 0 }, { "%+.0d|", 0 }, { "%.0d", 3 }, { "%c", 'A' }, { "%3c|", 'A' },
    { "%-3c|", 'A' }, { "%%%d%%", 5 }, { "x%dy", 1 }, { "%12i|", INT_MIN },
};

static const struct { const char *fmt; unsigned v; } uints[] = {
    { "%u", 0 }, { "%u", UINT_MAX }, { "%x", 0xdeadbeef }, { "%X", 0xdeadbeef },
    { "%x", 0 }, { "%o", 8 }, { "%o", 0 }, { "%o", UINT_MAX }, { "%#o", 8 }, { "%#o", 0 },
    { "%#.0o", 0 }, { "%#x", 255 }, { "%#X", 255 }, { "%#08x", 255 }, { "%#8x|", 255 },
    { "%-#8x|", 255 }, { "%08X", 0xabc }, { "%.6x", 0x1f }, { "%#.6x", 0x1f },
    { "%.0x|", 0 }, { "%+u", 5 }, { "% u", 5 }, { "%10u|", 123 }, { "%-10u|", 123 },
    { "%#5o|", 8 }, { "%#x|", 0 }, { "%#X|", 0 }, { "%#.0x|", 0 }, { "%#5x|", 0 },
};

static const struct { const char *fmt; long long v; } llongs[] = {
    { "%lld", 0 }, { "%lld", LLONG_MAX }, { "%lld", LLONG_MIN }, { "%lli", -1 },
    { "%25lld|", LLONG_MIN }, { "%-25lld|", 12 }, { "%+lld", 9 }, { "%.25lld", 1 },
    { "%030lld", LLONG_MIN },
};

static const struct { const char *fmt; unsigned long long v; } ullongs[] = {
    { "%llu", ULLONG_MAX }, { "%llx", ULLONG_MAX }, { "%llX", 0x0123456789ABCDEFULL },
    { "%llo", ULLONG_MAX }, { "%#llo", ULLONG_MAX }, { "%#llx", 1 }, { "%024llx", 0xabc },
};

static const struct { const char *fmt; const char *v; } strs[] = {
    { "%s", "hello" }, { "%s|", "" }, { "%10s|", "hello" }, { "%-10s|", "hello" },
    { "%.3s", "hello" }, { "%10.3s|", "hello" }, { "%-10.3s|", "hello" }, { "%.0s|", "hello" },
    { "%.10s", "hi" }, { "[%s]", "with spaces" }, { "%2s", "longer" },
};

START_TEST(int_formats_match_host) { same_as_host(ints[_i].fmt, ints[_i].v); }
END_TEST
START_TEST(unsigned_formats_match_host) { same_as_host(uints[_i].fmt, uints[_i].v); }
END_TEST
START_TEST(long_long_formats_match_host) { same_as_host(llongs[_i].fmt, llongs[_i].v); }
END_TEST
START_TEST(unsigned_long_long_formats_match_host) { same_as_host(ullongs[_i].fmt, ullongs[_i].v); }
END_TEST
START_TEST(string_formats_match_host) { same_as_host(strs[_i].fmt, strs[_i].v); }
END_TEST

/* ---- several arguments ---- */

START_TEST(star_width_and_precision_match_host)
{
    same_as_host("%*d|%-*d|%*d|", 6, 42, 6, 42, -6, 42);
    same_as_host("%.*d|%.*s|%.*d|", 4, 7, 2, "abcdef", -1, 9);
    same_as_host("%*.*x|%0*d|%-*s|", 8, 4, 0xab, 5, -42, 4, "ab");
}
END_TEST

START_TEST(length_modifiers_match_host)
{
    same_as_host("%hd %hu %hhd %hhu", (short)-5, (unsigned short)65535, (signed char)-5,
                 (unsigned char)255);
    same_as_host("%ld %ld %lu %lx %li", LONG_MIN, LONG_MAX, ULONG_MAX, ULONG_MAX, -3L);
    same_as_host("%zu %zx %zd %zu", SIZE_MAX, (size_t)0x1234, (ssize_t)-5, sizeof(long));
}
END_TEST

START_TEST(pointers_and_mixtures_match_host)
{
    int local;

    same_as_host("%p", (void *)0x1234);
    same_as_host("%p|%20p|%-20p|", (void *)&local, (void *)&local, (void *)&local);
    same_as_host("%s=%d (%#x) %c%% %u", "x", 10, 10, 'z', 3U);
    same_as_host("plain text, no conversions");
}
END_TEST

START_TEST(null_string_prints_null)
{
    const char *volatile nul = NULL;
    char buf[32];

    ck_assert_int_eq(rl_snprintf(buf, sizeof(buf), "%s|%8s|", nul, nul), 16);
    ck_assert_str_eq(buf, "(null)|  (null)|");
}
END_TEST

/* ---- small buffers ---- */

START_TEST(truncates_like_host)
{
    char want[48], got[48];

    for (size_t size = 0; size <= 40; size++) {
        memset(want, 0xAA, sizeof(want));
        memset(got, 0xAA, sizeof(got));
        int wn = snprintf(want, size, "%s|%5d|%-4x|%c|%lld", "abc", -12, 0xfe, 'q', LLONG_MIN);
        int gn = rl_snprintf(got, size, "%s|%5d|%-4x|%c|%lld", "abc", -12, 0xfe, 'q', LLONG_MIN);
        ck_assert_int_eq(gn, wn);
        ck_assert_msg(memcmp(want, got, sizeof(want)) == 0, "size %zu: host \"%.*s\", ours \"%.*s\"",
                      size, (int)size, want, (int)size, got);
    }
}
END_TEST

START_TEST(size_0_writes_nothing_and_returns_full_length)
{
    char buf[4] = "xyz";

    ck_assert_int_eq(rl_snprintf(NULL, 0, "%d-%s", 12345, "abc"), 9);
    ck_assert_int_eq(rl_snprintf(buf, 0, "%d", 12345), 5);
    ck_assert_str_eq(buf, "xyz");
    ck_assert_int_eq(rl_snprintf(buf, 1, "%d", 12345), 5);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(rl_snprintf(buf, sizeof(buf), "%300d", 1), 300);
    ck_assert_str_eq(buf, "   ");
}
END_TEST

/* ---- regressions: corner cases where ours once differed from C99 ---- */

/* '#' with o adds no "0" when the precision's zeros already start the number. */
START_TEST(alt_octal_with_precision)
{
    same_as_host("%#.3o", 8U);
}
END_TEST

/* h and hh convert the promoted argument to short/char before printing. */
START_TEST(h_and_hh_narrow_the_argument)
{
    same_as_host("%hhx %hx %hhd %hu", (unsigned)-1, (unsigned)-1, 300, 70000U);
}
END_TEST

/* %c of '\0' writes the NUL and counts it. */
START_TEST(c_of_nul_writes_one_char)
{
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    ck_assert_msg(rl_snprintf(buf, sizeof(buf), "a%cb", '\0') == 3,
                  "\"a%%cb\" with '\\0' returned %d, not 3",
                  rl_snprintf(buf, sizeof(buf), "a%cb", '\0'));
    ck_assert(buf[0] == 'a' && buf[1] == '\0' && buf[2] == 'b');
}
END_TEST

Suite *vsnprintf_suite(void)
{
    Suite *s = suite_create("vsnprintf");
    TCase *tc = tcase_create("formats");
    TCase *regressions = tcase_create("regressions");

    tcase_add_loop_test(tc, int_formats_match_host, 0, ARRAY_SIZE(ints));
    tcase_add_loop_test(tc, unsigned_formats_match_host, 0, ARRAY_SIZE(uints));
    tcase_add_loop_test(tc, long_long_formats_match_host, 0, ARRAY_SIZE(llongs));
    tcase_add_loop_test(tc, unsigned_long_long_formats_match_host, 0, ARRAY_SIZE(ullongs));
    tcase_add_loop_test(tc, string_formats_match_host, 0, ARRAY_SIZE(strs));
    tcase_add_test(tc, star_width_and_precision_match_host);
    tcase_add_test(tc, length_modifiers_match_host);
    tcase_add_test(tc, pointers_and_mixtures_match_host);
    tcase_add_test(tc, null_string_prints_null);
    tcase_add_test(tc, truncates_like_host);
    tcase_add_test(tc, size_0_writes_nothing_and_returns_full_length);
    suite_add_tcase(s, tc);

    tcase_add_test(regressions, alt_octal_with_precision);
    tcase_add_test(regressions, h_and_hh_narrow_the_argument);
    tcase_add_test(regressions, c_of_nul_writes_one_char);
    suite_add_tcase(s, regressions);
    return s;
}
