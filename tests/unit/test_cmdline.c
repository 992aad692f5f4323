/*
 * test_cmdline.c - cmdline_parse_module(): the domain name, the guest's
 * command line and the mem= option; cmdline_flag(): the hypervisor's
 * switches.
 */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "cmdline.h"

static struct domain_options opt;
static char err[128];

static int parse(const char *line)
{
    memset(&opt, 0x5A, sizeof(opt));
    memset(err, 0, sizeof(err));
    return cmdline_parse_module(line, &opt, err, sizeof(err));
}

/* ---- name and guest command line ---- */

static const struct {
    const char *line, *name, *args;
} names[] = {
    { "/boot/guest.elf a b", "guest.elf", "a b" },
    { "guest.elf", "guest.elf", "" },
    { "  /boot/guest.elf   console=hvc0 x  ", "guest.elf", "console=hvc0 x  " },
    { "\t/a/b/c\targ", "c", "arg" },
    { "/boot/", "domain", "" },
    { "/boot/ quiet", "domain", "quiet" },
    { "", "domain", "" },
    { "/boot/a-very-long-guest-kernel-name-indeed.elf quiet",
      "a-very-long-guest-kernel-name-i", "quiet" },            /* 31 characters */
};

START_TEST(names_domain_and_splits_arguments)
{
    const char *line = names[_i].line;

    ck_assert_msg(parse(line) == 0, "\"%s\" rejected: %s", line, err);
    ck_assert_str_eq(opt.name, names[_i].name);
    ck_assert_str_eq(opt.guest_cmdline, names[_i].args);
    ck_assert_msg(opt.guest_cmdline >= line && opt.guest_cmdline <= line + strlen(line),
                  "guest_cmdline does not point into the line");
    ck_assert_uint_eq(opt.mem_bytes, DOMAIN_MEM_DEFAULT);
}
END_TEST

/* ---- mem= ---- */

static const struct {
    const char *args;
    uint32_t bytes;
} good_mem[] = {
    { "", 16U << 20 },
    { "console=hvc0", 16U << 20 },
    { "mem=32M", 32U << 20 },
    { "mem=32m", 32U << 20 },
    { "mem=65536k", 64U << 20 },
    { "mem=1024K", 1U << 20 },                 /* the minimum */
    { "mem=1048576", 1U << 20 },               /* plain bytes */
    { "mem=2101248", 2101248 },                /* 513 pages */
    { "mem=1G", 1U << 30 },                    /* the maximum */
    { "mem=1g", 1U << 30 },
    { "mem=1048576K", 1U << 30 },
    { "console=hvc0 mem=8M root=/dev/x", 8U << 20 },
    { "quiet\tmem=8M", 8U << 20 },
    { "mem=8M mem=64M", 64U << 20 },           /* the last one counts */
    { "xmem=4M", 16U << 20 },                  /* not mem= */
    { "a=mem=4M", 16U << 20 },
    { "memory=4M", 16U << 20 },
};

START_TEST(parses_mem_option)
{
    char line[128];

    snprintf(line, sizeof(line), "/boot/guest.elf %s", good_mem[_i].args);
    ck_assert_msg(parse(line) == 0, "\"%s\" rejected: %s", line, err);
    ck_assert_uint_eq(opt.mem_bytes, good_mem[_i].bytes);
    ck_assert_str_eq(opt.guest_cmdline, good_mem[_i].args);
}
END_TEST

/* Each bad value with the start of its reason: what is wrong with it. */
static const struct {
    const char *args, *why;
} bad_mem[] = {
    { "mem=abc", "mem=: 'abc' is not a size" },
    { "mem=", "mem=: '' is not a size" },
    { "mem= 16M", "mem=: '' is not a size" },
    { "mem=12Q", "mem=: '12Q' is not a size" },
    { "mem=16MB", "mem=: '16MB' is not a size" },
    { "mem=16M,", "mem=: '16M,' is not a size" },
    { "mem=-1M", "mem=: '-1M' is not a size" },
    { "mem=0x100000", "mem=: '0x100000' is not a size" },
    { "mem=1.5G", "mem=: '1.5G' is not a size" },
    { "mem=99999999999x", "mem=: '99999999999x' is not a size" },  /* malformed beats huge */
    { "mem=0", "mem=: '0' is too small (the least is 1 MiB)" },
    { "mem=0M", "mem=: '0M' is too small" },
    { "mem=1023K", "mem=: '1023K' is too small" },
    { "mem=1048575", "mem=: '1048575' is too small" },
    { "mem=1025M", "mem=: '1025M' is too large (the most is 1024 MiB)" },
    { "mem=2G", "mem=: '2G' is too large" },
    { "mem=4G", "mem=: '4G' is too large" },
    { "mem=4294967295", "mem=: '4294967295' is too large" },          /* 2^32 - 1 */
    { "mem=4294967296", "mem=: '4294967296' is too large (the most is 1024 MiB)" },
    { "mem=1048577K", "mem=: '1048577K' is too large" },
    { "mem=99999999999", "mem=: '99999999999' is too large" },
    { "mem=1099511627776", "mem=: '1099511627776' is too large" },   /* 2^40: saturated */
    { "mem=18446744073709551617", "mem=: '18446744073709551617' is too large" },  /* > 2^64 */
    { "mem=4294967296G", "mem=: '4294967296G' is too large" },       /* 2^62 bytes */
    { "mem=17179869184G", "mem=: '17179869184G' is too large" },     /* 2^64 bytes */
    { "mem=1048577", "mem=: 1048577 bytes is not a whole number of 4 KiB pages" },
    { "mem=1025K", "mem=: 1049600 bytes is not a whole number" },
    { "mem=4097K", "mem=: 4195328 bytes is not a whole number" },
    { "quiet mem=8M mem=bad", "mem=: 'bad' is not a size" },
};

START_TEST(rejects_bad_mem_option)
{
    char line[128];

    snprintf(line, sizeof(line), "/boot/guest.elf %s", bad_mem[_i].args);
    ck_assert_msg(parse(line) == -1, "\"%s\" accepted (mem %u)", line, opt.mem_bytes);
    ck_assert_msg(strncmp(err, bad_mem[_i].why, strlen(bad_mem[_i].why)) == 0,
                  "\"%s\": error \"%s\", expected \"%s...\"", line, err, bad_mem[_i].why);
}
END_TEST

START_TEST(mem_in_the_path_is_not_an_option)
{
    ck_assert_int_eq(parse("/boot/mem=4M"), 0);
    ck_assert_str_eq(opt.name, "mem=4M");
    ck_assert_uint_eq(opt.mem_bytes, DOMAIN_MEM_DEFAULT);
}
END_TEST

START_TEST(error_fits_a_small_buffer)
{
    char small[8];

    memset(small, 'x', sizeof(small));
    ck_assert_int_eq(cmdline_parse_module("g mem=abcdefghijklmnop", &opt, small, sizeof(small)), -1);
    ck_assert_uint_eq(strlen(small), sizeof(small) - 1);
}
END_TEST

/* ---- the hypervisor's switches: key=1 as a word of its own ---- */

static const struct {
    const char *line;
    bool set;
} flags[] = {
    { "bench=1", true },
    { "  console=com1 bench=1\tquiet ", true },
    { "bench=1 ", true },
    { "", false },
    { "bench", false },
    { "bench=0", false },
    { "bench=10", false },
    { "nobench=1", false },
    { "bench=1x", false },
    { "xbench=1 bench", false },
    { "bench=bench=1", false },
    { "bench=0 bench=1", true },
};

START_TEST(flag_is_a_whole_word)
{
    ck_assert_msg(cmdline_flag(flags[_i].line, "bench") == flags[_i].set,
                  "\"%s\": bench should be %s", flags[_i].line, flags[_i].set ? "on" : "off");
}
END_TEST

Suite *cmdline_suite(void)
{
    Suite *s = suite_create("cmdline");
    TCase *tc = tcase_create("module_line");
    TCase *hv = tcase_create("hypervisor_line");

    tcase_add_loop_test(tc, names_domain_and_splits_arguments, 0, ARRAY_SIZE(names));
    tcase_add_loop_test(tc, parses_mem_option, 0, ARRAY_SIZE(good_mem));
    tcase_add_loop_test(tc, rejects_bad_mem_option, 0, ARRAY_SIZE(bad_mem));
    tcase_add_test(tc, mem_in_the_path_is_not_an_option);
    tcase_add_test(tc, error_fits_a_small_buffer);
    suite_add_tcase(s, tc);
    tcase_add_loop_test(hv, flag_is_a_whole_word, 0, ARRAY_SIZE(flags));
    suite_add_tcase(s, hv);
    return s;
}
