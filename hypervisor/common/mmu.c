/*
 * mmu.c - the page-table hypercalls: mmu_update, update_va_mapping and
 * mmuext_op (see hypercall-abi/mmu.h).  They decode and check the guest's
 * requests; mm.c enforces the type and reference rules.
 *
 * A batch ends with one TLB flush if it needs one -- an entry replaced or
 * removed, an L3 changed, a table unpinned, or a flush asked for -- so no
 * stale translation outlives the reference that allowed it.
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "mm.h"
#include "mmu.h"
#include "guest_ldt.h"
#include "paging.h"
#include "isolation.h"
#include "../../hypercall-abi/xen.h"
#include "../../hypercall-abi/mmu.h"

#define PTE_SIZE sizeof(pte_t)
#define MMU_CMD_MASK (PTE_SIZE - 1)     /* a request's command: ptr's low bits */
#define FOREIGNDOM_MASK 0xFFFFU
#define PT_OWNER_SHIFT 16               /* mmu_update: the tables' owner + 1 */

/*
 * Xen's page owners that are no domain: DOMID_IO, whose frames are I/O
 * memory, and DOMID_XEN, the hypervisor's own.  Neither owns a frame a
 * guest may map here -- no domain is given I/O memory, and the
 * hypervisor's frames are reserved -- so through them every new L1 entry
 * to a frame is refused, as Xen refuses them a RAM frame.
 */
static const struct domain dom_io = { .id = DOMID_IO }, dom_xen = { .id = DOMID_XEN };

/* A batch's bookkeeping: the caller's counters, and the run of updates,
 * which also names the page owner (run.pg_owner: whose frames L1 entries
 * may name) and whether the batch must end with a TLB flush (run.flush). */
struct batch {
    struct domain *d;
    uint32_t count, done;
    vaddr_t pdone;
    uint32_t foreigndom;
    struct mm_run run;
};

/* A domain by its real id: DOMID_SELF names none here. */
static struct domain *real_domain(uint16_t id)
{
    return id == DOMID_SELF ? NULL : domain_by_id(id);
}

/*
 * The low 16 bits of foreigndom name the page owner, as Xen's
 * get_pg_owner() reads them: DOMID_SELF is the caller, DOMID_IO and
 * DOMID_XEN the owners above; the caller's own id (Xen refuses a domain
 * naming itself) and an unknown one are -ESRCH.  Another domain's frames
 * need a control domain, which does not exist yet: -EPERM.  So do the
 * special owners for an unprivileged caller, except DOMID_IO for
 * mmu_update, which Xen lets any domain name (for the I/O memory it was
 * given).
 */
static int page_owner(struct batch *b, uint16_t dom, uint32_t nr)
{
    const struct domain *other = real_domain(dom);

    if (dom == DOMID_SELF) {
        b->run.pg_owner = b->d;
        return 0;
    }
    if (dom == b->d->id || (!other && dom != DOMID_IO && dom != DOMID_XEN))
        return -XEN_ESRCH;
    if (other)
        return -XEN_EPERM;
    b->run.pg_owner = dom == DOMID_IO ? &dom_io : &dom_xen;
    return b->d->privileged || (dom == DOMID_IO && nr == __HYPERVISOR_mmu_update) ? 0 : -XEN_EPERM;
}

/* mmu_update's high 16 bits, when set, name the tables' owner plus one:
 * it must exist (-ESRCH), and be the caller (no control domain: -EPERM). */
static int table_owner(const struct batch *b, uint32_t foreigndom, uint32_t nr)
{
    uint32_t pt = foreigndom >> PT_OWNER_SHIFT;

    if (nr != __HYPERVISOR_mmu_update || pt == 0)
        return 0;
    if (!real_domain((uint16_t)(pt - 1)))
        return -XEN_ESRCH;
    return real_domain((uint16_t)(pt - 1)) == b->d ? 0 : -XEN_EPERM;
}

/* Decode count/done/foreigndom the way Xen does (see MMU_UPDATE_PREEMPTED). */
static int batch_begin(struct batch *b, uint32_t nr, uint32_t count, vaddr_t pdone,
                       uint32_t foreigndom)
{
    int rc;

    /* Field by field: this runs for every batch, even an empty one. */
    b->d = current_domain();
    b->count = count;
    b->done = 0;
    b->pdone = pdone;
    b->foreigndom = foreigndom;
    mm_run_init(&b->run, b->d, b->d);
    if ((rc = table_owner(b, foreigndom, nr)) || (rc = page_owner(b, foreigndom & FOREIGNDOM_MASK, nr)))
        return rc;
    if (count & MMU_UPDATE_PREEMPTED) {
        b->count = count & ~MMU_UPDATE_PREEMPTED;
        if (pdone && copy_from_guest(&b->done, pdone, sizeof(b->done)) < 0)
            return -XEN_EFAULT;
    }
    return 0;
}

/* The guest's done counter is written back; like Xen, a done pointer that
 * cannot be written is not an error of the batch. */
static long batch_end(struct batch *b, long rc)
{
    mm_run_end(&b->run);
    if (b->run.flush)
        flush_tlb_local();
    if (b->pdone)
        copy_to_guest(b->pdone, &b->done, sizeof(b->done));
    return rc;
}

/* Preempted after item i: the rest of the array is a new call. */
static long batch_continue(struct batch *b, uint32_t nr, vaddr_t items, uint32_t i,
                           size_t item_size)
{
    const uint32_t rest[HYPERCALL_NR_ARGS] = {
        items + i * item_size, (b->count - i) | MMU_UPDATE_PREEMPTED, b->pdone, b->foreigndom,
    };

    batch_end(b, 0);
    return hypercall_continue(nr, 4, rest);
}

static bool batch_preempt(uint32_t i)
{
    return i > 0 && i % HYPERCALL_PREEMPT_EVERY == 0 && hypercall_preempt_check();
}

/* MMU_NORMAL_PT_UPDATE: a table entry, or a word of a data page (mm.c). */
static int normal_update(struct batch *b, paddr_t ptr, uint64_t val)
{
    unsigned index = (unsigned)(ptr & (PAGE_SIZE - 1)) / PTE_SIZE;

    return mm_normal_update(&b->run, maddr_to_mfn(ptr), index, val);
}

/* The frame must be the page owner's, as Xen has it. */
static int machphys_update(struct batch *b, paddr_t ptr, uint64_t val)
{
    mfn_t mfn = maddr_to_mfn(ptr);

    if (get_page(mfn, b->run.pg_owner))
        return -XEN_EINVAL;
    m2p_set(mfn, (uint32_t)val);
    put_page(mfn);
    return 0;
}

static int one_update(struct batch *b, const struct mmu_update *req)
{
    paddr_t ptr = req->ptr & ~(paddr_t)MMU_CMD_MASK;

    switch (req->ptr & MMU_CMD_MASK) {
    case MMU_NORMAL_PT_UPDATE:
        return normal_update(b, ptr, req->val);
    case MMU_MACHPHYS_UPDATE:
        return machphys_update(b, ptr, req->val);
    default:
        return -XEN_ENOSYS;
    }
}

/*
 * The loop both batch hypercalls share -- args (items, count, done,
 * foreigndom): read each item, apply it with `one`, stop at the first
 * error, count what was done, and continue itself when preempted.
 */
union batch_item {
    struct mmu_update update;
    struct mmuext_op ext;
};

typedef int batch_item_fn(struct batch *b, const union batch_item *item);

static long run_batch(uint32_t nr, const uint32_t args[HYPERCALL_NR_ARGS], size_t item_size,
                      batch_item_fn *one)
{
    const vaddr_t items = args[0];
    union batch_item item;
    struct batch b;
    long rc = batch_begin(&b, nr, args[1], args[2], args[3]);

    for (uint32_t i = 0; !rc && i < b.count; i++) {
        if (batch_preempt(i))
            return batch_continue(&b, nr, items, i, item_size);
        if (copy_from_guest(&item, items + i * item_size, item_size) < 0)
            rc = -XEN_EFAULT;
        else if ((rc = one(&b, &item)) == 0)
            b.done++;
    }
    return batch_end(&b, rc);
}

static int one_update_item(struct batch *b, const union batch_item *item)
{
    return one_update(b, &item->update);
}

/* mmu_update(reqs, count, done, foreigndom): see hypercall-abi/mmu.h. */
long do_mmu_update(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return run_batch(__HYPERVISOR_mmu_update, args, sizeof(struct mmu_update), one_update_item);
}

mfn_t mmu_l1_of(const struct vcpu *v, vaddr_t va)
{
    mfn_t table = v->l3_mfn;
    unsigned index[] = { l3_index(va), l2_index(va) };

    for (unsigned level = 0; level < ARRAY_SIZE(index); level++) {
        pte_t *t = map_domain_page(table);
        pte_t e = t[index[level]];
        unmap_domain_page(t);
        if (!(e & PTE_P) || (e & PTE_PSE))
            return INVALID_MFN;
        table = pte_mfn(e);
    }
    return table;
}

/* update_va_mapping(va, val_lo, val_hi, flags): see hypercall-abi/mmu.h. */
long do_update_va_mapping(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const vaddr_t va = args[0];
    const pte_t val = (pte_t)args[2] << 32 | args[1];
    const uint32_t flags = args[3];
    struct domain *d = current_domain();
    bool flush = false;
    mfn_t l1;
    int rc;

    if (va >= HYPERVISOR_VIRT_START)
        return -XEN_EINVAL;
    l1 = mmu_l1_of(current_vcpu(), va);
    if (mfn_eq(l1, INVALID_MFN))
        return -XEN_EINVAL;
    rc = mm_mod_l1e(d, l1, l1_index(va), val, &flush);
    if (rc)
        return rc;
    if (flush || (flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH)
        flush_tlb_local();
    else if ((flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG)
        flush_tlb_one(va);
    return 0;
}

/* MMUEXT_NEW_BASEPTR (and MOV to CR3): the new L3 takes a type
 * reference, the old drops one. */
int mmu_new_baseptr(struct vcpu *v, mfn_t mfn)
{
    mfn_t old = v->l3_mfn;
    int rc = get_page_and_type(mfn, v->domain, FT_L3);

    if (rc)
        return rc;
    v->l3_mfn = mfn;
    isolation_load_guest(mfn);
    put_page_and_type(old);
    guest_ldt_new_baseptr(v);
    return 0;
}

/* The commands that act on the caller's own vCPU or TLB: another page
 * owner makes no sense for them (-EPERM, as in Xen). */
static bool acts_on_caller(uint32_t cmd)
{
    return cmd == MMUEXT_NEW_BASEPTR || cmd == MMUEXT_SET_LDT ||
           (cmd >= MMUEXT_TLB_FLUSH_LOCAL && cmd <= MMUEXT_INVLPG_ALL);
}

/* Pins and unpins name a frame of the page owner. */
static int one_ext_op(struct batch *b, const struct mmuext_op *op)
{
    static const uint32_t pin_types[] = {
        [MMUEXT_PIN_L1_TABLE] = FT_L1, [MMUEXT_PIN_L2_TABLE] = FT_L2,
        [MMUEXT_PIN_L3_TABLE] = FT_L3,
    };

    if (b->run.pg_owner != b->d && acts_on_caller(op->cmd))
        return -XEN_EPERM;
    switch (op->cmd) {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
        return pin_table(b->run.pg_owner, _mfn(op->arg1.mfn), pin_types[op->cmd]);
    case MMUEXT_UNPIN_TABLE:
        b->run.flush = true;
        return unpin_table(b->run.pg_owner, _mfn(op->arg1.mfn));
    case MMUEXT_NEW_BASEPTR:
        return mmu_new_baseptr(current_vcpu(), _mfn(op->arg1.mfn));
    case MMUEXT_TLB_FLUSH_LOCAL:
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_TLB_FLUSH_ALL:
        b->run.flush = true;
        return 0;
    case MMUEXT_SET_LDT:
        return guest_ldt_set(current_vcpu(), op->arg1.linear_addr, op->arg2.nr_ents);
    case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_INVLPG_MULTI:
    case MMUEXT_INVLPG_ALL:
        flush_tlb_one(op->arg1.linear_addr);
        return 0;
    default:
        return -XEN_ENOSYS;
    }
}

static int one_ext_op_item(struct batch *b, const union batch_item *item)
{
    return one_ext_op(b, &item->ext);
}

/* mmuext_op(ops, count, done, foreigndom): see hypercall-abi/mmu.h. */
long do_mmuext_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    return run_batch(__HYPERVISOR_mmuext_op, args, sizeof(struct mmuext_op), one_ext_op_item);
}
