/*
 * measure.c - passes, samples and rows (see bench.h).
 */
#include "bench.h"

static const char *const unit_names[] = { [PER_PTE] = "pte", [PER_OP] = "op" };

void bench_check(const char *what, long rc)
{
    if (rc >= 0)
        return;
    test_failure("%s returned %ld", what, rc);
    test_exit();
}

/* The run on the clock less its dry run; never below 0 (noise). */
static uint64_t less(uint64_t real, uint64_t dry)
{
    return real > dry ? real - dry : 0;
}

static void sort(uint64_t *s, unsigned n)
{
    for (unsigned i = 1; i < n; i++)
        for (unsigned j = i; j > 0 && s[j - 1] > s[j]; j--) {
            uint64_t t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
}

/* ticks / div with one decimal, rounded: the guest has no floating point. */
static const char *per(uint64_t ticks, uint32_t div, char buf[32])
{
    uint64_t tenths = (ticks * 10 + div / 2) / div;

    snprintf(buf, 32, "%llu.%llu", (unsigned long long)(tenths / 10),
             (unsigned long long)(tenths % 10));
    return buf;
}

static void report(const struct group *g, const char *name, uint64_t *s)
{
    uint32_t div = g->unit == PER_PTE ? cfg.n : cfg.iters;
    unsigned n = cfg.passes;
    uint64_t median;
    char a[32], b[32], c[32];

    sort(s, n);
    median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    printf("BENCH %s %u %s %s %s %s\n", name, g->batch, unit_names[g->unit],
           per(median, div, a), per(s[0], div, b), per(s[n - 1], div, c));
    if (cfg.smoke && median == 0)
        test_failure("%s (batch %u): no time measured", name, g->batch);
}

static unsigned rows(const struct group *g)
{
    unsigned r = 0;

    while (r < MAX_ROWS && g->names[r])
        r++;
    return r;
}

static bool contains(const char *s, const char *part)
{
    for (size_t len = strlen(part); *s; s++)
        if (!strncmp(s, part, len))
            return true;
    return false;
}

bool selected(const struct group *g)
{
    char key[64];

    snprintf(key, sizeof(key), "%s@%u", g->names[0], g->batch);
    return contains(key, cfg.only);
}

void measure(const struct group *g)
{
    static uint64_t samples[MAX_ROWS][MAX_PASSES];
    unsigned nrows = rows(g);

    if (!selected(g))
        return;

    for (unsigned pass = 0; pass <= cfg.passes; pass++) {
        uint64_t dry[MAX_ROWS] = { 0 }, real[MAX_ROWS] = { 0 };
        g->pass(g->arg, true, dry);
        g->pass(g->arg, false, real);
        for (unsigned r = 0; pass > 0 && r < nrows; r++)
            samples[r][pass - 1] = less(real[r], dry[r]);
    }
    for (unsigned r = 0; r < nrows; r++)
        report(g, g->names[r], samples[r]);
}

void absent(const struct group *g, const char *why)
{
    if (!selected(g))
        return;
    for (unsigned r = 0; r < rows(g); r++)
        printf("BENCH %s %u %s absent %s\n", g->names[r], g->batch, unit_names[g->unit], why);
    /* Only Xen may lack a row: Ringleader (with bench=1) has them all. */
    if (cfg.smoke && on_ringleader())
        test_failure("%s: absent on Ringleader: %s", g->names[0], why);
}

void op_rounds(const void *arg, bool dry, uint64_t ticks[MAX_ROWS])
{
    const struct op *ops = arg;

    for (uint32_t i = 0; i < cfg.iters; i++) {
        uint64_t t = bench_tsc();
        for (unsigned r = 0; r < MAX_ROWS && ops[r].run; r++) {
            ops[r].run(ops[r].arg, dry);
            uint64_t now = bench_tsc();
            ticks[r] += now - t;
            t = now;
        }
    }
}

void make_table(unsigned page, const pte_t *entries, unsigned n)
{
    pte_t *t = (pte_t *)scratch_va(page);

    memset(t, 0, PMAP_PAGE_SIZE);
    for (unsigned i = 0; i < n; i++)
        t[i] = entries[i];
    pmap_map((uint32_t)(uintptr_t)t, scratch_pfn(page), PMAP_KERNEL_RO);
}
