/*
 * sec-witness: a bystander domain for the sec- tests.  It fills its free
 * memory with a pattern and checksums every page, then keeps checking
 * them, yielding as it goes, while another domain attacks the
 * hypervisor.  Whatever reaches it through the hypervisor -- a frame of
 * its own mapped into the attacker, a write through the direct map, one
 * of its page tables changed under it -- shows up as a page whose
 * checksum no longer holds, or as a crash.  It succeeds only if every
 * round found every page intact.
 *
 * Arguments, all optional, on its module's command line:
 *   seed=S    the pattern's seed (default 1)
 *   pages=P   how many pages to fill (default 1024, 4 MiB; at most 4096)
 *   rounds=R  how many times to check them all (default 100)
 *   every=K   print "witness: round R intact" every K rounds (default 10)
 *
 * The pages are the pseudo-physical frames from the end of the boot stack
 * up (the free memory of the layout in docs/abi.md), as mapped at entry,
 * and it stops early at the first one its memory or its initial mappings
 * do not cover (Xen maps only part of a large domain at entry).  Word i
 * of page pfn holds pattern(seed, pfn, i), so an attacker that knows the
 * seed can recognise the witness's frames wherever it finds them.
 */
#include "../lib/mm.h"

const char test_title[] = "a witness domain keeps its memory intact";

#define MAX_PAGES 4096
#define WORDS (PMAP_PAGE_SIZE / sizeof(uint32_t))
/* A round yields this often, so that it never holds the CPU for long: an
 * attacker that yields a lot still gets most of it. */
#define YIELD_EVERY 64

static uint32_t seed, npages;
static uint32_t sums[MAX_PAGES];        /* each page's checksum, after the fill */

/* An integer hash of (seed, pfn, i): neighbouring words differ in every bit. */
static uint32_t pattern(uint32_t s, uint32_t pfn, uint32_t i)
{
    uint32_t x = s * 0x9E3779B1U + pfn * 0x85EBCA77U + i * 0xC2B2AE3DU;

    x ^= x >> 15;
    x *= 0x2C1B3C6DU;
    x ^= x >> 13;
    return x;
}

/* FNV-1a over the page's words: any change, or two words swapped, shows. */
static uint32_t page_sum(const uint32_t *p)
{
    uint32_t h = 0x811C9DC5U;

    for (unsigned i = 0; i < WORDS; i++)
        h = (h ^ p[i]) * 0x01000193U;
    return h;
}

static bool mapped_writable(pfn_t pfn)
{
    uint32_t va = (uint32_t)(uintptr_t)pfn_to_virt(pfn);

    return pfn_x(pfn) < start_info->nr_pages && pmap_l1e_maddr(va) &&
           (l1e_of(va) & (PMAP_P | PMAP_RW)) == (PMAP_P | PMAP_RW);
}

/* How many pages from the first free one there are to fill, at most want. */
static uint32_t usable_pages(uint32_t want)
{
    uint32_t n = 0;

    while (n < want && mapped_writable(scratch_pfn(n)))
        n++;
    return n;
}

static uint32_t fill(void)
{
    uint32_t total = 0;

    for (unsigned n = 0; n < npages; n++) {
        uint32_t *p = pfn_to_virt(scratch_pfn(n));
        for (unsigned i = 0; i < WORDS; i++)
            p[i] = pattern(seed, pfn_x(scratch_pfn(n)), i);
        sums[n] = page_sum(p);
        total = (total ^ sums[n]) * 0x01000193U;
    }
    return total;
}

/* Check every page, yielding every YIELD_EVERY of them; on the first
 * damaged one, say which it is and what its first changed word holds. */
static bool intact(uint32_t round)
{
    for (unsigned n = 0; n < npages; n++) {
        const uint32_t *p = pfn_to_virt(scratch_pfn(n));
        pfn_t pfn = scratch_pfn(n);
        if (n % YIELD_EVERY == 0 && hypercall_yield() != 0) {
            test_failure("round %u: yield failed", round);
            return false;
        }
        if (page_sum(p) == sums[n])
            continue;
        for (unsigned i = 0; i < WORDS; i++)
            if (p[i] != pattern(seed, pfn_x(pfn), i)) {
                test_failure("round %u: page %u (pfn %#x, mfn %#x) damaged: word %u is %#x, "
                             "not %#x", round, n, pfn_x(pfn), mfn_x(pfn_to_mfn(pfn)), i, p[i],
                             pattern(seed, pfn_x(pfn), i));
                return false;
            }
        test_failure("round %u: page %u (pfn %#x): checksum %#x, not %#x, yet every word "
                     "matches", round, n, pfn_x(pfn), page_sum(p), sums[n]);
        return false;
    }
    return true;
}

void test_main(void)
{
    uint32_t want = test_arg("pages", 1024), rounds = test_arg("rounds", 100);
    uint32_t every = test_arg("every", 10);

    seed = test_arg("seed", 1);
    if (want > MAX_PAGES || !every) {
        test_error("pages= is at most %u, every= at least 1", MAX_PAGES);
        return;
    }
    npages = usable_pages(want);
    if (!npages) {
        test_skip("no free page is mapped writable");
        return;
    }
    printf("witness: %u pages from pfn %#x (mfn %#x), seed %u, checksum %#x\n", npages,
           pfn_x(scratch_pfn(0)), mfn_x(pfn_to_mfn(scratch_pfn(0))), seed, fill());
    for (uint32_t r = 1; r <= rounds; r++) {
        if (!intact(r))
            return;
        if (r % every == 0 || r == rounds)
            printf("witness: round %u intact\n", r);
    }
    test_success();
}
