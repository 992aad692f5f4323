/*
 * test_layout.c - domain_layout(): where the p2m list, start_info, the
 * bootstrap page tables and the boot stack go, and what is refused.
 */
#include <string.h>
#include "unit.h"
#include "layout.h"

#define KB 1024U
#define MB (1024U * KB)
#define PAGES(bytes) ((bytes) / 4096U)
#define KERNEL_SIZE 0x7160U

static struct domain_layout l;
static char err[128];

static struct guest_image image(vaddr_t virt_base, vaddr_t kstart, vaddr_t kend, vaddr_t hc)
{
    return (struct guest_image){ .virt_base = virt_base, .kstart = kstart, .kend = kend,
                                 .entry = kstart, .hypercall_page = hc };
}

static int layout(const struct guest_image *gi, uint32_t nr_pages)
{
    memset(err, 0, sizeof(err));
    return domain_layout(gi, nr_pages, &l, err, sizeof(err));
}

/* The order and alignment every accepted layout must have. */
static void check_layout_shape(const struct guest_image *gi, uint32_t nr_pages)
{
    vaddr_t steps[] = { l.p2m, l.start_info, l.pt, l.stack, l.boot_end };

    for (size_t i = 0; i < ARRAY_SIZE(steps); i++)
        ck_assert_msg(steps[i] % 4096 == 0, "boot element %zu at %#x is unaligned", i, steps[i]);
    ck_assert_uint_eq(l.virt_base, gi->virt_base);
    ck_assert_uint_eq(l.mem_end, gi->virt_base + nr_pages * 4096U);
    ck_assert_uint_ge(l.p2m, gi->kend);
    ck_assert_uint_lt(l.p2m - gi->kend, 4096);
    ck_assert_uint_ge(l.p2m_pages * 1024U, nr_pages);     /* 4-byte entries */
    ck_assert_uint_eq(l.start_info, l.p2m + l.p2m_pages * 4096U);
    ck_assert_uint_eq(l.pt, l.start_info + 4096);
    ck_assert_uint_eq(l.nr_pt_frames, 1 + l.nr_l2 + l.nr_l1);
    ck_assert_uint_eq(l.stack, l.pt + l.nr_pt_frames * 4096U);
    ck_assert_uint_eq(l.boot_end, l.stack + 4096);
    ck_assert_uint_le((uint64_t)l.boot_end + BOOT_PADDING, l.mem_end);
    ck_assert_uint_eq(l.l2_slot[l.nr_l2 - 1], 3);
}

START_TEST(lays_out_a_16mib_linux_style_domain)
{
    struct guest_image gi = image(0xC0000000, 0xC0000000, 0xC0000000 + KERNEL_SIZE, 0xC0001000);

    ck_assert_msg(layout(&gi, PAGES(16 * MB)) == 0, "refused: %s", err);
    check_layout_shape(&gi, PAGES(16 * MB));
    ck_assert_uint_eq(l.nr_pages, 4096);
    ck_assert_uint_eq(l.mem_end, 0xC1000000);
    ck_assert_uint_eq(l.p2m, 0xC0008000);
    ck_assert_uint_eq(l.p2m_pages, 4);
    ck_assert_uint_eq(l.start_info, 0xC000C000);
    ck_assert_uint_eq(l.pt, 0xC000D000);
    ck_assert_uint_eq(l.nr_l2, 1);
    ck_assert_uint_eq(l.l2_slot[0], 3);
    ck_assert_uint_eq(l.first_l2e, 0xC0000000U >> 21);
    ck_assert_uint_eq(l.nr_l1, 8);
    ck_assert_uint_eq(l.nr_pt_frames, 10);
    ck_assert_uint_eq(l.stack, 0xC0017000);
    ck_assert_uint_eq(l.boot_end, 0xC0018000);
}
END_TEST

/* Page-table counts: L2s for the L3 slots spanned plus slot 3, L1s per 2 MiB. */
static const struct {
    vaddr_t virt_base;
    uint32_t pages, nr_l2, slots[4], first_l2e, nr_l1;
} tables[] = {
    { 0xC0000000, PAGES(16 * MB), 1, { 3 }, 0x600, 8 },
    { 0x00000000, PAGES(16 * MB), 2, { 0, 3 }, 0, 8 },
    { 0xBFE00000, PAGES(16 * MB), 2, { 2, 3 }, 0x5FF, 8 },     /* straddles slots 2|3 */
    { 0xC0001000, PAGES(16 * MB), 1, { 3 }, 0x600, 9 },        /* not 2 MiB aligned */
    { 0x40000000, PAGES(1024 * MB), 2, { 1, 3 }, 0x200, 512 },
    { 0x20000000, PAGES(1024 * MB), 3, { 0, 1, 3 }, 0x100, 512 },
    { 0xC0000000, PAGES(1 * MB), 1, { 3 }, 0x600, 1 },
};

START_TEST(counts_bootstrap_page_tables)
{
    vaddr_t vb = tables[_i].virt_base;
    struct guest_image gi = image(vb, vb, vb + KERNEL_SIZE, ELF_ADDR_UNSET);

    ck_assert_msg(layout(&gi, tables[_i].pages) == 0, "refused: %s", err);
    check_layout_shape(&gi, tables[_i].pages);
    ck_assert_uint_eq(l.nr_l2, tables[_i].nr_l2);
    for (uint32_t i = 0; i < l.nr_l2; i++)
        ck_assert_uint_eq(l.l2_slot[i], tables[_i].slots[i]);
    ck_assert_uint_eq(l.first_l2e, tables[_i].first_l2e);
    ck_assert_uint_eq(l.nr_l1, tables[_i].nr_l1);
    ck_assert_uint_eq(l.nr_pt_frames, 1 + tables[_i].nr_l2 + tables[_i].nr_l1);
}
END_TEST

START_TEST(accepts_the_limits)
{
    struct guest_image gi = image(0xC0000000, 0xC0000000, 0xC0000000 + KERNEL_SIZE, 0xC0000000);
    uint32_t max_pages = PAGES(0xF5800000U - 0xC0000000U);

    ck_assert_msg(layout(&gi, max_pages) == 0, "memory up to the hole refused: %s", err);
    ck_assert_uint_eq(l.mem_end, 0xF5800000U);
    /* Smallest memory: boot region 0xC000E000 plus 512 KiB of padding. */
    ck_assert_msg(layout(&gi, 142) == 0, "142 pages refused: %s", err);
    ck_assert_uint_eq(l.boot_end + BOOT_PADDING, l.mem_end);
}
END_TEST

static const struct {
    const char *what;
    vaddr_t virt_base, kstart, kend, hc;
    uint32_t pages;
    const char *reason;
} refusals[] = {
    { "unaligned VIRT_BASE", 0xC0000800, 0xC0000800, 0xC0008000, ELF_ADDR_UNSET,
      PAGES(16 * MB), "page-aligned" },
    { "no memory", 0xC0000000, 0xC0000000, 0xC0007160, ELF_ADDR_UNSET, 0, "hypervisor hole" },
    { "memory into the hole", 0xF0000000, 0xF0000000, 0xF0007160, ELF_ADDR_UNSET,
      PAGES(128 * MB), "hypervisor hole" },
    { "one page into the hole", 0xC0000000, 0xC0000000, 0xC0007160, ELF_ADDR_UNSET,
      PAGES(0xF5800000U - 0xC0000000U) + 1, "hypervisor hole" },
    { "4 GiB of memory", 0xC0000000, 0xC0000000, 0xC0007160, ELF_ADDR_UNSET,
      0x100000, "hypervisor hole" },
    { "image below VIRT_BASE", 0xC0000000, 0xBFFFF000, 0xC0007160, ELF_ADDR_UNSET,
      PAGES(16 * MB), "outside the domain's memory" },
    { "image past the memory", 0xC0000000, 0xC0000000, 0xC1000001, ELF_ADDR_UNSET,
      PAGES(16 * MB), "outside the domain's memory" },
    { "unaligned hypercall page", 0xC0000000, 0xC0000000, 0xC0007160, 0xC0001004,
      PAGES(16 * MB), "HYPERCALL_PAGE" },
    { "hypercall page after image", 0xC0000000, 0xC0000000, 0xC0007160, 0xC0008000,
      PAGES(16 * MB), "HYPERCALL_PAGE" },
    { "hypercall page before image", 0xC0000000, 0xC0001000, 0xC0007160, 0xC0000000,
      PAGES(16 * MB), "HYPERCALL_PAGE" },
    { "512 KiB of memory", 0xC0000000, 0xC0000000, 0xC0007160, ELF_ADDR_UNSET,
      PAGES(512 * KB), "too small" },
    { "one page short of padding", 0xC0000000, 0xC0000000, 0xC0007160, ELF_ADDR_UNSET,
      141, "too small" },
    { "image fills the memory", 0xC0000000, 0xC0000000, 0xC1000000, ELF_ADDR_UNSET,
      PAGES(16 * MB), "too small" },
};

START_TEST(refuses_bad_layouts)
{
    struct guest_image gi = image(refusals[_i].virt_base, refusals[_i].kstart,
                                  refusals[_i].kend, refusals[_i].hc);

    ck_assert_msg(layout(&gi, refusals[_i].pages) == -1, "%s: accepted", refusals[_i].what);
    ck_assert_msg(strstr(err, refusals[_i].reason) != NULL, "%s: error \"%s\" does not say \"%s\"",
                  refusals[_i].what, err, refusals[_i].reason);
}
END_TEST

Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("domain_layout");

    tcase_add_test(tc, lays_out_a_16mib_linux_style_domain);
    tcase_add_loop_test(tc, counts_bootstrap_page_tables, 0, ARRAY_SIZE(tables));
    tcase_add_test(tc, accepts_the_limits);
    tcase_add_loop_test(tc, refuses_bad_layouts, 0, ARRAY_SIZE(refusals));
    suite_add_tcase(s, tc);
    return s;
}
