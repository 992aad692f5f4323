/*
 * The benchmark guest (see bench.h and docs/benchmarks.md): what it ran
 * on, then the page-table updates, the memory hypercalls and the virtual
 * CPU, one BENCH line per figure.
 *
 * Arguments, on the module's command line: n=PTES (a multiple of 1024, at
 * most 4096; default 4096), passes=P (1 to 31, default 9), iters=I (1 to
 * 1024, default 64), only=TEXT (only the groups whose key has TEXT, see
 * selected()), or "smoke": n=1024 passes=1 iters=2, and every row must be
 * present and above 0.
 */
#include "bench.h"

const char test_title[] = "benchmark: page-table updates, hypercalls, traps and emulation";

struct bench_config cfg = { .n = 4096, .passes = 9, .iters = 64 };

/* Where an argument starts with `prefix`, or NULL. */
static const char *arg(const char *prefix)
{
    const char *line = (const char *)start_info->cmd_line;
    size_t len = strlen(prefix);

    for (const char *s = line; *s; s++)
        if ((s == line || s[-1] == ' ') && !strncmp(s, prefix, len))
            return s;
    return NULL;
}

/* The value of "key=N", or def; a value that is not a number is 0. */
static uint32_t arg_uint(const char *key, uint32_t def)
{
    char prefix[16];
    const char *s;
    uint32_t v = 0;

    snprintf(prefix, sizeof(prefix), "%s=", key);
    if (!(s = arg(prefix)))
        return def;
    for (s += strlen(prefix); *s >= '0' && *s <= '9' && v < 100000; s++)
        v = v * 10 + (uint32_t)(*s - '0');
    return *s && *s != ' ' ? 0 : v;
}

/* The value of "key=TEXT" into buf (empty if none). */
static void arg_text(const char *key, char *buf, size_t len)
{
    char prefix[16];
    const char *s;
    size_t n = 0;

    snprintf(prefix, sizeof(prefix), "%s=", key);
    if ((s = arg(prefix)))
        for (s += strlen(prefix); s[n] && s[n] != ' ' && n < len - 1; n++)
            buf[n] = s[n];
    buf[n] = '\0';
}

static bool arg_word(const char *word)
{
    const char *s = arg(word);

    return s && (s[strlen(word)] == ' ' || s[strlen(word)] == '\0');
}

static void config(void)
{
    if (arg_word("smoke"))
        cfg = (struct bench_config){ .n = 1024, .passes = 1, .iters = 2, .smoke = true };
    cfg.n = arg_uint("n", cfg.n);
    cfg.passes = arg_uint("passes", cfg.passes);
    cfg.iters = arg_uint("iters", cfg.iters);
    arg_text("only", cfg.only, sizeof(cfg.only));
    if (!cfg.n || cfg.n % MAX_BATCH || cfg.n > MAX_L1S * 512 || !cfg.passes ||
        cfg.passes > MAX_PASSES || !cfg.iters || cfg.iters > 1024) {
        test_error("bad arguments: n=%u passes=%u iters=%u", cfg.n, cfg.passes, cfg.iters);
        test_exit();
    }
}

/* The CPU's brand string (plain CPUID: neither hypervisor intercepts it). */
static void cpu_brand(char brand[49])
{
    uint32_t *w = (uint32_t *)brand, max;

    __asm__ volatile ("cpuid" : "=a" (max) : "a" (0x80000000U) : "ebx", "ecx", "edx");
    brand[0] = '\0';
    for (uint32_t leaf = 0x80000002U; max >= 0x80000004U && leaf <= 0x80000004U; leaf++, w += 4)
        __asm__ volatile ("cpuid" : "=a" (w[0]), "=b" (w[1]), "=c" (w[2]), "=d" (w[3])
                          : "a" (leaf), "c" (0));
    brand[48] = '\0';
}

static void info(void)
{
    long version = hypercall_xen_version(XENVER_version, NULL);
    xen_extraversion_t extra = "";
    char brand[49];

    hypercall_xen_version(XENVER_extraversion, extra);
    cpu_brand(brand);
    printf("BENCH-INFO hypervisor %s %ld.%ld%s\n", on_ringleader() ? "ringleader" : "xen",
           version >> 16, version & 0xFFFF, extra);
    printf("BENCH-INFO cpu %s\n", brand[0] ? brand : "unknown");
    printf("BENCH-INFO config n=%u passes=%u iters=%u%s%s\n", cfg.n, cfg.passes, cfg.iters,
           cfg.only[0] ? " only=" : "", cfg.only);
}

void test_main(void)
{
    config();
    info();
    bench_pte();
    bench_mm_ops();
    bench_cpu();
    printf("BENCH-INFO done\n");
    test_success();
}
