/*
 * frame.h - the frame table and the machine-frame allocator.
 *
 * One struct frame_info per machine frame records who owns it and, for the
 * memory-virtualization rules, its type and reference counts.  Free frames
 * sit on one of two lists: direct-mapped ones (the "xenheap", usable for
 * the hypervisor's own structures) and the rest (usable only for domain
 * memory, reached through map_domain_page()).  A frame in use sits on its
 * owner's list.  Lists are doubly linked through the frame table (as Xen's
 * page_list), so taking one frame off its list -- a balloon, page sharing,
 * a grant transfer -- is O(1) wherever it sits.
 */
#ifndef HV_FRAME_H
#define HV_FRAME_H

#include "types.h"

enum frame_state {
    FRAME_RESERVED,     /* not RAM, or used before the allocator existed */
    FRAME_FREE,
    FRAME_INUSE,
};

/* type_info: a frame's type (bits 31:28), flags, and type count (15:0). */
#define FT_SHIFT        28
#define FT_MASK         (0xFU << FT_SHIFT)
#define FT_NONE         (0U << FT_SHIFT)
#define FT_WRITABLE     (1U << FT_SHIFT)
#define FT_L1           (2U << FT_SHIFT)
#define FT_L2           (3U << FT_SHIFT)
#define FT_L2_XEN       (4U << FT_SHIFT)    /* PAE L2 under L3 slot 3: hypervisor slots */
#define FT_L3           (5U << FT_SHIFT)
#define FT_SEG_DESC     (6U << FT_SHIFT)
#define FT_PINNED       (1U << 27)
#define FT_VALIDATED    (1U << 26)
#define FT_COUNT_MASK   0xFFFFU

struct frame_info {
    uint32_t next, prev;    /* neighbours (MFNs) on a free list or owner's list */
    uint32_t count_info;    /* general reference count */
    uint32_t type_info;     /* FT_* */
    uint16_t owner;         /* owning domain id; DOMID_XEN for the hypervisor */
    uint16_t state;         /* enum frame_state */
};
_Static_assert(sizeof(struct frame_info) == 20, "frame_info is 20 bytes");

#define FRAME_LIST_END 0xFFFFFFFFU

/* A list of frames, threaded through frame_info.next/prev. */
struct frame_list {
    uint32_t head, tail;
    uint32_t count;
};

void frame_list_init(struct frame_list *l);
/* Add a frame that is on no list, at the head. */
void frame_list_push(struct frame_list *l, mfn_t mfn);
/* Take a frame off the list it is on: O(1). */
void frame_list_del(struct frame_list *l, mfn_t mfn);
/* The first frame, or INVALID_MFN; the one after mfn, or INVALID_MFN. */
mfn_t frame_list_first(const struct frame_list *l);
mfn_t frame_list_next(mfn_t mfn);
#define for_each_frame(l, m) \
    for (mfn_t m = frame_list_first(l); !mfn_eq(m, INVALID_MFN); m = frame_list_next(m))

enum frame_zone {
    ZONE_DIRECTMAP,     /* must be reachable through the direct map */
    ZONE_ANY,           /* anything; prefers frames outside the direct map */
};

/* All frames start FRAME_RESERVED; frames_release() makes ranges free. */
void frames_init(struct frame_info *table, uint32_t nr_frames, uint32_t directmap_frames);
void frames_release(mfn_t start, mfn_t end);
mfn_t frame_alloc(enum frame_zone zone, uint16_t owner);
int frame_free(mfn_t mfn);
uint32_t frames_free_count(void);
uint32_t frames_total(void);
/* Is machine frame `mfn` allocated to domain `owner`? */
bool frame_owned_by(uint64_t mfn, uint16_t owner);

/* The frame table itself, for the lookups below: every page-table update
 * makes several, so they are inline. */
extern struct frame_table {
    struct frame_info *table;
    uint32_t nr_frames;
} frame_table;

static inline bool mfn_valid(mfn_t mfn)
{
    return mfn_x(mfn) < frame_table.nr_frames;
}

/* The frame's entry, or NULL for a frame number past the table. */
static inline struct frame_info *mfn_to_frame(mfn_t mfn)
{
    return mfn_valid(mfn) ? &frame_table.table[mfn_x(mfn)] : NULL;
}

#endif /* HV_FRAME_H */
