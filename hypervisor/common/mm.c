/*
 * mm.c - page types and reference counts (see mm.h for the rules).
 *
 * The state of a frame, from the guest's point of view:
 *
 *   count_info  1 while allocated to its owner, +1 per reference to it from
 *               a page-table entry, a pin or a CR3
 *   type_info   type | FT_VALIDATED | FT_PINNED | type count
 *
 *   get_page_type(T):  count 0: retype to T (validating a table, which
 *                      takes references on everything it points at);
 *                      count > 0: only if the type is already T
 *   put_page_type():   the last reference of a table releases everything
 *                      it pointed at ("devalidation")
 *
 * Error codes follow Xen's (xen/arch/x86/mm.c), so a guest sees the same
 * answer on both hypervisors.
 */
#include "hv.h"
#include "mm.h"
#include "domain.h"
#include "guest_descriptor.h"
#include "isolation.h"
#include "../../hypercall-abi/xen.h"

static int validate_table(mfn_t mfn, uint32_t type, const struct domain *d);
static int mod_entry_as(const struct domain *d, const struct domain *pg_owner, mfn_t table,
                        uint32_t type, unsigned index, pte_t new, bool *flush);
static void release_table(mfn_t mfn, uint32_t type);
static int validate_descriptors(mfn_t mfn);

/* The bits of a present entry that are accepted but not kept (mm.h). */
static pte_t sanitize(uint32_t type, pte_t e)
{
    if (!(e & PTE_P))
        return e;
    if (type == FT_L1)
        return e & ~L1E_CLEARED;
    if (type == FT_L3)
        return e & ~L3E_CLEARED;
    return e;
}

static bool is_table_type(uint32_t type)
{
    return type == FT_L1 || type == FT_L2 || type == FT_L2_XEN || type == FT_L3;
}

/* The entries of a table the guest controls: PAE L3s use 4; the
 * hypervisor's slots of an L2_XEN are its own. */
static unsigned guest_entries(uint32_t type)
{
    switch (type) {
    case FT_L3: return L3_ENTRIES;
    case FT_L2_XEN: return HV_FIRST_L2_SLOT;
    default: return L1_ENTRIES;
    }
}

/* The bodies of get_page/put_page, inline where every update needs them. */
static inline int ref_get(struct frame_info *fi, const struct domain *d)
{
    if (!fi || fi->state != FRAME_INUSE || fi->owner != d->id || fi->count_info == UINT32_MAX)
        return -XEN_EINVAL;
    fi->count_info++;
    return 0;
}

static inline void ref_put(struct frame_info *fi)
{
    ASSERT(fi && fi->count_info > 0);
    fi->count_info--;
}

int get_page(mfn_t mfn, const struct domain *d)
{
    return ref_get(mfn_to_frame(mfn), d);
}

void put_page(mfn_t mfn)
{
    ref_put(mfn_to_frame(mfn));
}

int get_page_type(mfn_t mfn, uint32_t type, const struct domain *d)
{
    struct frame_info *fi = mfn_to_frame(mfn);
    uint32_t count = frame_type_count(fi);
    int rc;

    if (count > 0) {
        /* In use: only more references of the same, validated type; an
         * L2 with the hypervisor's slots never gets a second one. */
        if (frame_type(fi) != type || type == FT_L2_XEN || count == FT_COUNT_MASK ||
            (is_table_type(type) && !(fi->type_info & FT_VALIDATED)))
            return -XEN_EINVAL;
        fi->type_info++;
        return 0;
    }
    /* Unused: it may take any type.  Count it first, so a table that
     * (directly or not) points at itself sees a type conflict. */
    fi->type_info = type | 1;
    if (is_table_type(type)) {
        rc = validate_table(mfn, type, d);
        if (rc) {
            fi->type_info = FT_NONE;
            return rc;
        }
        fi->type_info |= FT_VALIDATED;
    } else if (type == FT_SEG_DESC) {
        rc = validate_descriptors(mfn);
        if (rc) {
            fi->type_info = FT_NONE;
            return rc;
        }
    }
    return 0;
}

void put_page_type(mfn_t mfn)
{
    struct frame_info *fi = mfn_to_frame(mfn);
    uint32_t type = frame_type(fi);

    ASSERT(frame_type_count(fi) > 0);
    if (frame_type_count(fi) == 1 && is_table_type(type)) {
        ASSERT(!(fi->type_info & FT_PINNED));
        fi->type_info &= ~FT_VALIDATED;
        release_table(mfn, type);
    }
    fi->type_info--;
}

int get_page_and_type(mfn_t mfn, const struct domain *d, uint32_t type)
{
    int rc = get_page(mfn, d);

    if (rc)
        return rc;
    rc = get_page_type(mfn, type, d);
    if (rc)
        put_page(mfn);
    return rc;
}

void put_page_and_type(mfn_t mfn)
{
    put_page_type(mfn);
    put_page(mfn);
}

/*
 * References for one L1 entry: a writable mapping takes a writable type.
 * The frame must be pg_owner's: the table's own domain, or the domain
 * whose frames a privileged or granted mapping names (Xen's pg_owner).
 */
static inline int get_l1e_refs(const struct domain *pg_owner, pte_t e)
{
    mfn_t mfn = pte_mfn(e);
    struct frame_info *fi;

    if (e & ~L1E_ALLOWED)
        return -XEN_EINVAL;             /* global, NX or reserved bits */
    fi = mfn_to_frame(mfn);
    if (!fi)
        return -XEN_EPERM;              /* not RAM: I/O memory is not granted */
    if (ref_get(fi, pg_owner))
        return -XEN_EBUSY;              /* not that domain's frame */
    if ((e & PTE_RW) && get_page_type(mfn, FT_WRITABLE, pg_owner)) {
        ref_put(fi);
        return -XEN_EBUSY;              /* a page table (or descriptor page) */
    }
    return 0;
}

static inline void put_l1e_refs(pte_t e)
{
    if (!(e & PTE_P))
        return;
    if (e & PTE_RW)
        put_page_type(pte_mfn(e));
    ref_put(mfn_to_frame(pte_mfn(e)));
}

/*
 * Take the references a present entry of a table of `type`, owned by d,
 * needs.  Only L1 entries may name pg_owner's frames; a table refers to
 * tables of its own domain only.
 */
static int get_entry_refs(const struct domain *d, const struct domain *pg_owner, uint32_t type,
                          unsigned index, pte_t e)
{
    if (!(e & PTE_P))
        return 0;
    switch (type) {
    case FT_L1:
        return get_l1e_refs(pg_owner, e);
    case FT_L2:
    case FT_L2_XEN:
        if (e & ~L2E_ALLOWED)
            return -XEN_EINVAL;         /* includes PSE: no superpages */
        return get_page_and_type(pte_mfn(e), d, FT_L1);
    default:                            /* FT_L3 */
        if (e & ~L3E_ALLOWED_GUEST)
            return -XEN_EINVAL;         /* PSE or reserved bits */
        return get_page_and_type(pte_mfn(e), d, index == HV_L3_SLOT ? FT_L2_XEN : FT_L2);
    }
}

static void put_entry_refs(uint32_t type, pte_t e)
{
    if (type == FT_L1)
        put_l1e_refs(e);
    else if (e & PTE_P)
        put_page_and_type(pte_mfn(e));
}

/* Validate every guest entry, undoing the references taken on failure. */
static int validate_table(mfn_t mfn, uint32_t type, const struct domain *d)
{
    pte_t *t = map_domain_page(mfn);
    unsigned n = guest_entries(type), i;
    int rc = 0;

    for (i = 0; i < n; i++) {
        if (!(t[i] & PTE_P))
            continue;           /* most entries: nothing to check or take */
        if (sanitize(type, t[i]) != t[i])
            pte_store(&t[i], sanitize(type, t[i]));
        rc = get_entry_refs(d, d, type, i, t[i]);
        if (rc)
            break;
    }
    /* Every address space carries the hypervisor: an L3 without its slot 3
     * would take the hypervisor's own mappings away when loaded. */
    if (!rc && type == FT_L3 && !(t[HV_L3_SLOT] & PTE_P))
        rc = -XEN_EINVAL;
    if (rc) {
        while (i-- > 0)
            put_entry_refs(type, t[i]);
    } else if (type == FT_L2_XEN) {
        isolation_guest_hv_slots(t);
    }
    unmap_domain_page(t);
    return rc;
}

/* A GDT page: every descriptor checked (and truncated) as Xen does. */
static int validate_descriptors(mfn_t mfn)
{
    uint32_t *w = map_domain_page(mfn);
    int rc = 0;

    for (unsigned i = 0; i < PAGE_SIZE / sizeof(uint32_t) && !rc; i += 2)
        if (!descriptor_check(&w[i], &w[i + 1]))
            rc = -XEN_EINVAL;
    unmap_domain_page(w);
    return rc;
}

/* Drop every entry's references; most of a table's entries are empty, so
 * those cost a test and nothing more. */
static void release_table(mfn_t mfn, uint32_t type)
{
    pte_t *t = map_domain_page(mfn);
    unsigned n = guest_entries(type);

    for (unsigned i = 0; i < n; i++)
        if (t[i] & PTE_P)
            put_entry_refs(type, t[i]);
    unmap_domain_page(t);
}

static bool is_validated_table(const struct frame_info *fi)
{
    return is_table_type(frame_type(fi)) && frame_type_count(fi) > 0 &&
           (fi->type_info & FT_VALIDATED);
}

/*
 * Xen's fast path: an L1 entry that stays present on the same frame with
 * the same access and cache bits, changing only bits no reference depends
 * on (L1E_FASTPATH), keeps the references it holds -- so the page owner
 * is not asked about the frame again.
 */
static bool keeps_l1_refs(pte_t old, pte_t new)
{
    return (old & new & PTE_P) && !(new & ~L1E_ALLOWED) && !((old ^ new) & ~L1E_FASTPATH);
}

/*
 * Change entry `index` of validated L1 t (mapped): in line, because a run
 * of updates writes little else.  A dropped reference or an old
 * permission may live on in the TLB: then *flush is set.
 */
static inline int mod_l1e_mapped(const struct domain *pg_owner, pte_t *t, unsigned index,
                                 pte_t new, bool *flush)
{
    pte_t old = t[index];
    int rc;

    new = sanitize(FT_L1, new);     /* clears only bits that are allowed */
    if (new == old)
        return 0;
    if (keeps_l1_refs(old, new)) {
        pte_store(&t[index], new);
        *flush = true;
        return 0;
    }
    rc = (new & PTE_P) ? get_l1e_refs(pg_owner, new) : 0;
    if (rc)
        return rc;
    pte_store(&t[index], new);
    put_l1e_refs(old);
    *flush |= old & PTE_P;
    return 0;
}

/* Change entry `index` of validated table t (mapped: frame `table`, of
 * `type`, d's).  An L2 or L3 may be copied into the CPU's views of the
 * running address space: they are told (isolation.c). */
static int mod_entry_mapped(const struct domain *d, const struct domain *pg_owner, mfn_t table,
                            pte_t *t, uint32_t type, unsigned index, pte_t new, bool *flush)
{
    pte_t old;
    int rc;

    if (index >= guest_entries(type))
        return type == FT_L2_XEN ? -XEN_EPERM : -XEN_EINVAL;  /* hypervisor slot */
    if (type == FT_L1)
        return mod_l1e_mapped(pg_owner, t, index, new, flush);
    if (type == FT_L3 && index == HV_L3_SLOT)
        return -XEN_EINVAL;     /* the L2 with the hypervisor's slots stays */
    new = sanitize(type, new);      /* clears only bits that are allowed */
    old = t[index];
    if (new == old)
        return 0;
    rc = get_entry_refs(d, pg_owner, type, index, new);
    if (rc)
        return rc;
    pte_store(&t[index], new);
    isolation_entry_written(table, type == FT_L3 ? 3 : 2, index, new);
    put_entry_refs(type, old);
    /* A dropped reference may live on in the TLB; PDPTEs are cached. */
    if ((old & PTE_P) || type == FT_L3)
        *flush = true;
    return 0;
}

static int mod_entry_as(const struct domain *d, const struct domain *pg_owner, mfn_t table,
                        uint32_t type, unsigned index, pte_t new, bool *flush)
{
    pte_t *t = map_domain_page(table);
    int rc = mod_entry_mapped(d, pg_owner, table, t, type, index, new, flush);

    unmap_domain_page(t);
    return rc;
}

int mod_entry(const struct domain *d, mfn_t table, unsigned level, unsigned index,
              pte_t new, bool *flush)
{
    static const uint32_t level_types[] = { [1] = FT_L1, [2] = FT_L2, [3] = FT_L3 };
    uint32_t type = frame_type(mfn_to_frame(table));

    ASSERT(level >= 1 && level <= 3);
    ASSERT(type == level_types[level] || (level == 2 && type == FT_L2_XEN));
    return mod_entry_as(d, d, table, type, index, new, flush);
}

int mm_mod_l1e(const struct domain *d, mfn_t l1, unsigned index, pte_t new, bool *flush)
{
    const struct frame_info *fi = mfn_to_frame(l1);

    if (!fi || frame_type(fi) != FT_L1 || !is_validated_table(fi))
        return -XEN_EINVAL;
    return mod_entry_as(d, d, l1, FT_L1, index, new, flush);
}

void mm_run_release(struct mm_run *r)
{
    unmap_domain_page(r->map);
    put_page(r->mfn);
    r->map = NULL;
}

/*
 * Is the run's table still the frame asked for, in the state it was
 * checked in?  Any change to its type state -- a reference taken or
 * dropped by another request of the batch, a devalidation -- changes
 * type_info, and the next request looks at the frame afresh.  (A table's
 * own entries never hold a type reference on the table itself, so writing
 * them leaves its type_info alone.)
 */
static bool run_holds(const struct mm_run *r, mfn_t mfn, const struct frame_info *fi)
{
    return r->map && mfn_eq(r->mfn, mfn) && fi->type_info == r->type_info;
}

/* A frame that is no table in use: the guest's data, written as asked if
 * it can be writable.  A table still being validated is -XEN_EINVAL. */
static int data_update(const struct domain *d, mfn_t mfn, const struct frame_info *fi,
                       unsigned index, pte_t val)
{
    pte_t *page;
    int rc;

    if (is_table_type(frame_type(fi)) && frame_type_count(fi) > 0)
        return -XEN_EINVAL;
    rc = get_page_type(mfn, FT_WRITABLE, d);
    if (rc)
        return rc;
    page = map_domain_page(mfn);
    pte_store(&page[index], val);
    unmap_domain_page(page);
    put_page_type(mfn);
    return 0;
}

/* Not the table the run holds: look at the frame afresh. */
static int run_open(struct mm_run *r, mfn_t mfn, struct frame_info *fi, unsigned index,
                    pte_t val)
{
    int rc;

    mm_run_end(r);
    if (ref_get(fi, r->d))
        return -XEN_EINVAL;
    /* Only an L1 entry names a page owner's frame (as in Xen). */
    if (!is_validated_table(fi) || (r->pg_owner != r->d && frame_type(fi) != FT_L1)) {
        rc = is_validated_table(fi) ? -XEN_EINVAL : data_update(r->d, mfn, fi, index, val);
        ref_put(fi);
        return rc;
    }
    /* A table: keep its reference and mapping for the requests after. */
    r->mfn = mfn;
    r->type_info = fi->type_info;
    r->map = map_domain_page(mfn);
    return mod_entry_mapped(r->d, r->pg_owner, mfn, r->map, frame_type(fi), index, val,
                            &r->flush);
}

int mm_normal_update(struct mm_run *r, mfn_t mfn, unsigned index, pte_t val)
{
    struct frame_info *fi = mfn_to_frame(mfn);

    if (!fi || !run_holds(r, mfn, fi))
        return run_open(r, mfn, fi, index, val);
    if (frame_type(fi) == FT_L1)
        return mod_l1e_mapped(r->pg_owner, r->map, index, val, &r->flush);
    return mod_entry_mapped(r->d, r->pg_owner, mfn, r->map, frame_type(fi), index, val,
                            &r->flush);
}

/*
 * Write one descriptor (checked, and fixed up as Xen does) as entry
 * `index` of a frame of d: a descriptor page in use keeps its type (its
 * other descriptors are already checked); any other frame must be able to
 * take a writable type, so a page table is refused.
 */
int mm_update_descriptor(const struct domain *d, mfn_t mfn, unsigned index, uint32_t lo,
                         uint32_t hi)
{
    const struct frame_info *fi;
    uint32_t type, *w;

    if (!descriptor_check(&lo, &hi) || get_page(mfn, d))
        return -XEN_EINVAL;
    fi = mfn_to_frame(mfn);
    type = frame_type(fi) == FT_SEG_DESC && frame_type_count(fi) ? FT_SEG_DESC : FT_WRITABLE;
    if (get_page_type(mfn, type, d)) {
        put_page(mfn);
        return -XEN_EINVAL;
    }
    w = map_domain_page(mfn);
    w[index * 2] = lo;
    w[index * 2 + 1] = hi;
    unmap_domain_page(w);
    put_page_and_type(mfn);
    return 0;
}

int pin_table(const struct domain *d, mfn_t mfn, uint32_t type)
{
    struct frame_info *fi;
    int rc = get_page_and_type(mfn, d, type);

    if (rc)
        return rc;
    fi = mfn_to_frame(mfn);
    if (fi->type_info & FT_PINNED) {
        put_page_and_type(mfn);
        return -XEN_EINVAL;             /* already pinned */
    }
    fi->type_info |= FT_PINNED;
    return 0;
}

void mm_drop_pin(const struct domain *d, mfn_t mfn)
{
    if (mfn_to_frame(mfn)->type_info & FT_PINNED)
        unpin_table(d, mfn);
}

bool mm_frame_referenced(mfn_t mfn)
{
    const struct frame_info *fi = mfn_to_frame(mfn);

    return fi->count_info || frame_type_count(fi);
}

int unpin_table(const struct domain *d, mfn_t mfn)
{
    struct frame_info *fi = mfn_to_frame(mfn);

    if (!fi || fi->state != FRAME_INUSE || fi->owner != d->id || !(fi->type_info & FT_PINNED))
        return -XEN_EINVAL;
    fi->type_info &= ~FT_PINNED;
    put_page_and_type(mfn);
    return 0;
}
