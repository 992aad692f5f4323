/*
 * sec-witness: STAND-IN.  The real witness for the sec- tests is being
 * written on another branch and replaces this file on merge; this one
 * exists only so that sec-hv-map can be developed.  Keep it trivial.
 *
 * A bystander domain that a hostile guest runs beside: it fills pages of
 * its own memory with a pattern and copies its P2M list's checksum, then
 * rechecks both over many rounds, yielding between them so that the
 * attacker runs meanwhile.  It succeeds only if nothing changed: another
 * domain that wrote to its frames (through the hypervisor's direct map,
 * say) would be caught here.
 */
#include "../lib/test.h"

const char test_title[] = "a bystander domain's memory stays intact (stand-in witness)";

#define PAGES 64                /* 256 KiB of pattern */
#define WORDS (4096 / 4)
#define ROUNDS 300              /* with the attacker busy, about a 30 ms slice each */
#define REPORT_EVERY 50

static uint32_t pages[PAGES][WORDS] __attribute__((aligned(4096)));

/* A different word everywhere, so a copy from elsewhere does not match. */
static uint32_t pattern(unsigned page, unsigned word)
{
    return (page * WORDS + word) * 2654435761U ^ 0x5EC0A11AU;
}

/* The P2M list is direct-mapped by the hypervisor: an attacker's likely
 * target.  FNV-1a over its entries. */
static uint32_t p2m_sum(void)
{
    const uint32_t *p2m = (const uint32_t *)(uintptr_t)start_info->mfn_list;
    uint32_t h = 2166136261U;

    for (uint32_t i = 0; i < start_info->nr_pages; i++)
        h = (h ^ p2m[i]) * 16777619U;
    return h;
}

/* The number of words that differ from the pattern (the first is printed). */
static unsigned damaged(void)
{
    unsigned bad = 0;

    for (unsigned p = 0; p < PAGES; p++)
        for (unsigned w = 0; w < WORDS; w++)
            if (pages[p][w] != pattern(p, w) && !bad++)
                printf("page %u word %u is %#x, expected %#x\n", p, w,
                       pages[p][w], pattern(p, w));
    return bad;
}

void test_main(void)
{
    uint32_t sum;

    for (unsigned p = 0; p < PAGES; p++)
        for (unsigned w = 0; w < WORDS; w++)
            pages[p][w] = pattern(p, w);
    sum = p2m_sum();
    printf("witness: %u pages of pattern and %u P2M entries, %u rounds\n",
           PAGES, start_info->nr_pages, ROUNDS);
    for (unsigned r = 1; r <= ROUNDS; r++) {
        unsigned bad = damaged();
        if (bad || p2m_sum() != sum) {
            test_failure("round %u: %u words of pattern changed, P2M list %s", r, bad,
                         p2m_sum() != sum ? "changed" : "intact");
            return;
        }
        if (r % REPORT_EVERY == 0)
            printf("witness: round %u intact\n", r);
        hypercall_yield();
    }
    test_success();
}
