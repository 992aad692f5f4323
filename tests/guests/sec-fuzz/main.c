/*
 * sec-fuzz: a hypercall fuzzer.  A seeded xorshift generator picks
 * hypercall numbers (0-63, some of 64-127 and wild ones) and arguments
 * biased toward what breaks a hypervisor: boundary values and counts
 * near their limits; pointers into the hypervisor area (the M2P, the map
 * cache, the direct map, the last page), to unmapped memory and across
 * the end of a buffer; machine addresses of its own live page tables,
 * another domain's frames, the hypervisor's, and frames beyond RAM.
 * mmu_update and mmuext_op requests, update_va_mapping values and
 * multicall batches are drawn the same way.
 *
 * It checks that every call returns, with a Xen errno or a success value,
 * and that nothing the page-table rules refuse gets through.  tests/run
 * checks the rest: no panic, no "(RL) BUG" line (so every frame came
 * back), and the sec-witness domain beside it intact.
 *
 * A random call can legitimately hurt the caller, so it keeps to rules
 * under which it survives whatever the hypervisor accepts:
 *   - never iret (it would return through whatever is on the stack),
 *     sched_op block, shutdown, poll, remote_shutdown or watchdog,
 *     sched_op_compat block or shutdown, or vcpu_op down: those end or
 *     wedge it;
 *   - writes by machine address and page-table values go only to frames
 *     it can spare: a scratch L1 (hooked in at WINDOW_VA, so that
 *     update_va_mapping has a live L1 to change too), a standalone
 *     scratch L2, loose and data pages.  Its live tables, and the
 *     addresses of its code and data, get only values that
 *     docs/memory.md's rules refuse however the other calls went (a
 *     writable mapping of a table in use, a reserved bit, a frame not its
 *     own or beyond RAM, a hypervisor slot, L3 slot 3), and each must
 *     fail.  NEW_BASEPTR names only frames that cannot become an L3;
 *   - pointers go to its argument pages (refilled before each call), the
 *     M2P, the hypervisor area or unmapped pages (its first 64 KiB are
 *     unmapped for that), and no other generated word points into its
 *     own pages, so whatever the hypervisor writes lands in the argument
 *     pages or nowhere.  The arrays of mmu_update, mmuext_op and
 *     multicall are built to these rules, never read from the argument
 *     pages' random words;
 *   - after set_trap_table its own trap table goes back, after
 *     set_debugreg DR7 0.  A fault it takes anyway (a data breakpoint,
 *     say) abandons that call, is counted, and the next one starts.
 * Every check=K calls and at the end it compares its live page tables
 * (all but the hypervisor's slots, the entries of its loose and data
 * pages, and the A and D bits) and its code with what they were.
 *
 * Arguments: seed=S (default 1), n=N calls (default 100000, a few
 * seconds under TCG), check=K (default 1024).  It prints "fuzz: N calls,
 * ..." with the TSC ticks per call, and the results by errno.
 */
#include "../lib/mm.h"
#include "../lib/traps.h"
#include "../../../hypercall-abi/vcpu.h"

const char test_title[] = "random hypercalls leave the hypervisor and the others intact";

extern const char _start[], __user_start[];   /* the image, and the end of its code */

#define PTE_NX (1ULL << 63)
#define PTE_PWT 0x008ULL
#define PTE_PCD 0x010ULL
#define PTE_G 0x100ULL
#define L2_INDEX(va) (((va) >> 21) & 511)
#define HV_FIRST_SLOT L2_INDEX(HYPERVISOR_VIRT_START)  /* in the L2 under L3 slot 3 */
#define WINDOW_VA 0x20000000U  /* mapped by the scratch L1 */
#define LOW_END 0x10000U       /* below the image: unmapped, so small pointers fault */
#define MAX_FAULTS 100

/* Scratch pages, from the end of the boot stack.  Those up to S2 are
 * the fuzzer's own: never named by a generated value. */
enum {
    ARG, ARG_PAGES = 4, ARG_GUARD = ARG + ARG_PAGES,
    REQ, REQ_GUARD, OPS, OPS_GUARD, MC, MC_GUARD,
    S1, S2,
    LOOSE, NLOOSE = 4, DATA = LOOSE + NLOOSE, NDATA = 4,
    NSCRATCH = DATA + NDATA,
};
#define NREQ (PMAP_PAGE_SIZE / sizeof(struct mmu_update))
#define NOPS (PMAP_PAGE_SIZE / sizeof(struct mmuext_op))   /* and a part one at the end */
#define NMC (PMAP_PAGE_SIZE / sizeof(struct multicall_entry))
#define MC_MAX 16              /* entries in a batch */
#define ARG_BYTES (ARG_PAGES * PMAP_PAGE_SIZE)
#define MC_UNRUN 0x7EADBEEF    /* an entry's result before it runs */

/* ---- the generator ---- */

static uint32_t rng;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t below(uint32_t n)
{
    return (uint32_t)(((uint64_t)rnd() * n) >> 32);
}

static bool chance(unsigned percent)
{
    return below(100) < percent;
}

#define PICK(a) ((a)[below(ARRAY_SIZE(a))])

/* ---- the frames it names ---- */

enum kind {
    K_TABLE,        /* live tables and the scratch L1: tables for good */
    K_SCRATCH,      /* the scratch L2 and the loose pages: tables or not */
    K_DATA,         /* data pages, the unmapped ones, shared_info: may be written */
    K_IMAGE,        /* code, data, stack, argument pages: mapped writable for good */
    K_OTHER,        /* another domain's */
    K_UNOWNED,      /* the hypervisor's, or free */
    K_BEYOND,       /* past the end of RAM */
    NKINDS
};
#define KIND(k) (1U << (k))
#define ANY_KIND (KIND(NKINDS) - 1)
#define FOREIGN_KINDS (KIND(K_OTHER) | KIND(K_UNOWNED))
#define SPARE_KINDS (KIND(K_SCRATCH) | KIND(K_DATA) | FOREIGN_KINDS | KIND(K_BEYOND))
#define BASEPTR_KINDS (KIND(K_TABLE) | KIND(K_IMAGE) | FOREIGN_KINDS | KIND(K_BEYOND))
#define MAX_FRAMES 128

static struct {
    uint32_t n, seen;
    uint32_t mfn[MAX_FRAMES];
} frames[NKINDS];

/* Keep a uniform sample of each kind's frames. */
static void add_frame(enum kind k, uint32_t mfn)
{
    uint32_t i = frames[k].seen++ < MAX_FRAMES ? frames[k].n++ : below(frames[k].seen);

    if (i < MAX_FRAMES)
        frames[k].mfn[i] = mfn;
}

static uint32_t mfn_of(uint32_t kinds)
{
    enum kind k;

    do
        k = (enum kind)below(NKINDS);
    while (!(kinds & KIND(k)) || !frames[k].n);
    return frames[k].mfn[below(frames[k].n)];
}

/* The live tables, as they were after setup, to compare with later. */
#define MAX_TABLES 16
static struct live_table {
    unsigned level;
    bool hv_slots;              /* the L2 under L3 slot 3 */
    uint32_t mfn, maps;         /* an L1: the address its entry 0 maps */
    const pte_t *va;
    pte_t copy[PMAP_PAGE_SIZE / sizeof(pte_t)];
} tables[MAX_TABLES];
static unsigned ntables;

/* Addresses with no L1 at all: update_va_mapping must refuse any value. */
static uint32_t no_l1_va[] = {
    0x01000000, 0x1FFFF000, WINDOW_VA + (2U << 20), 0x40000000, 0x7FFFF000,
    0x80000000, 0xBFFFFFFC, 0xC0000000, HYPERVISOR_VIRT_START - PMAP_PAGE_SIZE,
};

static uint32_t max_ram_page, s1_mfn, s2_mfn;
static const unsigned guards[] = { ARG_GUARD, REQ_GUARD, OPS_GUARD, MC_GUARD };

/* ---- values ---- */

static uint32_t scratch_addr(unsigned page)
{
    return (uint32_t)(uintptr_t)scratch_va(page);
}

/* A word that does not point into the fuzzer's own pages. */
static uint32_t outside(uint32_t v)
{
    if (v >= (uint32_t)(uintptr_t)_start && v < scratch_addr(LOOSE))
        v ^= 0x80000000U;
    return v;
}

static uint32_t hv_pointer(void)
{
    static const uint32_t hv[] = {
        MACH2PHYS_VIRT_START, MACH2PHYS_VIRT_START + 4, MACH2PHYS_VIRT_END - 4,
        MACH2PHYS_VIRT_END, 0xF6800000, 0xF6A00000, 0xF8000000, 0xF8100000,
        0xFFFFF000, 0xFFFFFFFC, 0xFFFFFFFF, HYPERVISOR_VIRT_START - 4,
    };

    switch (below(4)) {
    case 0:
        return PICK(hv);
    case 1:                     /* a frame through the direct map */
        return 0xF8000000U + (mfn_of(FOREIGN_KINDS | KIND(K_TABLE)) & 0x7FFF) * PMAP_PAGE_SIZE;
    case 2:
        return MACH2PHYS_VIRT_START + below(MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START);
    default:
        return HYPERVISOR_VIRT_START + below(-HYPERVISOR_VIRT_START);
    }
}

/* An address with nothing mapped: no L1, a guard page, the first 64 KiB. */
static uint32_t unreadable(void)
{
    switch (below(3)) {
    case 0:
        return PICK(no_l1_va) + below(4) * 4;
    case 1:
        return scratch_addr(PICK(guards)) + below(PMAP_PAGE_SIZE);
    default:
        return below(LOW_END);
    }
}

/* A pointer: into the argument pages (sometimes across their end), the
 * hypervisor, or unmapped memory. */
static uint32_t pointer(void)
{
    switch (below(8)) {
    case 0: case 1: case 2:
        return scratch_addr(ARG) + (below(ARG_BYTES) & ~3U);
    case 3:
        return scratch_addr(ARG_GUARD) - 1 - below(16);
    case 4: case 5:
        return hv_pointer();
    default:
        return unreadable();
    }
}

static uint32_t boundary(void)
{
    static const uint32_t b[] = {
        0, 1, 2, 3, 4, 7, 8, 0xFF, 0x100, 0x1FF, 0x200, 0x201, 0x3FF, 0x400, 0xFFF,
        0x1000, 0x1001, 0x1BFF, 0x1C00, 0x1C01, 0x1FFF, 0x2000, 0x7FEF, DOMID_SELF,
        DOMID_IO, DOMID_XEN, DOMID_INVALID, 0x7FFF, 0x8000, 0xFFFF, 0x3FFFFFFF,
        0x40000000, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xBFFFFFFF, 0xC0000000,
        0xFFFFF000, 0xFFFFFF00, 0xFFFFFFF0, 0xFFFFFFFE, 0xFFFFFFFF,
    };

    return PICK(b);
}

/* A word for any argument or structure field.  It points into the
 * fuzzer's own pages only where pointer() does, and names only frames no
 * write can hurt, for a call that reads it as a frame. */
static uint32_t word(void)
{
    uint32_t v;

    switch (below(10)) {
    case 0: case 1: case 2:
        return boundary();
    case 3: case 4:
        return below(64);
    case 5: case 6:
        return pointer();
    case 7:             /* a frame number is an address too, as a pointer */
        v = mfn_of(FOREIGN_KINDS | KIND(K_BEYOND));
        break;
    case 8:
        v = (uint32_t)mfn_to_maddr(_mfn(mfn_of(FOREIGN_KINDS))) | below(0x1000);
        break;
    default:
        v = rnd();
        break;
    }
    return outside(v);
}

static uint64_t word64(void)
{
    return (uint64_t)word() << 32 | word();
}

static uint32_t domid(void)
{
    static const uint32_t ids[] = {
        0, 1, 2, DOMID_IO, DOMID_XEN, DOMID_COW, DOMID_INVALID, DOMID_IDLE, 0xFFFF,
        1U << 16 | DOMID_SELF, 2U << 16 | DOMID_SELF, 0xFFFFU << 16 | DOMID_SELF,
    };

    return chance(60) ? DOMID_SELF : chance(80) ? PICK(ids) : word();
}

static uint32_t count(uint32_t len)
{
    static const uint32_t near[] = {
        0, 1, 63, 64, 65, 511, 512, 513, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF,
    };

    return chance(70) ? len : chance(50) ? len + 1 : PICK(near);
}

/* Entry bits, mostly allowed ones, now and then a refused one. */
static uint64_t pte_flags(void)
{
    uint64_t f = below(0x1000) & ~(PTE_PWT | PTE_PCD | PMAP_PSE | PTE_G);

    f |= chance(80) ? PMAP_P : 0;
    if (chance(10))
        f |= PICK(((uint64_t[]){ PTE_PWT, PTE_PCD, PMAP_PSE, PTE_G }));
    if (chance(5))
        f |= PICK(((uint64_t[]){ PTE_NX, 1ULL << 52, 1ULL << (36 + below(27)) }));
    return f;
}

/* An entry naming a frame of one of the kinds; the fuzzer's own pages
 * only read-only. */
static uint64_t pte_of(uint32_t kinds)
{
    uint32_t mfn = mfn_of(kinds);
    uint64_t e = mfn_to_maddr(_mfn(mfn)) | pte_flags();

    for (unsigned i = 0; i < frames[K_IMAGE].n; i++)
        if (frames[K_IMAGE].mfn[i] == mfn)
            return e & ~PMAP_RW;
    return e;
}

static uint32_t beyond_mfn(void)
{
    return max_ram_page + below(0x1000000 - max_ram_page);
}

/* A present L1 entry no L1 may hold, whatever happened before. */
static uint64_t refused_l1e(void)
{
    switch (below(4)) {
    case 0:
        return mfn_to_maddr(_mfn(mfn_of(KIND(K_TABLE)))) | PMAP_KERNEL_RW | (below(2) * PMAP_US);
    case 1:
        return pte_of(ANY_KIND) | PMAP_P | PICK(((uint64_t[]){ PTE_NX, 1ULL << 52, 1ULL << 62 }));
    case 2:
        return mfn_to_maddr(_mfn(mfn_of(FOREIGN_KINDS))) | PMAP_P | (pte_flags() & 0xFFF);
    default:
        return mfn_to_maddr(_mfn(beyond_mfn())) | PMAP_P | (pte_flags() & 0xFFF);
    }
}

/* A value the rules refuse at entry idx of a live table. */
static uint64_t refused_entry(const struct live_table *t, unsigned idx)
{
    if ((t->level == 3 && idx >= 3) || (t->hv_slots && idx >= HV_FIRST_SLOT))
        return word64();
    if (t->level == 1)
        return refused_l1e();
    switch (below(3)) {
    case 0:     /* a frame mapped writable cannot be a table */
        return mfn_to_maddr(_mfn(mfn_of(KIND(K_IMAGE)))) | PMAP_P | (pte_flags() & 0x7F);
    case 1:
        return mfn_to_maddr(_mfn(mfn_of(KIND(K_TABLE)))) | PMAP_P |
               PICK(((uint64_t[]){ PMAP_PSE, PTE_PWT, PTE_PCD, PTE_NX, 1ULL << 52 }));
    default:
        return mfn_to_maddr(_mfn(chance(50) ? mfn_of(FOREIGN_KINDS) : beyond_mfn())) | PMAP_P;
    }
}

static unsigned entry_index(void)
{
    return chance(30) ? PICK(((unsigned[]){ 0, 1, 2, 3, 4, 427, 428, 511 })) : below(512);
}

static uint64_t maddr_in(uint32_t mfn)
{
    return mfn_to_maddr(_mfn(mfn)) + entry_index() * sizeof(pte_t);
}

/* ---- requests ---- */

static struct mmu_update *reqs(void) { return (struct mmu_update *)scratch_va(REQ); }
static struct mmuext_op *ops(void) { return (struct mmuext_op *)scratch_va(OPS); }
static struct multicall_entry *mcs(void) { return (struct multicall_entry *)scratch_va(MC); }

static struct mmu_update random_req(void)
{
    const struct live_table *t;
    uint64_t ptr;

    switch (below(10)) {
    case 0: case 1: case 2:
        return (struct mmu_update){ maddr_in(s1_mfn), pte_of(ANY_KIND) };
    case 3:
        return (struct mmu_update){ maddr_in(s2_mfn), pte_of(ANY_KIND) };
    case 4:
        return (struct mmu_update){ maddr_in(mfn_of(SPARE_KINDS)),
                                    chance(50) ? pte_of(ANY_KIND) : word64() };
    case 5: case 6:
        t = &tables[below(ntables)];
        ptr = maddr_in(t->mfn);
        return (struct mmu_update){ ptr, refused_entry(t, (ptr & 0xFFF) / sizeof(pte_t)) };
    case 7: case 8:
        return (struct mmu_update){ maddr_in(mfn_of(ANY_KIND)) | MMU_MACHPHYS_UPDATE, word64() };
    default:    /* MMU_PT_UPDATE_PRESERVE_AD and the rest write entries too, if any do */
        return (struct mmu_update){ maddr_in(mfn_of(SPARE_KINDS)) | (2 + below(6)), word64() };
    }
}

static struct mmuext_op random_op(void)
{
    struct mmuext_op op = { .cmd = chance(90) ? below(16) : word() };

    switch (op.cmd) {
    case MMUEXT_PIN_L1_TABLE: case MMUEXT_PIN_L2_TABLE: case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE: case MMUEXT_UNPIN_TABLE:
        op.arg1.mfn = mfn_of(ANY_KIND);
        break;
    case MMUEXT_NEW_BASEPTR:
        op.arg1.mfn = mfn_of(BASEPTR_KINDS);
        break;
    case MMUEXT_INVLPG_LOCAL: case MMUEXT_INVLPG_MULTI: case MMUEXT_INVLPG_ALL:
    case MMUEXT_SET_LDT:
        op.arg1.linear_addr = chance(50) ? pointer() : word();
        op.arg2.nr_ents = chance(50) ? PICK(((uint32_t[]){ 0, 1, 8191, 8192, 8193 })) : pointer();
        break;
    case MMUEXT_TLB_FLUSH_LOCAL: case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_TLB_FLUSH_ALL:
        op.arg2.vcpumask = pointer();
        break;
    default:    /* COPY_PAGE, CLEAR_PAGE and the unknown: frames it can spare */
        op.arg1.mfn = mfn_of(SPARE_KINDS);
        op.arg2.src_mfn = mfn_of(ANY_KIND);
        break;
    }
    return op;
}

/* Requests [first, first + len) of the page, fresh; the rest of the page
 * holds older ones, which a count too large reads before the guard. */
static uint32_t req_array(uint32_t *len)
{
    uint32_t first = below(NREQ);

    *len = 1 + below(chance(80) ? 8 : NREQ - first);
    if (first + *len > NREQ)
        *len = NREQ - first;
    for (uint32_t i = first; i < first + *len; i++)
        reqs()[i] = random_req();
    return (uint32_t)(uintptr_t)&reqs()[first];
}

static uint32_t op_array(uint32_t *len)
{
    uint32_t first = below(NOPS);

    *len = 1 + below(chance(80) ? 4 : NOPS - first);
    if (first + *len > NOPS)
        *len = NOPS - first;
    for (uint32_t i = first; i < first + *len; i++)
        ops()[i] = random_op();
    return (uint32_t)(uintptr_t)&ops()[first];
}

/* Where a batch's array is not: never the argument pages, whose words
 * are not requests made to be safe. */
static uint32_t bad_array(void)
{
    return chance(50) ? hv_pointer() : unreadable();
}

/* Fill `bytes` of the argument pages from a random place with words, and
 * point there. */
static uint32_t arg_struct(uint32_t bytes)
{
    uint32_t off = below(ARG_BYTES / 4) * 4, *p = scratch_va(ARG);

    for (uint32_t i = off / 4; i < (off + bytes) / 4 && i < ARG_BYTES / 4; i++)
        p[i] = word();
    return scratch_addr(ARG) + off;
}

/* ---- calls ---- */

struct call {
    uint32_t nr, a[5];
};

static struct call last_call;   /* for the report when a check fails */

enum { REPAIR_TRAPS = 1, REPAIR_DEBUG = 2 };
static unsigned repair;         /* what the calls so far changed that it needs */

static bool sched_cmd_ok(uint32_t cmd)
{
    return cmd != SCHEDOP_block && cmd != SCHEDOP_shutdown && cmd != SCHEDOP_poll &&
           cmd != 4 /* remote_shutdown */ && cmd != 6 /* watchdog */;
}

static uint32_t random_nr(void)
{
    static const uint32_t busy[] = {
        __HYPERVISOR_mmu_update, __HYPERVISOR_mmu_update, __HYPERVISOR_mmuext_op,
        __HYPERVISOR_mmuext_op, __HYPERVISOR_update_va_mapping,
        __HYPERVISOR_update_va_mapping, __HYPERVISOR_multicall,
        __HYPERVISOR_update_va_mapping_otherdomain, __HYPERVISOR_update_descriptor,
        __HYPERVISOR_set_gdt, __HYPERVISOR_memory_op, __HYPERVISOR_xen_version,
        __HYPERVISOR_set_trap_table, __HYPERVISOR_set_debugreg, __HYPERVISOR_sched_op,
    };
    uint32_t nr;

    do {
        switch (below(20)) {
        case 0: case 1: case 2: case 3: case 4: case 5: case 6: case 7:
            nr = PICK(busy);
            break;
        case 8:
            nr = 64 + below(64);
            break;
        case 9:
            nr = chance(50) ? boundary() : rnd();
            break;
        default:
            nr = below(64);
            break;
        }
    } while (nr == __HYPERVISOR_iret);
    return nr;
}

static void shape_update_va(struct call *c)
{
    uint64_t val;

    switch (below(5)) {
    case 0: case 1:             /* a page it can spare: any value */
        c->a[0] = chance(50) ? WINDOW_VA + below(512) * PMAP_PAGE_SIZE
                             : scratch_addr(LOOSE + below(NLOOSE + NDATA));
        val = pte_of(ANY_KIND);
        break;
    case 2:                     /* its own pages: refused */
        c->a[0] = below(scratch_addr(S2 + 1));
        val = refused_l1e();
        break;
    case 3:                     /* no L1 to change */
        c->a[0] = PICK(no_l1_va);
        val = word64();
        break;
    default:
        c->a[0] = hv_pointer();
        val = word64();
        break;
    }
    c->a[1] = (uint32_t)val;
    c->a[2] = (uint32_t)(val >> 32);
    c->a[3] = chance(70) ? below(4) : word();
}

static void shape_multicall(struct call *c, bool nested);

/* Arguments for call c->nr; nested inside a multicall or not. */
static void shape(struct call *c, bool nested)
{
    uint32_t len = 0;

    for (unsigned i = 0; i < 5; i++)
        c->a[i] = i == 0 && chance(60) ? below(16) : chance(50) ? arg_struct(64) : word();
    switch (c->nr) {
    case __HYPERVISOR_set_trap_table:
        repair |= REPAIR_TRAPS;
        break;
    case __HYPERVISOR_set_debugreg:
        repair |= REPAIR_DEBUG;
        c->a[0] = chance(80) ? below(8) : word();
        break;
    case __HYPERVISOR_mmu_update:
        c->a[0] = chance(90) ? req_array(&len) : bad_array();
        c->a[1] = count(len);
        c->a[2] = chance(30) ? 0 : pointer();
        c->a[3] = domid();
        break;
    case __HYPERVISOR_mmuext_op:
        c->a[0] = chance(90) ? op_array(&len) : bad_array();
        c->a[1] = count(len);
        c->a[2] = chance(30) ? 0 : pointer();
        c->a[3] = domid();
        break;
    case __HYPERVISOR_update_va_mapping_otherdomain:
        shape_update_va(c);
        c->a[4] = domid();
        break;
    case __HYPERVISOR_update_va_mapping:
        shape_update_va(c);
        break;
    case __HYPERVISOR_update_descriptor: {
        uint64_t ma = maddr_in(mfn_of(SPARE_KINDS | KIND(K_TABLE))) + below(2) * 4 +
                      (chance(10) ? (uint64_t)boundary() << 32 : 0);
        c->a[0] = (uint32_t)ma;
        c->a[1] = (uint32_t)(ma >> 32);
        break;
    }
    case __HYPERVISOR_set_gdt:
        for (unsigned i = 0; i < 16; i++)
            ((uint32_t *)scratch_va(ARG))[i] = mfn_of(ANY_KIND);
        c->a[0] = chance(80) ? scratch_addr(ARG) : pointer();
        c->a[1] = chance(50) ? below(16 * 512) : boundary();
        break;
    case __HYPERVISOR_console_io:
        /* A write prints nothing, or from nowhere readable: no noise. */
        if (c->a[0] == CONSOLEIO_write) {
            c->a[1] = chance(50) ? 0 : word();
            c->a[2] = c->a[1] ? unreadable() : c->a[2];
        }
        break;
    case __HYPERVISOR_sched_op:
        c->a[0] = chance(50) ? SCHEDOP_yield : c->a[0];
        if (!sched_cmd_ok(c->a[0]))
            c->a[0] = SCHEDOP_yield;
        break;
    case __HYPERVISOR_sched_op_compat:
        if (c->a[0] == SCHEDOP_block || c->a[0] == SCHEDOP_shutdown)
            c->a[0] = SCHEDOP_yield;
        break;
    case __HYPERVISOR_vcpu_op:
        if (c->a[0] == VCPUOP_down)
            c->a[0] = VCPUOP_is_up;
        break;
    case __HYPERVISOR_multicall:
        shape_multicall(c, nested);
        break;
    }
}

/* A batch at the end of its page: one entry too many reads the guard. */
static void shape_multicall(struct call *c, bool nested)
{
    uint32_t len = 1 + below(MC_MAX);
    struct multicall_entry *e = &mcs()[NMC - len];

    c->a[0] = chance(90) ? (uint32_t)(uintptr_t)e : bad_array();
    c->a[1] = count(len);
    if (nested)                 /* refused unread: no need to fill it */
        return;
    for (uint32_t i = 0; i < len; i++) {
        struct call inner = { .nr = random_nr() };
        shape(&inner, true);
        e[i] = (struct multicall_entry){ .op = inner.nr, .result = MC_UNRUN };
        memcpy(e[i].args, inner.a, sizeof(inner.a));
    }
}

/* Straight through the gate, so numbers past the 128 stubs work too. */
static long raw_hypercall(const struct call *c)
{
    long rc = c->nr;
    uint32_t b = c->a[0], cx = c->a[1], d = c->a[2], S = c->a[3], D = c->a[4];

    __asm__ volatile ("int $0x82"
                      : "+a" (rc), "+b" (b), "+c" (cx), "+d" (d), "+S" (S), "+D" (D)
                      : : "memory");
    return rc;
}

/* ---- results ---- */

static const struct { int e; const char *name; } errnos[] = {
#define E(x) { XEN_##x, #x }
    E(EPERM), E(ENOENT), E(ESRCH), E(EINTR), E(EIO), E(ENXIO), E(E2BIG), E(ENOEXEC),
    E(EBADF), E(ECHILD), E(EAGAIN), E(ENOMEM), E(EACCES), E(EFAULT), E(EBUSY), E(EEXIST),
    E(EXDEV), E(ENODEV), E(EINVAL), E(ENFILE), E(EMFILE), E(ENOSPC), E(EROFS), E(EMLINK),
    E(EDOM), E(ERANGE), E(EDEADLK), E(ENAMETOOLONG), E(ENOLCK), E(ENOSYS), E(ENODATA),
    E(ETIME), E(EBADMSG), E(EOVERFLOW), E(EILSEQ), E(ERESTART), E(ENOTSOCK),
    E(EOPNOTSUPP), E(EADDRINUSE), E(EADDRNOTAVAIL), E(ENOBUFS), E(EISCONN), E(ENOTCONN),
    E(ETIMEDOUT),
#undef E
};

static struct {
    uint32_t calls, entries, batches, ok, refused, faults;
    uint32_t by_errno[ARRAY_SIZE(errnos)];
    uint32_t by_vector[32];
} stats;

static void record(const struct call *c, long rc)
{
    if (rc >= 0 || (c->nr == __HYPERVISOR_get_debugreg && rc < -4095)) {
        stats.ok++;         /* get_debugreg returns the register itself */
        return;
    }
    for (unsigned i = 0; i < ARRAY_SIZE(errnos); i++)
        if (rc == -errnos[i].e) {
            stats.by_errno[i]++;
            return;
        }
    test_failure("hypercall %u (%#x, %#x, %#x, %#x, %#x) returned %ld, no Xen errno", c->nr,
                 c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], rc);
}

static void record_batch(const struct call *c)
{
    const struct multicall_entry *e = (const struct multicall_entry *)(uintptr_t)c->a[0];

    if (e < mcs() || e >= mcs() + NMC)
        return;
    stats.batches++;
    for (; e < mcs() + NMC && e->result != MC_UNRUN; e++) {
        struct call inner = { .nr = e->op };
        memcpy(inner.a, e->args, sizeof(inner.a));
        stats.entries++;
        record(&inner, e->result);
    }
}

/* A call the rules refuse, on its own: a live table entry or the mapping
 * of its own code or data, changed to what no table may hold. */
static void refused_call(void)
{
    struct call c = { .nr = __HYPERVISOR_update_va_mapping };
    long rc;

    if (chance(50)) {
        const struct live_table *t = &tables[below(ntables)];
        uint32_t idx = entry_index();
        struct mmu_update *r = &reqs()[NREQ - 1];
        *r = (struct mmu_update){ mfn_to_maddr(_mfn(t->mfn)) + idx * sizeof(pte_t),
                                  refused_entry(t, idx) };
        c = (struct call){ __HYPERVISOR_mmu_update, { (uint32_t)(uintptr_t)r, 1, 0,
                                                      DOMID_SELF } };
    } else {
        do
            shape_update_va(&c);
        while (c.a[0] >= scratch_addr(S2 + 1));
    }
    last_call = c;
    rc = raw_hypercall(&c);
    stats.calls++;
    stats.refused++;
    if (rc >= 0 && c.nr == __HYPERVISOR_mmu_update)
        test_failure("refused request went through: ptr %#llx val %#llx returned %ld",
                     reqs()[NREQ - 1].ptr, reqs()[NREQ - 1].val, rc);
    else if (rc >= 0)
        test_failure("refused call went through: update_va_mapping(%#x, %#x, %#x, %#x) "
                     "returned %ld", c.a[0], c.a[1], c.a[2], c.a[3], rc);
    record(&c, rc);
}

static void fuzz_one(void)
{
    struct call c = { .nr = random_nr() };
    long rc;

    if (chance(10)) {
        refused_call();
        return;
    }
    shape(&c, false);
    last_call = c;
    rc = raw_hypercall(&c);
    stats.calls++;
    record(&c, rc);
    if (c.nr == __HYPERVISOR_multicall)
        record_batch(&c);
}

/*
 * One call, or none if it faults: the framework's fault handler resumes
 * at label 1 (fault_resume_eip) on the faulting stack, and the saved
 * ESP and EBP unwind it.  fuzz_one may be anywhere then, so every
 * register but those two counts as clobbered.
 */
static uint32_t saved_esp, saved_ebp;     /* static: not addressed through either */

static void fuzz_guarded(void)
{
    last_fault.happened = false;
    __asm__ volatile ("movl %%esp, %[sp]\n\t"
                      "movl %%ebp, %[bp]\n\t"
                      "movl $1f, fault_resume_eip\n\t"
                      "call %P[fn]\n"
                      "1:\tmovl %[sp], %%esp\n\t"
                      "movl %[bp], %%ebp\n\t"
                      "movl $0, fault_resume_eip"
                      : [sp] "+m" (saved_esp), [bp] "+m" (saved_ebp)
                      : [fn] "i" (fuzz_one)
                      : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
    if (last_fault.happened) {
        stats.faults++;
        stats.by_vector[last_fault.vector % 32]++;
        if (stats.faults == MAX_FAULTS) {
            test_failure("%u faults, the last vector %u at eip %#x", stats.faults,
                         last_fault.vector, last_fault.eip);
            test_exit();
        }
    }
}

static void undo_repairs(void)
{
    if ((repair & REPAIR_TRAPS) && traps_init())
        test_failure("its trap table could not be restored");
    if ((repair & REPAIR_DEBUG) && hypercall_set_debugreg(7, 0))
        test_failure("DR7 could not be cleared");
    repair = 0;
}

/* ---- what must not change ---- */

/* Whether entry i of a live table may change: it maps a loose or data page. */
static bool spare_entry(const struct live_table *t, unsigned i)
{
    uint32_t va = t->maps + i * PMAP_PAGE_SIZE;

    return t->level == 1 && va >= scratch_addr(LOOSE) && va < scratch_addr(NSCRATCH);
}

static uint32_t text_sum(void)
{
    uint32_t h = 0x811C9DC5U;

    for (const char *p = _start; p < __user_start; p++)
        h = (h ^ (uint8_t)*p) * 0x01000193U;
    return h;
}

static uint32_t text_at_start;

static void report_damage(void)
{
    printf("fuzz: the last call: hypercall %u (%#x, %#x, %#x, %#x, %#x)\n", last_call.nr,
           last_call.a[0], last_call.a[1], last_call.a[2], last_call.a[3], last_call.a[4]);
    test_exit();
}

static void check_intact(void)
{
    const pte_t ad = PMAP_A | PMAP_D;

    for (unsigned t = 0; t < ntables; t++)
        for (unsigned i = 0; i < 512; i++) {
            if (tables[t].hv_slots && i >= HV_FIRST_SLOT)
                break;
            if (!spare_entry(&tables[t], i) &&
                (tables[t].va[i] & ~ad) != (tables[t].copy[i] & ~ad)) {
                test_failure("after %u calls: L%u table mfn %#x entry %u is %#llx, was %#llx",
                             stats.calls, tables[t].level, tables[t].mfn, i, tables[t].va[i],
                             tables[t].copy[i]);
                report_damage();
            }
        }
    if (text_sum() != text_at_start) {
        test_failure("after %u calls: its code changed", stats.calls);
        report_damage();
    }
}

/* ---- setup ---- */

static bool own_mfn(uint32_t mfn)
{
    pfn_t pfn = mfn_to_pfn(_mfn(mfn));

    return pfn_x(pfn) < start_info->nr_pages && mfn_x(pfn_to_mfn(pfn)) == mfn;
}

static void add_table(unsigned level, bool hv_slots, uint32_t mfn, uint32_t maps)
{
    struct live_table *t = &tables[ntables++];

    if (ntables > MAX_TABLES) {
        test_error("more than %u page tables", MAX_TABLES);
        test_exit();
    }
    t->level = level;
    t->hv_slots = hv_slots;
    t->mfn = mfn;
    t->maps = maps;
    t->va = pfn_to_virt(mfn_to_pfn(_mfn(mfn)));
    add_frame(K_TABLE, mfn);
}

/* The live tables, from the L3 down through the M2P, not as the builder
 * happens to lay them out; not the scratch L1, whose entries change. */
static void find_tables(void)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;

    add_table(3, false, mfn_x(pfn_to_mfn(virt_to_pfn(l3))), 0);
    for (unsigned s = 0; s < 4; s++) {
        if (!(l3[s] & PMAP_P))
            continue;
        unsigned l2 = ntables;
        add_table(2, s == 3, mfn_x(maddr_to_mfn(l3[s] & PMAP_ADDR_MASK)), 0);
        for (unsigned i = 0; i < (s == 3 ? HV_FIRST_SLOT : 512); i++)
            if ((tables[l2].va[i] & PMAP_P) && (s || i != L2_INDEX(WINDOW_VA)))
                add_table(1, false, mfn_x(maddr_to_mfn(tables[l2].va[i] & PMAP_ADDR_MASK)),
                          s << 30 | i << 21);
    }
}

static void sort_frames(void)
{
    struct xen_machphys_mapping map;
    uint32_t m2p_mfn[4] = { 0 }, shinfo = start_info->shared_info / PMAP_PAGE_SIZE;
    struct xen_machphys_mfn_list list = { ARRAY_SIZE(m2p_mfn), (uint32_t)(uintptr_t)m2p_mfn, 0 };

    hypercall_memory_op(XENMEM_machphys_mapping, &map);
    hypercall_memory_op(XENMEM_machphys_mfn_list, &list);
    max_ram_page = (uint32_t)hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    for (unsigned i = 0; i < list.nr_extents; i++)
        add_frame(K_UNOWNED, m2p_mfn[i]);
    /* An M2P entry that names a PFN makes the frame some domain's. */
    for (uint32_t mfn = 0; mfn <= map.max_mfn; mfn++)
        if (!own_mfn(mfn) && mfn != shinfo)
            add_frame(pfn_x(mfn_to_pfn(_mfn(mfn))) != 0xFFFFFFFF ? K_OTHER : K_UNOWNED, mfn);
    add_frame(K_TABLE, s1_mfn);
    add_frame(K_DATA, shinfo);
    for (uint32_t pfn = 0; pfn < LOW_END / PMAP_PAGE_SIZE; pfn++)
        add_frame(K_DATA, mfn_x(pfn_to_mfn(_pfn(pfn))));
    for (unsigned i = 0; i < NDATA; i++)
        add_frame(K_DATA, mfn_x(pfn_to_mfn(scratch_pfn(DATA + i))));
    add_frame(K_SCRATCH, s2_mfn);
    for (unsigned i = 0; i < NLOOSE; i++)
        add_frame(K_SCRATCH, mfn_x(pfn_to_mfn(scratch_pfn(LOOSE + i))));
    /* Its own pages up to the scratch tables: mapped writable for good;
     * the tables, read-only; or no longer mapped (the guards, the page
     * shared_info took the place of), and spare. */
    for (uint32_t pfn = LOW_END / PMAP_PAGE_SIZE; pfn < pfn_x(scratch_pfn(S1)); pfn++) {
        uint32_t mfn = mfn_x(pfn_to_mfn(_pfn(pfn)));
        pte_t e = l1e_of((uint32_t)(uintptr_t)pfn_to_virt(_pfn(pfn)));
        if (!(e & PMAP_P) || (e & PMAP_ADDR_MASK) != mfn_to_maddr(_mfn(mfn)))
            add_frame(K_DATA, mfn);
        else if (e & PMAP_RW)
            add_frame(K_IMAGE, mfn);
    }
    for (unsigned i = 0; i < 4; i++)
        add_frame(K_BEYOND, i < 2 ? max_ram_page + i : beyond_mfn());
}

static long unmap(uint32_t va)
{
    return hypercall_update_va_mapping(va, 0, UVMF_INVLPG);
}

/* Its scratch tables, the window, the unmapped pages; then the record
 * of what must not change. */
static void setup(void)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    uint64_t l2e = mfn_to_maddr(maddr_to_mfn(l3[0])) + L2_INDEX(WINDOW_VA) * sizeof(pte_t);
    long rc = traps_init();

    rc = rc ?: pmap_make_table(scratch_pfn(S1)) ?: pmap_pin(scratch_pfn(S1), 1);
    rc = rc ?: pmap_make_table(scratch_pfn(S2)) ?: pmap_pin(scratch_pfn(S2), 2);
    rc = rc ?: mmu_update_one(l2e, pfn_to_maddr(scratch_pfn(S1)) | PMAP_P | PMAP_RW | PMAP_A);
    for (unsigned i = 0; i < NLOOSE; i++) {
        memset(scratch_va(LOOSE + i), 0, PMAP_PAGE_SIZE);
        rc = rc ?: unmap(scratch_addr(LOOSE + i));
    }
    for (unsigned i = 0; i < ARRAY_SIZE(guards); i++)
        rc = rc ?: unmap(scratch_addr(guards[i]));
    for (uint32_t va = 0; va < LOW_END; va += PMAP_PAGE_SIZE)
        rc = rc ?: unmap(va);
    for (unsigned i = 0; i < ARRAY_SIZE(no_l1_va); i++)
        if (pmap_l1e_maddr(no_l1_va[i]))
            rc = rc ?: -XEN_EEXIST;
    if (rc) {
        test_error("setup failed: %ld", rc);
        test_exit();
    }
    s1_mfn = mfn_x(pfn_to_mfn(scratch_pfn(S1)));
    s2_mfn = mfn_x(pfn_to_mfn(scratch_pfn(S2)));
    find_tables();
    sort_frames();
    for (unsigned i = 0; i < NREQ; i++)
        reqs()[i] = random_req();
    for (unsigned i = 0; i < NOPS; i++)
        ops()[i] = random_op();
    for (unsigned t = 0; t < ntables; t++)
        memcpy(tables[t].copy, tables[t].va, sizeof(tables[t].copy));
    text_at_start = text_sum();
}

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile ("rdtsc" : "=a" (lo), "=d" (hi));
    return (uint64_t)hi << 32 | lo;
}

static void summary(uint64_t ticks)
{
    char buf[512];
    int len = 0;

    printf("fuzz: %u calls, %u entries in %u multicalls, %u refused calls, %u faults, "
           "%llu TSC ticks per call\n", stats.calls, stats.entries, stats.batches,
           stats.refused, stats.faults, ticks / (stats.calls ? stats.calls : 1));
    len = snprintf(buf, sizeof(buf), "ok %u", stats.ok);
    for (unsigned i = 0; i < ARRAY_SIZE(errnos); i++)
        if (stats.by_errno[i] && len < (int)sizeof(buf))
            len += snprintf(buf + len, sizeof(buf) - (size_t)len, ", %s %u", errnos[i].name,
                            stats.by_errno[i]);
    printf("fuzz: results: %s\n", buf);
    for (unsigned v = 0; v < 32; v++)
        if (stats.by_vector[v])
            printf("fuzz: vector %u taken %u times\n", v, stats.by_vector[v]);
}

void test_main(void)
{
    uint32_t seed = test_arg("seed", 1), n = test_arg("n", 100000);
    uint32_t every = test_arg("check", 1024);
    uint64_t start;

    rng = seed * 0x9E3779B9U ^ 0x5EC0F022U;
    rng += !rng;
    if (!every) {
        test_error("check= wants at least 1");
        return;
    }
    if (start_info->nr_pages * (uint64_t)PMAP_PAGE_SIZE > WINDOW_VA) {
        test_error("more than %u MiB of memory: the window would overlap it", WINDOW_VA >> 20);
        return;
    }
    setup();
    printf("fuzz: seed %u, %u calls; %u live tables, %u frames of other domains\n", seed, n,
           ntables, frames[K_OTHER].seen);
    start = rdtsc();
    for (uint32_t i = 1; i <= n; i++) {
        fuzz_guarded();
        undo_repairs();
        if (i % every == 0 || i == n)
            check_intact();
        if (n >= 10 && i % (n / 10) == 0)
            printf("fuzz: %u of %u calls\n", i, n);
    }
    summary(rdtsc() - start);
    test_success();
}
