/*
 * grant_table.h - grant_table_op (hypercall 20): grant_table_op(cmd, uop, count).
 *
 * Layouts of the commands whose refusals Ringleader gives today.  It has
 * no grant tables yet: a command answers what Xen answers before it would
 * touch one (a negative count, stray continuation bits in cmd, an
 * unreadable uop, a count the command does not take, an unknown domain)
 * and -ENOSYS past that point.  cmd bits 12 and up are Xen's
 * continuation argument: a guest must leave them 0 (-EINVAL).
 */
#ifndef RINGLEADER_ABI_GRANT_TABLE_H
#define RINGLEADER_ABI_GRANT_TABLE_H

#include "xen.h"

#define GNTTABOP_map_grant_ref        0
#define GNTTABOP_unmap_grant_ref      1
#define GNTTABOP_setup_table          2
#define GNTTABOP_dump_table           3     /* gone in 4.17: -ENOSYS */
#define GNTTABOP_transfer             4
#define GNTTABOP_copy                 5
#define GNTTABOP_query_size           6
#define GNTTABOP_unmap_and_replace    7
#define GNTTABOP_set_version          8
#define GNTTABOP_get_status_frames    9
#define GNTTABOP_get_version          10
#define GNTTABOP_swap_grant_ref       11
#define GNTTABOP_cache_flush          12
#define GNTTABOP_CMD_MASK             0xFFFU

/* Per-operation status codes, written into the structure (rc stays 0). */
#define GNTST_okay                    0
#define GNTST_bad_domain            (-2)    /* no such domain */
#define GNTST_permission_denied     (-8)    /* another domain's table */

#ifndef __ASSEMBLER__
struct gnttab_setup_table {
    domid_t dom;                /* IN */
    uint16_t pad;
    uint32_t nr_frames;         /* IN */
    int16_t status;             /* OUT: GNTST_* */
    uint16_t pad2;
    uint32_t frame_list;        /* OUT: guest pointer to xen_pfn_t[nr_frames] */
};
RL_ABI_ASSERT_SIZE(struct gnttab_setup_table, 16);

struct gnttab_query_size {
    domid_t dom;                /* IN */
    uint16_t pad;
    uint32_t nr_frames;         /* OUT */
    uint32_t max_nr_frames;     /* OUT */
    int16_t status;             /* OUT: GNTST_* */
    uint16_t pad2;
};
RL_ABI_ASSERT_SIZE(struct gnttab_query_size, 16);

struct gnttab_set_version {
    uint32_t version;           /* IN/OUT: 1 or 2 */
};
RL_ABI_ASSERT_SIZE(struct gnttab_set_version, 4);

struct gnttab_get_status_frames {
    uint32_t nr_frames;         /* IN */
    domid_t dom;                /* IN */
    int16_t status;             /* OUT: GNTST_* */
    uint32_t frame_list;        /* OUT: guest pointer to uint64_t[nr_frames] */
};
RL_ABI_ASSERT_SIZE(struct gnttab_get_status_frames, 12);

struct gnttab_get_version {
    domid_t dom;                /* IN */
    uint16_t pad;
    uint32_t version;           /* OUT */
};
RL_ABI_ASSERT_SIZE(struct gnttab_get_version, 8);
#endif

#endif /* RINGLEADER_ABI_GRANT_TABLE_H */
