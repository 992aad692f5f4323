/*
 * mm_fixture.c - the fixture and helpers of the mm.c suites (see
 * mm_fixture.h), over fake machine memory (fake_mm_env.c) and the real
 * frame table (frame.c).
 */
#include <stdlib.h>
#include <string.h>
#include "mm_fixture.h"

#define DIRECTMAP_FRAMES 64

struct frame_info *mm_frames;
struct domain d, other;

static void setup(void)
{
    fake_mm_reset();
    mm_frames = calloc(FAKE_NR_FRAMES, sizeof(*mm_frames));  /* exact size: ASan sees overruns */
    ck_assert_ptr_nonnull(mm_frames);
    frames_init(mm_frames, FAKE_NR_FRAMES, DIRECTMAP_FRAMES);
    frames_release(_mfn(0), _mfn(FAKE_NR_FRAMES));
    memset(&d, 0, sizeof(d));
    memset(&other, 0, sizeof(other));
    d.id = 1;
    other.id = 2;
}

static void teardown(void)
{
    ck_assert_msg(fake_maps_open == 0, "%d map_domain_page() mappings left open",
                  fake_maps_open);
    free(mm_frames);
}

TCase *mm_tcase(Suite *s, const char *name)
{
    TCase *tc = tcase_create(name);

    tcase_add_checked_fixture(tc, setup, teardown);
    suite_add_tcase(s, tc);
    return tc;
}

mfn_t alloc_for(const struct domain *owner)
{
    mfn_t m = frame_alloc(ZONE_ANY, owner->id);

    ck_assert_msg(!mfn_eq(m, INVALID_MFN), "out of fake frames");
    mfn_to_frame(m)->count_info = 1;
    memset(fake_page(m), 0, PAGE_SIZE);
    return m;
}

mfn_t alloc_page(void)
{
    return alloc_for(&d);
}

mfn_t free_frame(void)
{
    mfn_t m = frame_alloc(ZONE_ANY, d.id);

    ck_assert_int_eq(frame_free(m), 0);
    ck_assert_uint_eq(mfn_to_frame(m)->state, FRAME_FREE);
    return m;
}

pte_t pte(mfn_t target, pte_t flags)
{
    return mfn_to_maddr(target) | flags;
}

void set_entry(mfn_t t, unsigned i, pte_t e)
{
    fake_page(t)[i] = e;
}

pte_t get_entry(mfn_t t, unsigned i)
{
    return fake_page(t)[i];
}

/*
 * A copy of the frame table and of machine memory, to check "unchanged".
 * The type of a frame with type count 0 does not matter (any type may be
 * taken then), so only counts, flags and the type of a frame in use count.
 */
static bool same_type_state(uint32_t a, uint32_t b)
{
    if ((a & ~FT_MASK) != (b & ~FT_MASK))
        return false;
    return (a & FT_COUNT_MASK) == 0 || (a & FT_MASK) == (b & FT_MASK);
}

static struct frame_info snap_table[FAKE_NR_FRAMES];
static pte_t snap_memory[FAKE_NR_FRAMES][L1_ENTRIES];

void snapshot(void)
{
    memcpy(snap_table, mm_frames, sizeof(snap_table));
    for (uint32_t m = 0; m < FAKE_NR_FRAMES; m++)
        memcpy(snap_memory[m], fake_page(_mfn(m)), PAGE_SIZE);
}

void assert_unchanged(void)
{
    for (uint32_t m = 0; m < FAKE_NR_FRAMES; m++) {
        const struct frame_info *a = &snap_table[m], *b = &mm_frames[m];

        ck_assert_msg(a->count_info == b->count_info &&
                      same_type_state(a->type_info, b->type_info) &&
                      a->owner == b->owner && a->state == b->state,
                      "mfn %#x changed: count_info %u -> %u, type_info %#x -> %#x", m,
                      a->count_info, b->count_info, a->type_info, b->type_info);
        ck_assert_msg(!memcmp(snap_memory[m], fake_page(_mfn(m)), PAGE_SIZE),
                      "mfn %#x: contents changed", m);
    }
}

void assert_hv_slots_filled(mfn_t l2)
{
    for (unsigned i = HV_SLOT; i < L2_ENTRIES; i++)
        ck_assert_msg(get_entry(l2, i) == FAKE_HV_L2E(i),
                      "mfn %#x slot %u: %#llx, not the hypervisor's entry",
                      mfn_x(l2), i, (unsigned long long)get_entry(l2, i));
}

/* A fresh page of d's, pinned as `type` or holding one reference of it. */
static mfn_t page_in_use(uint32_t type, bool pinned)
{
    mfn_t m = alloc_page();

    ck_assert_int_eq(pinned ? pin_table(&d, m, type) : get_page_and_type(m, &d, type), 0);
    return m;
}

mfn_t make_target(enum target t, mfn_t self)
{
    mfn_t m;

    switch (t) {
    case T_DATA:
    case T_EMPTY_L2:
        return alloc_page();
    case T_FOREIGN:
        return alloc_for(&other);
    case T_FREE:
        return free_frame();
    case T_BEYOND:
        return _mfn(FAKE_NR_FRAMES);
    case T_FAR:
        return _mfn(0xFFFFFF);
    case T_SELF:
        return self;
    case T_L1_IN_USE:
        return page_in_use(FT_L1, true);
    case T_L2_IN_USE:
        return page_in_use(FT_L2, true);
    case T_L2_XEN_IN_USE:
        return page_in_use(FT_L2_XEN, false);
    case T_WRITABLE_IN_USE:
        return page_in_use(FT_WRITABLE, false);
    case T_SEG_DESC_IN_USE:
        return page_in_use(FT_SEG_DESC, false);
    case T_TYPE_FULL:
        m = alloc_page();
        mfn_to_frame(m)->count_info = 2;
        mfn_to_frame(m)->type_info = FT_WRITABLE | FT_COUNT_MASK;
        return m;
    case T_COUNT_FULL:
        m = alloc_page();
        mfn_to_frame(m)->count_info = UINT32_MAX;
        return m;
    case T_BAD_L1:
        m = alloc_page();
        set_entry(m, 9, pte(alloc_for(&other), PTE_P | PTE_RW));
        return m;
    }
    ck_abort_msg("bad target %d", t);
    return INVALID_MFN;
}

void assert_validation_refused(mfn_t table, uint32_t type, const struct bad_entry *c)
{
    snapshot();
    ck_assert_msg(get_page_and_type(table, &d, type) == c->rc, "%s: wrong error", c->name);
    assert_frame(table, 1, FT_NONE, 0, 0);
    assert_unchanged();
    ck_assert_msg(pin_table(&d, table, type) == c->rc, "%s: pin, wrong error", c->name);
    assert_unchanged();
}

struct l3 make_l3(unsigned l2_slots)
{
    struct l3 t = { .l3 = alloc_page(), .l2x = alloc_page() };

    for (unsigned i = 0; i < 3; i++) {
        t.l2[i] = INVALID_MFN;
        if (l2_slots & (1U << i)) {
            t.l2[i] = alloc_page();
            set_entry(t.l3, i, pte(t.l2[i], PTE_P));
        }
    }
    set_entry(t.l3, HV_L3_SLOT, pte(t.l2x, PTE_P));
    return t;
}
