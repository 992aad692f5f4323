/*
 * mm-view-sync: the hypervisor reads and writes a guest's memory through
 * the same translations as the guest's own accesses, whichever level of
 * the guest's tables changed.  In split isolation the hypervisor has page
 * tables of its own, whose top (L3 slots 0-2, entries 0-427 of the L2
 * under slot 3) is a copy of the running guest's (isolation.c): each
 * change to those entries must reach the copy at once, and a switch of
 * L3 must copy the new one.
 *
 * Two addresses nothing maps at boot are tested, each through a level
 * that is copied:
 *   - 0xF0000000: entry 384 of the L2 under L3 slot 3, to a fresh L1 and
 *     a page P;
 *   - 0x40000000: L3 slot 1, to a fresh L2, L1 and a page Q.
 * A second L3 maps both to a page R of its own.  Each address is mapped,
 * unmapped, mapped again, and seen from the second L3 and back.
 *
 * Mapped: xen_version writes its extraversion there, and the string is
 * at that address for the guest and in the frame it maps (read through
 * the frame's own mapping), not in the frame the other L3 maps there;
 * mmu_update reads its request from there and multicall its entry, and
 * both take effect.  Unmapped: the three calls return -EFAULT, a read in
 * ring 1 takes #PF, and the frame that was mapped keeps what it held.
 *
 * Every state is checked right after the change that made it, then
 * again after a yield.  On Ringleader two domains run this guest, so the
 * other runs in between and the switch back copies the view afresh: the
 * first check catches a change the copy missed (the re-copy would hide
 * it, as a timer tick between the change and the check would), the
 * second a re-copy of the wrong tables.  Each domain stages patterns made
 * from its own id (command line "id=N"), so neither can pass on what the
 * other left in its frames.  On Xen one domain runs it.
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "the hypervisor's view of guest memory follows the guest's tables";

#define L3_SLOT(va)  ((va) >> 30)
#define L2_INDEX(va) (((va) >> 21) & 511U)
#define L1_INDEX(va) (((va) >> 12) & 511U)
#define HV_L3_SLOT 3

#define VA_L2E 0xF0000000U      /* slot 3, L2 entry 384: the hypervisor's begin at 428 */
#define VA_L3E 0x40000000U      /* slot 1 */
_Static_assert(L1_INDEX(VA_L2E) == L1_INDEX(VA_L3E), "one L1 of the second L3 serves both");

/* What the hypervisor finds in the page at the address under test. */
#define STR_OFF 0               /* where xen_version writes its 16 bytes */
#define REQ_OFF 64              /* a struct mmu_update */
#define MC_OFF  128             /* a struct multicall_entry */
#define STR_WORDS (XEN_EXTRAVERSION_LEN / 4)

#define PF_VECTOR 14

enum {
    P, Q, R, WITNESS,               /* data: WITNESS is what the requests write */
    L1_P,                           /* first L3: slot 3's L2 entry 384 -> L1_P -> P */
    L2_Q, L1_Q,                     /* first L3: slot 1 -> L2_Q -> L1_Q -> Q */
    L3_B, L2_HV_B, L2_SLOT1_B, L1_R, /* second L3: both addresses -> L1_R -> R */
};

/* An address under test, and the entry of the first L3's tree that maps it. */
struct place {
    const char *what;
    uint32_t va;
    uint64_t entry;             /* the entry's machine address */
    uint64_t value;             /* what it holds while mapped */
    pfn_t frame;                /* the page it maps */
};

static unsigned id;                         /* 1-9, from "id=N" */
static uint32_t checks;                     /* each check stages a new pattern */
static xen_extraversion_t extraversion;     /* as xen_version writes it to our own buffer */
static uint64_t *witness;

static void expect_call(const char *step, const char *call, long rc, long want)
{
    if (rc != want)
        test_failure("id=%u %s: %s returned %ld, expected %ld", id, step, call, rc, want);
}

static uint64_t witness_word(uint32_t pattern)
{
    return (uint64_t)~pattern << 32 | pattern;
}

static bool words_are(const void *p, unsigned n, uint32_t word)
{
    const uint32_t *w = p;

    for (unsigned i = 0; i < n; i++)
        if (w[i] != word)
            return false;
    return true;
}

static const struct multicall_entry *entry_in(pfn_t frame)
{
    return (const struct multicall_entry *)((const uint8_t *)pfn_to_virt(frame) + MC_OFF);
}

/* Read the word at va in ring 1: the guest's own view. */
static struct fault ring1_read(uint32_t va, uint32_t *word)
{
    uint32_t w = 0;
    struct fault f = EXPECT_FAULT("movl (%1), %0", : "+r" (w) : "r" (va) : "memory");

    *word = w;
    return f;
}

/*
 * A new pattern fills frame, through the frame's own mapping, and over it
 * go a request that writes the pattern's word into the witness and a
 * multicall entry making that request from va; `other` gets the pattern
 * alone.  Returns the pattern.
 */
static uint32_t stage(pfn_t frame, pfn_t other, uint32_t va)
{
    uint32_t pattern = 0x1D000000U | id << 16 | ++checks;
    uint8_t *page = pfn_to_virt(frame);

    fill_page((uint32_t *)page, pattern);
    *(struct mmu_update *)(page + REQ_OFF) = (struct mmu_update){
        pfn_to_maddr(scratch_pfn(WITNESS)) | MMU_NORMAL_PT_UPDATE, witness_word(pattern) };
    *(struct multicall_entry *)(page + MC_OFF) = (struct multicall_entry){
        .op = __HYPERVISOR_mmu_update, .result = (int32_t)pattern,
        .args = { va + REQ_OFF, 1, 0, DOMID_SELF } };
    fill_page(pfn_to_virt(other), pattern);
    *witness = 0;
    return pattern;
}

/* va maps frame, for the hypervisor as for the guest; `other` is left alone. */
static void check_mapped(const char *step, uint32_t va, pfn_t frame, pfn_t other)
{
    uint32_t pattern = stage(frame, other, va), word;
    const uint8_t *page = pfn_to_virt(frame);

    expect_call(step, "xen_version writing there",
                hypercall_xen_version(XENVER_extraversion, (void *)(uintptr_t)(va + STR_OFF)), 0);
    if (memcmp(page + STR_OFF, extraversion, sizeof(extraversion)))
        test_failure("id=%u %s: xen_version's string is not in frame %#x", id, step, pfn_x(frame));
    for (unsigned i = 0; i < STR_WORDS; i++) {
        struct fault f = ring1_read(va + STR_OFF + i * 4, &word);
        if (f.happened || memcmp(&word, extraversion + i * 4, 4)) {
            if (f.happened)
                test_failure("id=%u %s: the guest's read there faulted (vector %u)", id, step,
                             f.vector);
            else
                test_failure("id=%u %s: the guest reads %#x there, not xen_version's string", id,
                             step, word);
            break;
        }
    }

    expect_call(step, "mmu_update reading its request there",
                hypercall_mmu_update((const struct mmu_update *)(uintptr_t)(va + REQ_OFF), 1,
                                     NULL, DOMID_SELF), 0);
    if (*witness != witness_word(pattern))
        test_failure("id=%u %s: mmu_update did not make the request in frame %#x", id, step,
                     pfn_x(frame));
    *witness = 0;
    expect_call(step, "multicall reading its entry there",
                hypercall_multicall((struct multicall_entry *)(uintptr_t)(va + MC_OFF), 1), 0);
    if (entry_in(frame)->result != 0 || *witness != witness_word(pattern))
        test_failure("id=%u %s: multicall did not run the entry in frame %#x (result %d)", id,
                     step, pfn_x(frame), entry_in(frame)->result);

    if (!words_are(pfn_to_virt(other), PMAP_PAGE_SIZE / 4, pattern))
        test_failure("id=%u %s: frame %#x, which the other L3 maps there, was written", id, step,
                     pfn_x(other));
}

/* Nothing maps va, for the hypervisor as for the guest; `was`, which did,
 * and `other` are left alone. */
static void check_unmapped(const char *step, uint32_t va, pfn_t was, pfn_t other)
{
    uint32_t pattern = stage(was, other, va), word;
    struct fault f;

    expect_call(step, "xen_version writing there",
                hypercall_xen_version(XENVER_extraversion, (void *)(uintptr_t)(va + STR_OFF)),
                -XEN_EFAULT);
    expect_call(step, "mmu_update reading its request there",
                hypercall_mmu_update((const struct mmu_update *)(uintptr_t)(va + REQ_OFF), 1,
                                     NULL, DOMID_SELF), -XEN_EFAULT);
    expect_call(step, "multicall reading its entry there",
                hypercall_multicall((struct multicall_entry *)(uintptr_t)(va + MC_OFF), 1),
                -XEN_EFAULT);
    if (!words_are((const uint8_t *)pfn_to_virt(was) + STR_OFF, STR_WORDS, pattern) ||
        entry_in(was)->result != (int32_t)pattern || *witness != 0 ||
        !words_are(pfn_to_virt(other), PMAP_PAGE_SIZE / 4, pattern))
        test_failure("id=%u %s: a call reached frame %#x or %#x through the unmapped address", id,
                     step, pfn_x(was), pfn_x(other));

    f = ring1_read(va, &word);
    if (!f.happened)
        test_failure("id=%u %s: a ring-1 read there did not fault (it read %#x)", id, step, word);
    else if (f.vector != PF_VECTOR || f.error_code != 0 || f.cr2 != va)
        test_failure("id=%u %s: a ring-1 read there took vector %u, error code %#x, cr2 %#x; "
                     "expected #PF, 0, %#x", id, step, f.vector, f.error_code, f.cr2, va);
}

/* Check the state a change made, at once and again after a yield. */
static void check_step(const struct place *p, const char *change, bool mapped, pfn_t frame,
                       pfn_t other)
{
    char step[96];

    printf("id=%u: %s %s\n", id, p->what, change);
    for (unsigned yielded = 0; yielded < 2; yielded++) {
        snprintf(step, sizeof(step), "%s %s%s", p->what, change, yielded ? ", after a yield" : "");
        if (yielded)
            expect_call(step, "yield", hypercall_yield(), 0);
        if (mapped)
            check_mapped(step, p->va, frame, other);
        else
            check_unmapped(step, p->va, frame, other);
    }
}

static void set_entry(const struct place *p, uint64_t value)
{
    expect_call(p->what, value ? "mmu_update installing the entry" : "mmu_update clearing the entry",
                mmu_update_one(p->entry, value), 0);
}

static void switch_to(const struct place *p, pfn_t l3)
{
    expect_call(p->what, "NEW_BASEPTR", pmap_switch(l3), 0);
}

static void exercise(const struct place *p, pfn_t l3_a, pfn_t l3_b)
{
    pfn_t r = scratch_pfn(R);

    set_entry(p, p->value);
    check_step(p, "installed", true, p->frame, r);
    set_entry(p, 0);
    /* The guest drops its own stale translation, as a PV guest must. */
    expect_call(p->what, "TLB flush", pmap_flush_tlb(), 0);
    check_step(p, "removed", false, p->frame, r);
    set_entry(p, p->value);
    check_step(p, "installed again", true, p->frame, r);
    switch_to(p, l3_b);
    check_step(p, "in the second L3", true, r, p->frame);
    switch_to(p, l3_a);
    check_step(p, "back in the first L3", true, p->frame, r);
}

/* Xen's builder gives every L3 slot an L2, empty where nothing is mapped
 * (Ringleader's leaves such a slot empty); installing the test's own L2
 * there replaces it. */
static bool l3e_maps_nothing(pte_t e)
{
    const pte_t *l2;

    if (!(e & PMAP_P))
        return true;
    l2 = pfn_to_virt(mfn_to_pfn(maddr_to_mfn(e & PMAP_ADDR_MASK)));
    for (unsigned i = 0; i < PMAP_PAGE_SIZE / sizeof(pte_t); i++)
        if (l2[i] & PMAP_P)
            return false;
    return true;
}

/* A zeroed page for a table, still writable: fill it, then protect it. */
static pte_t *new_table(unsigned page)
{
    memset(scratch_va(page), 0, PMAP_PAGE_SIZE);
    return (pte_t *)scratch_va(page);
}

static pte_t table_entry(unsigned page, pte_t flags)
{
    return pfn_to_maddr(scratch_pfn(page)) | flags;
}

/* The first L3's lower tables, and the second L3 (pinned), which shares
 * the first one's slots 0 and 2 and maps both addresses to R. */
static void build_tables(const pte_t *l3_a)
{
    static const unsigned tables[] = { L1_P, L2_Q, L1_Q, L3_B, L2_HV_B, L2_SLOT1_B, L1_R };
    pte_t *l3_b;

    new_table(L1_P)[L1_INDEX(VA_L2E)] = table_entry(P, PMAP_KERNEL_RW);
    new_table(L1_Q)[L1_INDEX(VA_L3E)] = table_entry(Q, PMAP_KERNEL_RW);
    new_table(L2_Q)[L2_INDEX(VA_L3E)] = table_entry(L1_Q, PMAP_TABLE);
    new_table(L1_R)[L1_INDEX(VA_L2E)] = table_entry(R, PMAP_KERNEL_RW);
    new_table(L2_HV_B)[L2_INDEX(VA_L2E)] = table_entry(L1_R, PMAP_TABLE);
    new_table(L2_SLOT1_B)[L2_INDEX(VA_L3E)] = table_entry(L1_R, PMAP_TABLE);
    l3_b = new_table(L3_B);
    for (unsigned i = 0; i < HV_L3_SLOT; i++)
        l3_b[i] = l3_a[i];
    l3_b[L3_SLOT(VA_L3E)] = table_entry(L2_SLOT1_B, PMAP_L3E);
    l3_b[HV_L3_SLOT] = table_entry(L2_HV_B, PMAP_L3E);
    for (unsigned i = 0; i < ARRAY_SIZE(tables); i++)
        pmap_map((uint32_t)(uintptr_t)scratch_va(tables[i]), scratch_pfn(tables[i]), PMAP_KERNEL_RO);
    expect_rc("protecting the new tables", pmap_flush(), 0);
    expect_rc("pin the second L3", pmap_pin(scratch_pfn(L3_B), 3), 0);
}

void test_main(void)
{
    const pte_t *l3_a = (const pte_t *)(uintptr_t)start_info->pt_base;
    pfn_t l3_a_pfn = virt_to_pfn(l3_a);
    pfn_t l2_hv_a = mfn_to_pfn(maddr_to_mfn(l3_a[HV_L3_SLOT] & PMAP_ADDR_MASK));
    const pte_t *l2_hv = pfn_to_virt(l2_hv_a);
    const struct place places[] = {
        { "L2 entry 384 of slot 3 (0xf0000000)", VA_L2E,
          pfn_to_maddr(l2_hv_a) + L2_INDEX(VA_L2E) * sizeof(pte_t),
          table_entry(L1_P, PMAP_TABLE), scratch_pfn(P) },
        { "L3 slot 1 (0x40000000)", VA_L3E,
          pfn_to_maddr(l3_a_pfn) + L3_SLOT(VA_L3E) * sizeof(pte_t),
          table_entry(L2_Q, PMAP_L3E), scratch_pfn(Q) },
    };
    char variant[16];

    test_variant(variant, sizeof(variant));
    if (strncmp(variant, "id=", 3) || variant[3] < '1' || variant[3] > '9' || variant[4]) {
        test_error("the command line must be id=N (N from 1 to 9), not '%s'", variant);
        return;
    }
    id = (unsigned)(variant[3] - '0');
    if ((l2_hv[L2_INDEX(VA_L2E)] & PMAP_P) || !l3e_maps_nothing(l3_a[L3_SLOT(VA_L3E)])) {
        test_error("something is mapped at 0xf0000000 or in 0x40000000's gigabyte at boot");
        return;
    }
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("xen_version into our own buffer",
              hypercall_xen_version(XENVER_extraversion, extraversion), 0);
    witness = (uint64_t *)scratch_va(WITNESS);
    build_tables(l3_a);
    for (unsigned i = 0; i < ARRAY_SIZE(places); i++)
        exercise(&places[i], l3_a_pfn, scratch_pfn(L3_B));
    printf("id=%u: %u checks done\n", id, checks);
    test_success();
}
