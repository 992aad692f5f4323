/*
 * mm-entry-flags: the answer to every bit of a page-table entry, level by
 * level, as Xen gives it (docs/memory.md).  Each probe writes one entry
 * of an L1, an L2 or the L3 with mmu_update, prints the result and
 * compares it; accepted entries are put back.
 *
 *   not present    every bit 1-63 flipped: always accepted
 *   present        bits 1-11 (the flags) and 32-63 flipped one at a time
 *   the address    the frame named: the caller's own (the probes' base),
 *                  the one after RAM, 4 GiB, the local APIC, frame 0, a
 *                  frame of the hypervisor's own M2P
 *
 * Bits 12-31 of a present entry are its frame number below 4 GiB; which
 * frames those name, and whose they are, is each machine's own layout,
 * so they are probed as frames of each kind instead of bit by bit.
 *
 * Where Ringleader answers differently on purpose (docs/xen-differences.md)
 * the table holds both answers: it is a 32-bit PAE hypervisor with 36-bit
 * addresses and no I/O memory for any domain, and the oracle a 64-bit Xen
 * whose dom0 may map I/O memory, on a CPU with 40-bit addresses.
 */
#include "../lib/mm.h"

const char test_title[] = "every page-table entry bit, and the frames an entry may name, as on Xen";

enum { SLOT, L1, L2 };
#define BIT(n) (1ULL << (n))
#define EINVAL_ (-XEN_EINVAL)
#define EPERM_ (-XEN_EPERM)
#define EBUSY_ (-XEN_EBUSY)
#define LAPIC_FRAME 0xFEE00U
#define FRAME_4G 0x100000U

/* Bits first..last of a present entry at `level`: each one's answer. */
struct bit_rule {
    unsigned level, first, last;
    long rl, xen;
    const char *what;
};

static const struct bit_rule present_bits[] = {
    { 1, 1, 11, 0, 0, "flags, PAT, global and the available bits" },
    { 1, 32, 35, EPERM_, 0, "a frame above 4 GiB: I/O memory to Xen" },
    { 1, 36, 39, EINVAL_, 0, "beyond 36-bit addresses, within the CPU's 40" },
    { 1, 40, 51, EINVAL_, EPERM_, "beyond the CPU's addresses" },
    { 1, 52, 62, EINVAL_, 0, "reserved in PAE, ignored in long mode" },
    { 1, 63, 63, EINVAL_, 0, "NX" },
    { 2, 1, 2, 0, 0, "RW, US" },
    { 2, 3, 4, EINVAL_, EINVAL_, "PWT, PCD" },
    { 2, 5, 6, 0, 0, "A, D" },
    { 2, 7, 8, EINVAL_, EINVAL_, "PSE, G" },
    { 2, 9, 11, 0, 0, "available" },
    { 2, 32, 51, EINVAL_, EINVAL_, "a frame above 4 GiB" },
    { 2, 52, 63, EINVAL_, 0, "reserved in PAE, ignored in long mode; NX" },
    { 3, 1, 2, 0, 0, "RW, US" },
    { 3, 3, 4, EINVAL_, EINVAL_, "PWT, PCD" },
    { 3, 5, 6, 0, 0, "A, D" },
    { 3, 7, 8, EINVAL_, EINVAL_, "PSE, G" },
    { 3, 9, 11, 0, 0, "available" },
    { 3, 32, 63, EINVAL_, EINVAL_, "a frame above 4 GiB, reserved, NX" },
};

enum frame_kind { AFTER_RAM, AT_4G, LAPIC, FRAME_0, M2P };
static const char *const frame_names[] = {
    "the frame after RAM", "the frame at 4 GiB", "the local APIC", "frame 0", "an M2P frame",
};

struct frame_rule {
    unsigned level;
    enum frame_kind kind;
    bool rw;
    long rl, xen;
};

static const struct frame_rule frames[] = {
    { 1, AFTER_RAM, true, EPERM_, 0 },          /* I/O memory to Xen's dom0 */
    { 1, AT_4G, true, EPERM_, 0 },
    { 1, LAPIC, true, EPERM_, EPERM_ },         /* Xen keeps it from dom0 too */
    { 1, FRAME_0, true, EBUSY_, 0 },            /* Xen's dom_io lends dom0 low memory */
    { 1, M2P, false, EBUSY_, EBUSY_ },          /* the hypervisor's own frames */
    { 1, M2P, true, EBUSY_, EBUSY_ },
    { 2, AFTER_RAM, true, EINVAL_, EINVAL_ },
    { 2, AT_4G, true, EINVAL_, EINVAL_ },
    { 2, FRAME_0, true, EINVAL_, EINVAL_ },
    { 2, M2P, true, EINVAL_, EINVAL_ },
    { 3, AFTER_RAM, false, EINVAL_, EINVAL_ },
    { 3, AT_4G, false, EINVAL_, EINVAL_ },
    { 3, FRAME_0, false, EINVAL_, EINVAL_ },
    { 3, M2P, false, EINVAL_, EINVAL_ },
};

/* Where each level's probe entry is, and the good entry it starts from. */
struct level {
    uint64_t at, base, restore;
};

static struct level levels[4];
static uint32_t frame_of[M2P + 1];
static bool ringleader;

static void probe(const char *what, unsigned level, uint64_t e, long rl, long xen)
{
    long rc = mmu_update_one(levels[level].at, e), want = ringleader ? rl : xen;

    printf("%s: %ld\n", what, rc);
    if (rc != want)
        test_failure("%s returned %ld, expected %ld", what, rc, want);
    mmu_update_one(levels[level].at, levels[level].restore);
}

static void sweep_bits(void)
{
    char what[96];

    for (unsigned level = 1; level <= 3; level++)
        for (unsigned bit = 1; bit < 64; bit++) {
            snprintf(what, sizeof(what), "L%u not present, bit %u", level, bit);
            probe(what, level, (levels[level].base & ~PMAP_P) ^ BIT(bit), 0, 0);
        }
    for (unsigned i = 0; i < sizeof(present_bits) / sizeof(present_bits[0]); i++) {
        const struct bit_rule *r = &present_bits[i];
        for (unsigned bit = r->first; bit <= r->last; bit++) {
            snprintf(what, sizeof(what), "L%u present, bit %u (%s)", r->level, bit, r->what);
            probe(what, r->level, levels[r->level].base ^ BIT(bit), r->rl, r->xen);
        }
    }
}

static void sweep_frames(void)
{
    char what[96];

    for (unsigned i = 0; i < sizeof(frames) / sizeof(frames[0]); i++) {
        const struct frame_rule *r = &frames[i];
        uint64_t flags = levels[r->level].base & 0xFFF & ~(r->rw ? 0 : PMAP_RW);
        snprintf(what, sizeof(what), "L%u present, %s%s", r->level, frame_names[r->kind],
                 r->rw ? "" : ", read-only");
        probe(what, r->level, (uint64_t)frame_of[r->kind] << 12 | flags, r->rl, r->xen);
    }
}

static void find_frames(void)
{
    xen_pfn_t m2p = 0;
    struct xen_machphys_mfn_list list = { .max_extents = 1,
                                          .extent_start = (uint32_t)(uintptr_t)&m2p };

    expect_rc("machphys_mfn_list", hypercall_memory_op(XENMEM_machphys_mfn_list, &list), 0);
    frame_of[AFTER_RAM] = (uint32_t)hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    frame_of[AT_4G] = FRAME_4G;
    frame_of[LAPIC] = LAPIC_FRAME;
    frame_of[FRAME_0] = 0;
    frame_of[M2P] = m2p;
}

void test_main(void)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    uint64_t slot = pfn_to_maddr(scratch_pfn(SLOT)) | PMAP_KERNEL_RW;

    expect_rc("make and pin an L1", pmap_make_table(scratch_pfn(L1)) ?: pmap_pin(scratch_pfn(L1), 1), 0);
    expect_rc("make and pin an L2", pmap_make_table(scratch_pfn(L2)) ?: pmap_pin(scratch_pfn(L2), 2), 0);
    ringleader = on_ringleader();
    /* The scratch slot's own L1 entry; entry 7 of the L2; L3 slot 2. */
    levels[1] = (struct level){ pmap_l1e_maddr((uint32_t)(uintptr_t)scratch_va(SLOT)), slot, slot };
    levels[2] = (struct level){ pfn_to_maddr(scratch_pfn(L2)) + 7 * sizeof(pte_t),
                                pfn_to_maddr(scratch_pfn(L1)) | PMAP_TABLE, 0 };
    levels[3] = (struct level){ pfn_to_maddr(virt_to_pfn(l3)) + 2 * sizeof(pte_t),
                                pfn_to_maddr(scratch_pfn(L2)) | PMAP_L3E, 0 };
    find_frames();
    sweep_bits();
    sweep_frames();
    test_success();
}
