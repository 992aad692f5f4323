/*
 * pte.c - map, remap and unmap cfg.n PTEs, every way the ABI offers, and
 * the floor: the same checked writes done in ring 0 with no trap
 * (rl_bench_op, Ringleader with bench=1 only).
 *
 * The PTEs are the entries of cfg.n / 512 L1 tables, taken one L1 after
 * the other, hooked into the kernel's L2 at WINDOW_VA so that
 * update_va_mapping can name them by address.  Entry j of every L1 maps
 * pool frame j, is remapped to pool frame 512 + j, then unmapped: each
 * pass leaves the tables empty again.  The pool is the top of the
 * domain's memory: frames it owns that neither hypervisor uses, which
 * need no mapping of their own (Xen maps only the bootstrap region and
 * 512 KiB), and are never page tables, so they can be mapped writable.
 *
 *   WINDOW_VA            +------------------+  L2 entries 256..263 of L3 slot 0
 *   (512 MiB)            | L1 0: PTEs 0-511 |  -> pool[0..511], then [512..1023]
 *                        | L1 1 ...         |
 *   + 2 MiB * (n / 512)  +------------------+
 */
#include "bench.h"

#define WINDOW_VA 0x20000000U   /* above any domain's memory here (mem=32M) */
#define L2_SHIFT 21
#define INDEX_MASK 511U
#define L1_ENTRIES 512U
#define POOL_FRAMES (2 * L1_ENTRIES)
#define MAX_MULTICALL 32

enum pte_op { OP_MAP, OP_REMAP, OP_UNMAP, NR_OPS };

static struct {
    unsigned nl1;
    mfn_t l1_mfn[MAX_L1S];
    uint64_t l1_maddr[MAX_L1S];
} win;
/* What entry j of each L1 becomes, per operation. */
static pte_t vals[NR_OPS][L1_ENTRIES];

static uint64_t pte_maddr(uint32_t i)
{
    return win.l1_maddr[i / L1_ENTRIES] + (i % L1_ENTRIES) * sizeof(pte_t);
}

static uint32_t pte_va(uint32_t i)
{
    return WINDOW_VA + i * PMAP_PAGE_SIZE;
}

static void pool_init(void)
{
    uint32_t top = start_info->nr_pages;

    if (top < POOL_FRAMES || top - POOL_FRAMES <= pfn_x(scratch_pfn(SCRATCH_PAGES))) {
        test_error("the pool of %u frames does not fit above the scratch pages (mem=32M)",
                   POOL_FRAMES);
        test_exit();
    }
    for (unsigned j = 0; j < L1_ENTRIES; j++) {
        vals[OP_MAP][j] = pfn_to_maddr(_pfn(top - POOL_FRAMES + j)) | PMAP_KERNEL_RW;
        vals[OP_REMAP][j] = pfn_to_maddr(_pfn(top - L1_ENTRIES + j)) | PMAP_KERNEL_RW;
        vals[OP_UNMAP][j] = 0;
    }
}

/* The machine address of the kernel's L2 entry for va (L3 slot 0). */
static uint64_t l2e_maddr(uint32_t va, const pte_t **l2)
{
    const pte_t *l3 = (const pte_t *)(uintptr_t)start_info->pt_base;
    uint64_t l2_maddr = l3[0] & PMAP_ADDR_MASK;

    *l2 = pfn_to_virt(mfn_to_pfn(maddr_to_mfn(l2_maddr)));
    return l2_maddr + ((va >> L2_SHIFT) & INDEX_MASK) * sizeof(pte_t);
}

/* Hook the window's L1s into the kernel's L2, or unhook them. */
static void window_hook(bool hook)
{
    for (unsigned k = 0; k < win.nl1; k++) {
        const pte_t *l2;
        uint64_t ma = l2e_maddr(pte_va(k * L1_ENTRIES), &l2);
        if (hook && l2[(ma % PMAP_PAGE_SIZE) / sizeof(pte_t)]) {
            test_error("the window at %#x is in use", pte_va(k * L1_ENTRIES));
            test_exit();
        }
        pmap_queue(ma | MMU_NORMAL_PT_UPDATE, hook ? win.l1_maddr[k] | PMAP_TABLE : 0);
    }
    bench_check(hook ? "hooking the window's L1s" : "unhooking them", pmap_flush());
}

static void window_init(void)
{
    win.nl1 = cfg.n / L1_ENTRIES;
    for (unsigned k = 0; k < win.nl1; k++) {
        pfn_t pfn = scratch_pfn(SCRATCH_WINDOW_L1 + k);
        win.l1_mfn[k] = pfn_to_mfn(pfn);
        win.l1_maddr[k] = mfn_to_maddr(win.l1_mfn[k]);
        make_table(SCRATCH_WINDOW_L1 + k, NULL, 0);
    }
    bench_check("making the window's L1s", pmap_flush());
    window_hook(true);
}

/* ---- the ways: each way_fn applies one operation to all n PTEs ---- */

struct way;
typedef void way_fn(const struct way *w, enum pte_op op, bool dry);

struct way {
    struct group g;
    way_fn *run;
    uint32_t flags;             /* update_va_mapping's */
};

/* mmu_update, w->g.batch requests a call, built as a kernel builds them. */
static void way_mmu_update(const struct way *w, enum pte_op op, bool dry)
{
    static struct mmu_update reqs[MAX_BATCH];
    unsigned b = w->g.batch;

    for (uint32_t i = 0; i < cfg.n; i += b) {
        for (unsigned j = 0; j < b; j++)
            reqs[j] = (struct mmu_update){ pte_maddr(i + j) | MMU_NORMAL_PT_UPDATE,
                                           vals[op][(i + j) % L1_ENTRIES] };
        if (!dry)
            bench_check("mmu_update", hypercall_mmu_update(reqs, b, NULL, DOMID_SELF));
    }
}

static void way_uvm(const struct way *w, enum pte_op op, bool dry)
{
    for (uint32_t i = 0; i < cfg.n; i++)
        if (!dry)
            bench_check("update_va_mapping",
                        hypercall_update_va_mapping(pte_va(i), vals[op][i % L1_ENTRIES],
                                                    w->flags));
}

static void way_multicall(const struct way *w, enum pte_op op, bool dry)
{
    static struct multicall_entry calls[MAX_MULTICALL];
    unsigned b = w->g.batch;

    for (uint32_t i = 0; i < cfg.n; i += b) {
        for (unsigned j = 0; j < b; j++) {
            pte_t val = vals[op][(i + j) % L1_ENTRIES];
            calls[j] = (struct multicall_entry){
                .op = __HYPERVISOR_update_va_mapping,
                .args = { pte_va(i + j), (uint32_t)val, (uint32_t)(val >> 32), w->flags },
            };
        }
        if (dry)
            continue;
        bench_check("multicall", hypercall_multicall(calls, b));
        for (unsigned j = 0; j < b; j++)
            bench_check("update_va_mapping in a multicall", calls[j].result);
    }
}

static void pte_pass(const void *arg, bool dry, uint64_t ticks[MAX_ROWS])
{
    const struct way *w = arg;

    for (unsigned op = 0; op < NR_OPS; op++) {
        uint64_t t0 = bench_tsc();
        w->run(w, op, dry);
        ticks[op] = bench_tsc() - t0;
    }
}

/* The floor: ticks are the hypervisor's own, taken in ring 0. */
static long floor_l1(unsigned k, enum pte_op op, bool dry, uint64_t *ticks)
{
    struct rl_bench_pte_floor req = {
        .l1_mfn = mfn_x(win.l1_mfn[k]), .count = L1_ENTRIES,
        .vals = (uint32_t)(uintptr_t)vals[op], .dry = dry,
    };
    long rc = hypercall_rl_bench_op(RL_BENCH_PTE_FLOOR, &req);

    *ticks += req.tsc;
    return rc;
}

static void floor_pass(const void *arg, bool dry, uint64_t ticks[MAX_ROWS])
{
    (void)arg;
    for (unsigned op = 0; op < NR_OPS; op++)
        for (unsigned k = 0; k < win.nl1; k++)
            bench_check("rl_bench_op", floor_l1(k, op, dry, &ticks[op]));
}

#define PTE_NAMES(way) { "map/" way, "remap/" way, "unmap/" way }
#define MMU_UPDATE(b) { { PTE_NAMES("mmu_update"), b, PER_PTE, pte_pass, NULL }, way_mmu_update, 0 }
#define MULTICALL(b) { { PTE_NAMES("multicall-uvm"), b, PER_PTE, pte_pass, NULL }, way_multicall, \
                       UVMF_NONE }

static struct way ways[] = {
    MMU_UPDATE(1), MMU_UPDATE(2), MMU_UPDATE(4), MMU_UPDATE(8), MMU_UPDATE(16),
    MMU_UPDATE(32), MMU_UPDATE(64), MMU_UPDATE(128), MMU_UPDATE(256), MMU_UPDATE(512),
    MMU_UPDATE(1024),
    { { PTE_NAMES("uvm"), 1, PER_PTE, pte_pass, NULL }, way_uvm, UVMF_NONE },
    { { PTE_NAMES("uvm-invlpg"), 1, PER_PTE, pte_pass, NULL }, way_uvm, UVMF_INVLPG },
    MULTICALL(1), MULTICALL(8), MULTICALL(32),
};

static const struct group floor_group = {
    PTE_NAMES("floor"), L1_ENTRIES, PER_PTE, floor_pass, NULL,
};

static void bench_floor(void)
{
    uint64_t ticks = 0;
    long rc = floor_l1(0, OP_UNMAP, true, &ticks);

    if (rc == -XEN_ENOSYS) {
        absent(&floor_group, on_ringleader() ? "rl_bench_op needs bench=1 on the command line"
                                             : "no rl_bench_op: Ringleader's own hypercall");
        return;
    }
    bench_check("rl_bench_op", rc);
    measure(&floor_group);
}

void bench_pte(void)
{
    pool_init();
    window_init();
    for (unsigned i = 0; i < ARRAY_SIZE(ways); i++) {
        ways[i].g.arg = &ways[i];
        measure(&ways[i].g);
    }
    bench_floor();
    window_hook(false);
}
