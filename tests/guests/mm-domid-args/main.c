/*
 * mm-domid-args: every call that takes a domain, asked about every kind
 * of domain id (docs/memory.md, foreigndom).  Each row of the sweep is one
 * call -- mmu_update and mmuext_op with the id as foreigndom (an empty
 * batch, and one request of each kind), mmu_update with a page-table
 * owner in foreigndom's high half, and memory_op's reservation queries --
 * each column one kind of id:
 *
 *   DOMID_SELF           the caller
 *   0                    the caller's own id: Xen's mm calls refuse a
 *                        domain naming itself as foreign
 *   DOMID_IO, DOMID_XEN  page owners that are no domain: they own none of
 *                        the caller's frames, and calls about the
 *                        caller's own vCPU refuse them
 *   the rest             DOMID_COW, DOMID_INVALID, DOMID_IDLE, absent
 *                        ids, ids beyond 0x7FFF: no such domain
 *
 * Another existing domain needs two domains, which Xen cannot boot here.
 * The one answer that differs on purpose is an empty mmuext_op batch,
 * which Xen's 32-bit layer returns from before it reads foreigndom
 * (docs/xen-differences.md); an unreadable one is -ESRCH on both for a
 * bad id.
 */
#include "../lib/mm.h"

const char test_title[] = "every call that takes a domain answers each kind of domain id as on Xen";

enum { SLOT, OTHER, DATA, L1, L2, SPARE_L1 };
#define ESRCH_ (-XEN_ESRCH)
#define EPERM_ (-XEN_EPERM)
#define EINVAL_ (-XEN_EINVAL)
#define EBUSY_ (-XEN_EBUSY)
#define EFAULT_ (-XEN_EFAULT)
#define UNMAPPED 0x40000000U
#define PAGES 0x7000001L                /* the caller's current reservation */
#define AT_LEAST_PAGES 0x7000002L       /* that or more */
#define PT_OWNER(d) ((uint32_t)((d) + 1) << 16)

enum call {
    MMU_EMPTY, MMU_L1_FRAME, MMU_L1_FAST, MMU_L1_CLEAR, MMU_L2, MMU_L2_CLEAR, MMU_DATA,
    MMU_MACHPHYS, MMU_PT_SELF, MMU_PT_ABSENT, MMU_PT_DOMID_SELF,
    EXT_EMPTY, EXT_UNREADABLE, EXT_FLUSH, EXT_INVLPG, EXT_PIN, EXT_UNPIN, EXT_BASEPTR,
    EXT_SET_LDT, MEM_CURRENT, MEM_MAXIMUM, CALLS
};

static const char *const call_names[CALLS] = {
    "mmu_update, no requests", "mmu_update, an L1 entry to another frame",
    "mmu_update, an L1 entry's A bit", "mmu_update, an L1 entry cleared",
    "mmu_update, an L2 entry", "mmu_update, an L2 entry cleared", "mmu_update, a data page",
    "mmu_update, MMU_MACHPHYS_UPDATE", "mmu_update, tables of domain 0 (+1 << 16)",
    "mmu_update, tables of absent domain 1", "mmu_update, tables of DOMID_SELF",
    "mmuext_op, no ops", "mmuext_op, an unreadable op", "mmuext_op, TLB_FLUSH_LOCAL", "mmuext_op, INVLPG_LOCAL",
    "mmuext_op, PIN_L1_TABLE", "mmuext_op, UNPIN_TABLE", "mmuext_op, NEW_BASEPTR",
    "mmuext_op, SET_LDT", "memory_op, current_reservation", "memory_op, maximum_reservation",
};

enum kind { SELF, OWN_ID, SPECIAL, NONE, KINDS };

static const struct { uint16_t id; enum kind kind; } ids[] = {
    { DOMID_SELF, SELF }, { 0, OWN_ID }, { DOMID_IO, SPECIAL }, { DOMID_XEN, SPECIAL },
    { DOMID_COW, NONE }, { DOMID_INVALID, NONE }, { DOMID_IDLE, NONE }, { 1, NONE },
    { 0x7FEF, NONE }, { 0x8000, NONE }, { 0xFFFF, NONE },
};

/* Each call's answer for each kind of id. */
static const long answers[KINDS][CALLS] = {
    [SELF] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, ESRCH_, ESRCH_,
               0, EFAULT_, 0, 0, 0, 0, 0, 0, PAGES, AT_LEAST_PAGES },
    [OWN_ID] = { ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_,
                 ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_,
                 ESRCH_, PAGES, AT_LEAST_PAGES },
    [SPECIAL] = { 0, EBUSY_, 0, 0, EINVAL_, EINVAL_, 0, EINVAL_, 0, ESRCH_, ESRCH_,
                  0, EFAULT_, EPERM_, EPERM_, EINVAL_, EINVAL_, EPERM_, EPERM_, ESRCH_, ESRCH_ },
    [NONE] = { ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_,
               ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_, ESRCH_,
               ESRCH_, ESRCH_, ESRCH_ },
};

/* Xen's 32-bit layer translates a mmuext_op batch and hands each part
 * to the code that reads foreigndom: an empty batch never gets there. */
static long xen_answer(enum kind k, enum call c)
{
    return c == EXT_EMPTY ? 0 : answers[k][c];
}

static uint64_t slot_l1e, slot, l2e;
static uint32_t l3_mfn;

static long mmu(uint64_t ptr, uint64_t val, uint32_t dom)
{
    struct mmu_update u = { ptr, val };

    return hypercall_mmu_update(&u, 1, NULL, dom);
}

static long ext(uint32_t cmd, uint32_t arg1, uint32_t dom)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };

    return hypercall_mmuext_op(&op, 1, NULL, dom);
}

static long mmu_call(enum call c, uint32_t dom)
{
    switch (c) {
    case MMU_EMPTY: return hypercall_mmu_update(NULL, 0, NULL, dom);
    case MMU_L1_FRAME: return mmu(slot_l1e, pfn_to_maddr(scratch_pfn(OTHER)) | PMAP_P, dom);
    case MMU_L1_FAST: return mmu(slot_l1e, slot & ~PMAP_A, dom);
    case MMU_L1_CLEAR: return mmu(slot_l1e, 0, dom);
    case MMU_L2: return mmu(l2e, pfn_to_maddr(scratch_pfn(L1)) | PMAP_TABLE, dom);
    case MMU_L2_CLEAR: return mmu(l2e, 0, dom);
    case MMU_DATA: return mmu(pfn_to_maddr(scratch_pfn(DATA)) + 8, 0x1234, dom);
    case MMU_MACHPHYS:
        return mmu(pfn_to_maddr(scratch_pfn(DATA)) | MMU_MACHPHYS_UPDATE, pfn_x(scratch_pfn(DATA)), dom);
    case MMU_PT_SELF: return hypercall_mmu_update(NULL, 0, NULL, dom | PT_OWNER(0));
    case MMU_PT_ABSENT: return hypercall_mmu_update(NULL, 0, NULL, dom | PT_OWNER(1));
    default: return hypercall_mmu_update(NULL, 0, NULL, dom | PT_OWNER(DOMID_SELF));
    }
}

static long ext_call(enum call c, uint32_t dom)
{
    switch (c) {
    case EXT_EMPTY: return hypercall_mmuext_op(NULL, 0, NULL, dom);
    case EXT_UNREADABLE:
        return hypercall_mmuext_op((const struct mmuext_op *)(uintptr_t)UNMAPPED, 1, NULL, dom);
    case EXT_FLUSH: return ext(MMUEXT_TLB_FLUSH_LOCAL, 0, dom);
    case EXT_INVLPG: return ext(MMUEXT_INVLPG_LOCAL, 0, dom);
    case EXT_PIN: return ext(MMUEXT_PIN_L1_TABLE, mfn_x(pfn_to_mfn(scratch_pfn(SPARE_L1))), dom);
    case EXT_UNPIN: return ext(MMUEXT_UNPIN_TABLE, mfn_x(pfn_to_mfn(scratch_pfn(L1))), dom);
    case EXT_BASEPTR: return ext(MMUEXT_NEW_BASEPTR, l3_mfn, dom);
    default: return ext(MMUEXT_SET_LDT, 0, dom);
    }
}

/* Put back whatever a call that succeeded changed. */
static void undo(enum call c)
{
    if (c <= MMU_L1_CLEAR)
        mmu_update_one(slot_l1e, slot);
    else if (c == MMU_L2)
        mmu_update_one(l2e, 0);
    else if (c == EXT_PIN)
        mmuext_one(MMUEXT_UNPIN_TABLE, pfn_to_mfn(scratch_pfn(SPARE_L1)));
    else if (c == EXT_UNPIN)
        mmuext_one(MMUEXT_PIN_L1_TABLE, pfn_to_mfn(scratch_pfn(L1)));
}

static long run(enum call c, uint16_t id)
{
    domid_t d = id;

    if (c == MEM_CURRENT || c == MEM_MAXIMUM)
        return hypercall_memory_op(c == MEM_CURRENT ? XENMEM_current_reservation :
                                   XENMEM_maximum_reservation, &d);
    return c < EXT_EMPTY ? mmu_call(c, id) : ext_call(c, id);
}

static bool matches(long rc, long want, long pages)
{
    if (want == PAGES)
        return rc == pages;
    if (want == AT_LEAST_PAGES)
        return rc >= pages;
    return rc == want;
}

void test_main(void)
{
    bool ringleader = on_ringleader();
    domid_t self = DOMID_SELF;
    long pages = hypercall_memory_op(XENMEM_current_reservation, &self);

    if (!(start_info->flags & SIF_INITDOMAIN))
        test_error("this sweep runs as domain 0, whose own id it asks about");
    slot_l1e = pmap_l1e_maddr((uint32_t)(uintptr_t)scratch_va(SLOT));
    slot = pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_KERNEL_RW;
    l2e = pfn_to_maddr(scratch_pfn(L2)) + 7 * sizeof(pte_t);
    l3_mfn = mfn_x(pfn_to_mfn(virt_to_pfn((const void *)(uintptr_t)start_info->pt_base)));
    expect_rc("make and pin an L1", pmap_make_table(scratch_pfn(L1)) ?: pmap_pin(scratch_pfn(L1), 1), 0);
    expect_rc("make and pin an L2", pmap_make_table(scratch_pfn(L2)) ?: pmap_pin(scratch_pfn(L2), 2), 0);
    expect_rc("make a spare L1", pmap_make_table(scratch_pfn(SPARE_L1)), 0);
    for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        for (enum call c = 0; c < CALLS; c++) {
            long rc = run(c, ids[i].id);
            long want = ringleader ? answers[ids[i].kind][c] : xen_answer(ids[i].kind, c);
            printf("domain %#x, %s: %ld\n", ids[i].id, call_names[c], rc);
            if (!matches(rc, want, pages))
                test_failure("domain %#x, %s: %ld, expected %ld", ids[i].id, call_names[c], rc, want);
            if (rc == 0)
                undo(c);
        }
    test_success();
}
