/*
 * mm_fixture.h - what the suites for page types and reference counts
 * (hypervisor/common/mm.c, in test_mm_*.c) share: the fixture, frames in
 * known states, and checks of a frame's whole state.
 *
 * Every test starts from FAKE_NR_FRAMES free frames, domain `d` (id 1) and
 * a foreign domain `other` (id 2).  Frames are allocated the way
 * domain_build.c does: frame_alloc() and count_info = 1, the allocation
 * reference.  After each step the tests check a frame's whole state:
 * general count, type, type count, FT_VALIDATED and FT_PINNED.
 */
#ifndef MM_FIXTURE_H
#define MM_FIXTURE_H

#include "unit.h"
#include "mm.h"
#include "domain.h"
#include "fake_mm_env.h"
#include "../../hypercall-abi/xen.h"

#define HV_SLOT HV_FIRST_L2_SLOT            /* 428: first hypervisor slot */
#define LAST_GUEST_L2_SLOT (HV_FIRST_L2_SLOT - 1)

#define V  FT_VALIDATED
#define PN FT_PINNED

extern struct frame_info *mm_frames;        /* the frame table under test */
extern struct domain d, other;

/* A test case of suite s whose tests run in the fixture. */
TCase *mm_tcase(Suite *s, const char *name);

/* A zeroed frame of `owner` (alloc_page: of d), holding only its allocation
 * reference. */
mfn_t alloc_for(const struct domain *owner);
mfn_t alloc_page(void);
/* A frame the allocator holds (FRAME_FREE). */
mfn_t free_frame(void);

pte_t pte(mfn_t target, pte_t flags);
void set_entry(mfn_t t, unsigned i, pte_t e);
pte_t get_entry(mfn_t t, unsigned i);

/* The whole state of a frame: count, type, type count and flags. */
#define assert_frame(m, count, type, tcount, flags) do {                      \
        const struct frame_info *fi_ = mfn_to_frame(m);                       \
        ck_assert_msg(fi_->count_info == (uint32_t)(count),                   \
                      "mfn %#x: count_info %u, expected %u", mfn_x(m),        \
                      fi_->count_info, (uint32_t)(count));                    \
        ck_assert_msg(frame_type(fi_) == (uint32_t)(type),                    \
                      "mfn %#x: type %#x, expected %#x", mfn_x(m),            \
                      frame_type(fi_), (uint32_t)(type));                     \
        ck_assert_msg(frame_type_count(fi_) == (uint32_t)(tcount),            \
                      "mfn %#x: type count %u, expected %u", mfn_x(m),        \
                      frame_type_count(fi_), (uint32_t)(tcount));             \
        ck_assert_msg((fi_->type_info & (V | PN)) == (uint32_t)(flags),       \
                      "mfn %#x: flags %#x, expected %#x", mfn_x(m),           \
                      fi_->type_info & (V | PN), (uint32_t)(flags));          \
    } while (0)

/* Only the allocation reference, no type reference (type may be stale). */
#define assert_idle(m) do {                                                   \
        const struct frame_info *fi_ = mfn_to_frame(m);                       \
        ck_assert_msg(fi_->count_info == 1 && frame_type_count(fi_) == 0 &&   \
                      !(fi_->type_info & (V | PN)),                           \
                      "mfn %#x not idle: count_info %u type_info %#x",        \
                      mfn_x(m), fi_->count_info, fi_->type_info);             \
    } while (0)

/* Copy the frame table and machine memory; then check nothing changed. */
void snapshot(void);
void assert_unchanged(void);

void assert_hv_slots_filled(mfn_t l2);

/*
 * Targets of the table-driven "bad entry" tests: frames in a given state,
 * built before the snapshot.
 */
enum target {
    T_DATA,             /* own fresh page */
    T_FOREIGN,          /* other's page */
    T_FREE,             /* on the allocator's free list */
    T_BEYOND,           /* first mfn past the frame table */
    T_FAR,              /* the largest 36-bit mfn */
    T_SELF,             /* the table being validated or modified */
    T_L1_IN_USE,        /* a pinned L1 */
    T_L2_IN_USE,        /* a pinned L2 */
    T_L2_XEN_IN_USE,    /* an L2_XEN referenced once */
    T_WRITABLE_IN_USE,  /* a page with a writable type reference */
    T_SEG_DESC_IN_USE,  /* a page typed as a descriptor page */
    T_TYPE_FULL,        /* writable type count at 0xFFFF */
    T_COUNT_FULL,       /* general count at UINT32_MAX */
    T_BAD_L1,           /* fresh page that fails L1 validation */
    T_EMPTY_L2,         /* fresh page (validates as an empty L2) */
};

mfn_t make_target(enum target t, mfn_t self);

/* One row of a bad-entry table: an entry pointing at `target` with `flags`
 * must be refused with `rc`. */
struct bad_entry {
    const char *name;
    enum target target;
    pte_t flags;
    int rc;
};

/* The entries each level refuses, for validation and for mod_entry. */
extern const struct bad_entry l1_bad[], l2_bad[], l3_bad[];
extern const unsigned l1_bad_rows, l2_bad_rows, l3_bad_rows;

/* Neither a type reference nor a pin validates `table` as `type`: both fail
 * with c->rc, and no frame or memory has changed. */
void assert_validation_refused(mfn_t table, uint32_t type, const struct bad_entry *c);

/* An L3 with an empty L2 in slots 0..2 (as asked) and an L2_XEN in slot 3. */
struct l3 {
    mfn_t l3, l2[3], l2x;
};

struct l3 make_l3(unsigned l2_slots);

#endif /* MM_FIXTURE_H */
