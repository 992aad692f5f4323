/*
 * mm.h - page types and reference counts: the rules that let a guest
 * manage its own page tables while the hypervisor keeps control.
 *
 * Every machine frame has a general reference count (count_info: one for
 * being allocated to its owner, one per mapping or page-table reference)
 * and a type with a type count (type_info).  A frame has one type at a
 * time and can change type only when its type count is 0:
 *
 *   FT_WRITABLE   one type reference per writable mapping
 *   FT_L1/L2/L3   one type reference per page-table entry (or pin, or CR3)
 *                 pointing at it as that level; the first one validates
 *                 every entry of the table, the last one releases them
 *   FT_L2_XEN     the L2 under L3 slot 3: carries the hypervisor's slots,
 *                 at most one reference (never shared between L3s or slots)
 *   FT_SEG_DESC   a page of the guest's own GDT (set_gdt): descriptors
 *                 checked on the first reference, never writable meanwhile
 *
 * So no guest ever holds a writable mapping of one of its own page tables:
 * the two would need different types at once.
 *
 * Errors are Xen's: -XEN_EINVAL for a bad entry, a type conflict, a count
 * that would overflow or a frame the domain does not own; an L1 entry says
 * -XEN_EBUSY for another's frame or a writable mapping of a table, and
 * -XEN_EPERM for a frame that is not RAM; a hypervisor slot is -XEN_EPERM.
 * Pure logic (no inline assembly), so it compiles on the host too, with
 * fake versions of map_domain_page() and pte_store() (paging.h).
 */
#ifndef HV_MM_H
#define HV_MM_H

#include "types.h"
#include "x86.h"
#include "frame.h"
#include "paging.h"

struct domain;

/*
 * Entry bits a guest may set, per level (PAE), as Xen allows them
 * (checked against Xen by tests/guests/mm-entry-flags):
 *   L1: the cache-type bits PWT, PCD and PAT (bit 7; the PAT MSR keeps its
 *       power-on value, so PAT entries 4-7 mean what entries 0-3 do), and
 *       G, which is accepted but cleared: a global mapping would outlive a
 *       switch to another domain's address space.  Not NX (EFER.NXE is
 *       off, so the CPU would fault on it) nor reserved bits;
 *   L2: no PSE (there are no superpages), no PWT/PCD (refused by Xen);
 *   L3: no PWT/PCD either; Xen's 64-bit layout lets a 32-bit guest set RW,
 *       US, A and D there, which a PAE PDPTE reserves (a CR3 load faults on
 *       them), so they are accepted and cleared.  (QEMU's TCG even sets A
 *       in the PDPTEs it walks, which a real CPU never does.)
 * Bits are cleared only in present entries, before they are written.
 */
#define PTE_AVAIL      (7ULL << 9)
#define PTE_PAT        (1ULL << 7)              /* in an L1 entry */
#define PTE_ADDR_BITS  0x0000000FFFFFF000ULL    /* 36-bit physical addresses */
#define L1E_CLEARED    PTE_G
#define L1E_ALLOWED    (PTE_P | PTE_RW | PTE_US | PTE_PWT | PTE_PCD | PTE_A | PTE_D | \
                        PTE_PAT | L1E_CLEARED | PTE_AVAIL | PTE_ADDR_BITS)
#define L2E_ALLOWED    (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | PTE_AVAIL | PTE_ADDR_BITS)
/* An L1 entry changing only these keeps its references (Xen's fast path). */
#define L1E_FASTPATH   (PTE_US | PTE_A | PTE_D | PTE_G | PTE_AVAIL)
#define L3E_CLEARED    (PTE_RW | PTE_US | PTE_A | PTE_D)
#define L3E_ALLOWED_GUEST (PTE_P | L3E_CLEARED | PTE_AVAIL | PTE_ADDR_BITS)

/* The first L2 slot (in the L3-slot-3 L2) that belongs to the hypervisor. */
#define HV_FIRST_L2_SLOT l2_index(HYPERVISOR_VIRT_START)
#define HV_L3_SLOT 3

static inline mfn_t pte_mfn(pte_t e)
{
    return _mfn((uint32_t)((e & PTE_ADDR_BITS) >> 12));
}

static inline uint32_t frame_type(const struct frame_info *fi)
{
    return fi->type_info & FT_MASK;
}

static inline uint32_t frame_type_count(const struct frame_info *fi)
{
    return fi->type_info & FT_COUNT_MASK;
}

/* General references: the frame must be an allocated frame of d. */
int get_page(mfn_t mfn, const struct domain *d);
void put_page(mfn_t mfn);
/* Type references (FT_* type); validates a page table on its first one. */
int get_page_type(mfn_t mfn, uint32_t type, const struct domain *d);
void put_page_type(mfn_t mfn);
int get_page_and_type(mfn_t mfn, const struct domain *d, uint32_t type);
void put_page_and_type(mfn_t mfn);

/*
 * Change one entry of a validated table of `level` (1, 2 or 3) in frame
 * `table` at index `index`: the new entry's references are taken before
 * the old one's are dropped.  `flush` is set when a present entry was
 * replaced or removed (its reference may live on in the TLB) and for every
 * L3 change (the CPU caches PDPTEs): the caller must then flush the TLB
 * before the guest runs again.
 */
int mod_entry(const struct domain *d, mfn_t table, unsigned level, unsigned index,
              pte_t new, bool *flush);

/* update_va_mapping: as mod_entry, on an L1 that must be a validated
 * L1 table (-XEN_EINVAL otherwise). */
int mm_mod_l1e(const struct domain *d, mfn_t l1, unsigned index, pte_t new, bool *flush);

/*
 * A run of MMU_NORMAL_PT_UPDATE requests: the table they write is looked
 * up, referenced and mapped once, and kept while the requests go on
 * writing it in the same state (a batch updates one table at a time).
 * Between mm_run_init() and mm_run_end() it holds one general reference
 * and one mapping.
 */
struct mm_run {
    const struct domain *d;         /* whose tables */
    const struct domain *pg_owner;  /* whose frames L1 entries may name */
    bool flush;                     /* an entry was replaced: flush the TLB */
    mfn_t mfn;
    uint32_t type_info;     /* the table's, when it was checked */
    pte_t *map;             /* NULL: no table held */
};
void mm_run_release(struct mm_run *r);

/* Inline: every batch starts and ends a run, even an empty one. */
static inline void mm_run_init(struct mm_run *r, const struct domain *d,
                               const struct domain *pg_owner)
{
    r->d = d;
    r->pg_owner = pg_owner;
    r->flush = false;
    r->map = NULL;
}

static inline void mm_run_end(struct mm_run *r)
{
    if (r->map)
        mm_run_release(r);
}

/*
 * MMU_NORMAL_PT_UPDATE within run r: apply a guest's write of entry
 * `index` to frame mfn of r->d, whatever the frame is -- a validated table
 * changes by the rules (its L1 entries may name r->pg_owner's frames; an
 * L2 or L3 may not be changed on another page owner's behalf at all), a
 * table being validated is -XEN_EINVAL, anything else is written as data
 * if it can be writable.  -XEN_EINVAL for a frame that is not d's.  Sets
 * r->flush when the TLB must be flushed before the guest runs again.
 */
int mm_normal_update(struct mm_run *r, mfn_t mfn, unsigned index, pte_t val);

/* update_descriptor: descriptor `index` (of 512) of frame mfn of d, checked
 * by descriptor_check(); -XEN_EINVAL for a bad descriptor, a frame not d's
 * or one in use as a page table. */
int mm_update_descriptor(const struct domain *d, mfn_t mfn, unsigned index, uint32_t lo,
                         uint32_t hi);

/* Pin: one type reference held on the guest's behalf (MMUEXT_PIN_*). */
int pin_table(const struct domain *d, mfn_t mfn, uint32_t type);
int unpin_table(const struct domain *d, mfn_t mfn);

/* Teardown: drop the pin of a frame if it has one; does it still have
 * any reference (general or type)? */
void mm_drop_pin(const struct domain *d, mfn_t mfn);
bool mm_frame_referenced(mfn_t mfn);

#endif /* HV_MM_H */
