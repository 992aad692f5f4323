/*
 * frame.c - the frame table, its lists, and the machine-frame allocator.
 *
 * Every list -- the two free lists (direct-mapped frames and the rest) and
 * each domain's list of the frames it owns -- is doubly linked through
 * frame_info.next/prev, so adding, allocating, freeing and taking any one
 * frame off its list are all O(1).  Pure logic: the host unit tests
 * compile this file unchanged.
 */
#include "frame.h"
#include "../../hypercall-abi/xen.h"

enum { LIST_DIRECTMAP, LIST_HIGH, NR_LISTS };

struct frame_table frame_table;
static uint32_t nr_directmap_frames;
static struct frame_list free_list[NR_LISTS];

void frame_list_init(struct frame_list *l)
{
    *l = (struct frame_list){ .head = FRAME_LIST_END, .tail = FRAME_LIST_END };
}

void frame_list_push(struct frame_list *l, mfn_t mfn)
{
    uint32_t m = mfn_x(mfn);

    frame_table.table[m].prev = FRAME_LIST_END;
    frame_table.table[m].next = l->head;
    if (l->head == FRAME_LIST_END)
        l->tail = m;
    else
        frame_table.table[l->head].prev = m;
    l->head = m;
    l->count++;
}

void frame_list_del(struct frame_list *l, mfn_t mfn)
{
    struct frame_info *fi = &frame_table.table[mfn_x(mfn)];

    if (fi->prev == FRAME_LIST_END)
        l->head = fi->next;
    else
        frame_table.table[fi->prev].next = fi->next;
    if (fi->next == FRAME_LIST_END)
        l->tail = fi->prev;
    else
        frame_table.table[fi->next].prev = fi->prev;
    fi->next = fi->prev = FRAME_LIST_END;
    l->count--;
}

mfn_t frame_list_first(const struct frame_list *l)
{
    return l->head == FRAME_LIST_END ? INVALID_MFN : _mfn(l->head);
}

mfn_t frame_list_next(mfn_t mfn)
{
    uint32_t next = frame_table.table[mfn_x(mfn)].next;

    return next == FRAME_LIST_END ? INVALID_MFN : _mfn(next);
}

void frames_init(struct frame_info *table, uint32_t frames, uint32_t directmap_frames)
{
    frame_table = (struct frame_table){ table, frames };
    nr_directmap_frames = directmap_frames;
    for (uint32_t i = 0; i < frames; i++)
        table[i] = (struct frame_info){
            .next = FRAME_LIST_END, .prev = FRAME_LIST_END, .owner = DOMID_XEN,
            .state = FRAME_RESERVED,
        };
    for (int l = 0; l < NR_LISTS; l++)
        frame_list_init(&free_list[l]);
}

/* A guest names its frames in 64 bits; one beyond 32 bits is no frame. */
bool frame_owned_by(uint64_t mfn, uint16_t owner)
{
    return mfn < frame_table.nr_frames && frame_table.table[mfn].state == FRAME_INUSE &&
           frame_table.table[mfn].owner == owner;
}

static struct frame_list *free_list_of(uint32_t m)
{
    return &free_list[m < nr_directmap_frames ? LIST_DIRECTMAP : LIST_HIGH];
}

static void push_free(uint32_t m)
{
    frame_table.table[m] = (struct frame_info){ .owner = DOMID_INVALID, .state = FRAME_FREE };
    frame_list_push(free_list_of(m), _mfn(m));
}

/* Hand a range of RAM to the allocator (boot time); clipped to the table. */
void frames_release(mfn_t start, mfn_t end)
{
    uint32_t e = MIN(mfn_x(end), frame_table.nr_frames);

    for (uint32_t m = mfn_x(start); m < e; m++)
        if (frame_table.table[m].state == FRAME_RESERVED)
            push_free(m);
}

static mfn_t pop_free(struct frame_list *l, uint16_t owner)
{
    mfn_t mfn = frame_list_first(l);

    if (mfn_eq(mfn, INVALID_MFN))
        return INVALID_MFN;
    frame_list_del(l, mfn);
    frame_table.table[mfn_x(mfn)] = (struct frame_info){
        .next = FRAME_LIST_END, .prev = FRAME_LIST_END, .count_info = 0,
        .type_info = FT_NONE, .owner = owner, .state = FRAME_INUSE,
    };
    return mfn;
}

mfn_t frame_alloc(enum frame_zone zone, uint16_t owner)
{
    if (zone == ZONE_ANY && free_list[LIST_HIGH].count)
        return pop_free(&free_list[LIST_HIGH], owner);
    return pop_free(&free_list[LIST_DIRECTMAP], owner);
}

/* Returns 0, or -1 if the frame is not an allocated one (a double free).
 * The frame must be on no list (its owner has taken it off its own). */
int frame_free(mfn_t mfn)
{
    if (!mfn_valid(mfn) || frame_table.table[mfn_x(mfn)].state != FRAME_INUSE)
        return -1;
    push_free(mfn_x(mfn));
    return 0;
}

uint32_t frames_free_count(void)
{
    return free_list[LIST_DIRECTMAP].count + free_list[LIST_HIGH].count;
}

uint32_t frames_total(void)
{
    return frame_table.nr_frames;
}
