/*
 * frame.c - the machine-frame allocator over the frame table.
 *
 * Free frames are kept on two LIFO lists threaded through frame_info.next,
 * one for direct-mapped frames and one for the rest, so allocating and
 * freeing are O(1).  Pure logic: the host unit tests compile this file
 * unchanged.
 */
#include "frame.h"
#include "../../hypercall-abi/xen.h"

enum { LIST_DIRECTMAP, LIST_HIGH, NR_LISTS };

static struct frame_info *frame_table;
static uint32_t nr_frames;
static uint32_t nr_directmap_frames;
static uint32_t free_head[NR_LISTS];
static uint32_t nr_free[NR_LISTS];

void frames_init(struct frame_info *table, uint32_t frames, uint32_t directmap_frames)
{
    frame_table = table;
    nr_frames = frames;
    nr_directmap_frames = directmap_frames;
    for (uint32_t i = 0; i < frames; i++)
        table[i] = (struct frame_info){
            .next = FRAME_LIST_END, .owner = DOMID_XEN, .state = FRAME_RESERVED,
        };
    for (int l = 0; l < NR_LISTS; l++) {
        free_head[l] = FRAME_LIST_END;
        nr_free[l] = 0;
    }
}

bool mfn_valid(mfn_t mfn)
{
    return mfn_x(mfn) < nr_frames;
}

/* A guest names its frames in 64 bits; one beyond 32 bits is no frame. */
bool frame_owned_by(uint64_t mfn, uint16_t owner)
{
    return mfn < nr_frames && frame_table[mfn].state == FRAME_INUSE &&
           frame_table[mfn].owner == owner;
}

struct frame_info *mfn_to_frame(mfn_t mfn)
{
    return mfn_valid(mfn) ? &frame_table[mfn_x(mfn)] : NULL;
}

static int list_of(uint32_t m)
{
    return m < nr_directmap_frames ? LIST_DIRECTMAP : LIST_HIGH;
}

static void push_free(uint32_t m)
{
    int l = list_of(m);

    frame_table[m] = (struct frame_info){
        .next = free_head[l], .owner = DOMID_INVALID, .state = FRAME_FREE,
    };
    free_head[l] = m;
    nr_free[l]++;
}

/* Hand a range of RAM to the allocator (boot time); clipped to the table. */
void frames_release(mfn_t start, mfn_t end)
{
    uint32_t e = MIN(mfn_x(end), nr_frames);

    for (uint32_t m = mfn_x(start); m < e; m++)
        if (frame_table[m].state == FRAME_RESERVED)
            push_free(m);
}

static mfn_t pop_free(int l, uint16_t owner)
{
    uint32_t m = free_head[l];

    if (m == FRAME_LIST_END)
        return INVALID_MFN;
    free_head[l] = frame_table[m].next;
    nr_free[l]--;
    frame_table[m] = (struct frame_info){
        .next = FRAME_LIST_END, .count_info = 0, .type_info = FT_NONE,
        .owner = owner, .state = FRAME_INUSE,
    };
    return _mfn(m);
}

mfn_t frame_alloc(enum frame_zone zone, uint16_t owner)
{
    if (zone == ZONE_ANY && nr_free[LIST_HIGH])
        return pop_free(LIST_HIGH, owner);
    return pop_free(LIST_DIRECTMAP, owner);
}

/* Returns 0, or -1 if the frame is not an allocated one (a double free). */
int frame_free(mfn_t mfn)
{
    if (!mfn_valid(mfn) || frame_table[mfn_x(mfn)].state != FRAME_INUSE)
        return -1;
    push_free(mfn_x(mfn));
    return 0;
}

uint32_t frames_free_count(void)
{
    return nr_free[LIST_DIRECTMAP] + nr_free[LIST_HIGH];
}

uint32_t frames_total(void)
{
    return nr_frames;
}
