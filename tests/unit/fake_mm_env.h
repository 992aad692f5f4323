/*
 * fake_mm_env.h - the environment mm.c needs, faked for the host unit
 * tests (fake_mm_env.c): machine memory, temporary mappings, PTE stores,
 * the hypervisor's L2 slots and panic().
 *
 *   machine memory   FAKE_NR_FRAMES frames of 4 KiB in a static array;
 *                    map_domain_page(mfn) returns the frame itself and
 *                    counts the mappings still open
 *   pte_store        a plain store, counted; an optional hook sees every
 *                    store before it happens (to look at the counts then)
 *   hv slots         isolation_guest_hv_slots() writes FAKE_HV_L2E(i) into
 *                    slots HV_FIRST_L2_SLOT..511
 *   views            isolation_entry_written() counts L2 and L3 writes and
 *                    keeps the last
 *   panic            fails the running test with its message, unless
 *                    EXPECT_PANIC() is waiting for it
 */
#ifndef FAKE_MM_ENV_H
#define FAKE_MM_ENV_H

#include <setjmp.h>
#include "types.h"
#include "x86.h"

#define FAKE_NR_FRAMES 256

/* What the fake isolation_guest_hv_slots() leaves in hypervisor slot i. */
#define FAKE_HV_L2E(i) (0x4856000000000000ULL | ((pte_t)(i) << 12) | PTE_P | PTE_RW)

/* Zero the memory and every counter; disarm the hook and EXPECT_PANIC. */
void fake_mm_reset(void);
/* The frame's entries, without counting as a mapping. */
pte_t *fake_page(mfn_t mfn);

extern int fake_maps_open;              /* map_domain_page() not yet unmapped */
extern unsigned fake_maps_total;        /* map_domain_page() calls */
extern unsigned fake_pte_stores;        /* pte_store() calls */
extern unsigned fake_hv_slot_copies;    /* isolation_guest_hv_slots() calls */
extern void (*fake_pte_store_hook)(pte_t *slot, pte_t value);
struct fake_entry_write { mfn_t table; unsigned level, index; pte_t e; };
extern unsigned fake_entry_writes;      /* isolation_entry_written() calls */
extern struct fake_entry_write fake_last_entry_write;

/* panic(): its last message, and where EXPECT_PANIC() waits for it. */
extern char fake_panic_msg[256];
extern jmp_buf *volatile fake_panic_jmp;

/* Run `stmt`, which must panic; the test fails if it returns. */
#define EXPECT_PANIC(stmt) do {                                         \
        jmp_buf jb_;                                                    \
        if (setjmp(jb_) == 0) {                                         \
            fake_panic_jmp = &jb_;                                      \
            stmt;                                                       \
            fake_panic_jmp = NULL;                                      \
            ck_abort_msg("expected a panic from: %s", #stmt);           \
        }                                                               \
        fake_panic_jmp = NULL;                                          \
        fake_maps_open = 0;     /* a panic leaves its mappings open */  \
    } while (0)

#endif /* FAKE_MM_ENV_H */
