/*
 * test_guest_descriptor.c - descriptor_check(): the rules for the descriptors a
 * guest puts in its own GDT (hypervisor/common/descriptor.c).
 */
#include <stdint.h>
#include "unit.h"
#include "guest_descriptor.h"
#include "../../hypercall-abi/arch-x86_32.h"

/* Descriptor words from base, limit field and attribute bits (high word). */
#define DLO(base, limit) ((uint32_t)(base) << 16 | ((limit) & 0xFFFFU))
#define DHI(base, limit, attr) \
    ((((uint32_t)(base) >> 16) & 0xFF) | ((uint32_t)(base) & 0xFF000000U) | \
     ((limit) & 0xF0000U) | (attr))

#define P      (1U << 15)
#define S      (1U << 12)
#define G      (1U << 23)
#define DB     (1U << 22)
#define DPL(n) ((uint32_t)(n) << 13)
#define CODE   (0xAU << 8)
#define DATA   (0x2U << 8)
#define DOWN   (0x6U << 8)          /* data, expand-down, writable */
#define ACC    (1U << 8)

struct desc_case {
    const char *what;
    uint32_t lo, hi;
    bool ok;
    uint32_t want_lo, want_hi;      /* after the check, when ok */
};

static const struct desc_case cases[] = {
    { "not present: anything goes", 0x12345678, 0xFFFF7FFF, true, 0x12345678, 0xFFFF7FFF },
    { "ring-1 data, small", DLO(0, 0xFFFF),
      DHI(0, 0xFFFF, P | S | DATA | DPL(1) | DB), true,
      DLO(0, 0xFFFF),
      DHI(0, 0xFFFF, P | S | DATA | DPL(1) | DB | ACC) },
    { "DPL 0 code becomes DPL 1", DLO(0, 0xFFFF),
      DHI(0, 0xFFFF, P | S | CODE | DB), true,
      DLO(0, 0xFFFF),
      DHI(0, 0xFFFF, P | S | CODE | DB | DPL(1) | ACC) },
    { "4 GiB is cut back to the hole", DLO(0, 0xFFFFF),
      DHI(0, 0xFFFFF, P | S | DATA | DPL(3) | G | DB), true,
      DLO(0, 0xF67FF),
      DHI(0, 0xF67FF, P | S | DATA | DPL(3) | G | DB | ACC) },
    { "based in the hypervisor", DLO(GUEST_SEGMENT_MAX_ADDR, 0),
      DHI(GUEST_SEGMENT_MAX_ADDR, 0, P | S | DATA | DPL(1)), false, 0, 0 },
    { "page-granular, less than a page below the hole",
      DLO(0xF67FF800U, 0), DHI(0xF67FF800U, 0, P | S | DATA | DPL(1) | G), false, 0, 0 },
    { "byte-granular, reaching the hole", DLO(0xF67FF000U, 0xFFFFF),
      DHI(0xF67FF000U, 0xFFFFF, P | S | DATA | DPL(1)), false, 0, 0 },
    { "expand-down", DLO(0, 0x10),
      DHI(0, 0x10, P | S | DOWN | DPL(1)), false, 0, 0 },
    { "a TSS", DLO(0x1000, 0x67),
      DHI(0x1000, 0x67, P | (0x9U << 8) | DPL(1)), false, 0, 0 },
    { "a call gate", 0x00081000, P | (0xCU << 8) | DPL(3), false, 0, 0 },
};

START_TEST(descriptor_rules)
{
    const struct desc_case *c = &cases[_i];
    uint32_t lo = c->lo, hi = c->hi;

    ck_assert_msg(descriptor_check(&lo, &hi) == c->ok, "%s: wrong verdict", c->what);
    if (c->ok)
        ck_assert_msg(lo == c->want_lo && hi == c->want_hi, "%s: got %#x:%#x, expected %#x:%#x",
                      c->what, hi, lo, c->want_hi, c->want_lo);
}
END_TEST

/* The cut-back segment ends exactly at the last byte below the hole. */
START_TEST(cut_back_segment_ends_below_the_hole)
{
    struct desc_case c = { "", DLO(0x10000, 0xFFFFF),
                           DHI(0x10000, 0xFFFFF, P | S | CODE | DPL(1) | G | DB), true, 0, 0 };
    uint32_t limit;

    ck_assert(descriptor_check(&c.lo, &c.hi));
    limit = (c.lo & 0xFFFF) | (c.hi & 0xF0000);
    ck_assert_uint_eq(0x10000 + (uint64_t)limit * 4096 + 4095, GUEST_SEGMENT_MAX_ADDR - 1);
}
END_TEST

Suite *descriptor_suite(void)
{
    Suite *s = suite_create("descriptor");
    TCase *tc = tcase_create("rules");

    tcase_add_loop_test(tc, descriptor_rules, 0, sizeof(cases) / sizeof(cases[0]));
    tcase_add_test(tc, cut_back_segment_ends_below_the_hole);
    suite_add_tcase(s, tc);
    return s;
}
