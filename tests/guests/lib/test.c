/*
 * test.c - the test-guest framework (see test.h).
 */
#include "test.h"
#include "../../../guest-kernel/pmap.h"

#define TEST_VIRT_BASE 0        /* test guests map pseudo-physical 0 at 0 */

void test_entry(const struct start_info *si);

enum result { RESULT_SUCCESS, RESULT_SKIP, RESULT_ERROR, RESULT_FAILURE };
static const char *const result_names[] = { "SUCCESS", "SKIP", "ERROR", "FAILURE" };

const struct start_info *start_info;
static enum result result = RESULT_SUCCESS;
static bool reported;

static void report(enum result r, const char *kind, const char *fmt, va_list ap)
{
    char buf[256];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    printf("%s: %s\n", kind, buf);
    if (r > result)
        result = r;
    reported = true;
}

void test_success(void)
{
    reported = true;
}

#define DEFINE_REPORT(fn, r, kind)              \
    void fn(const char *fmt, ...)               \
    {                                           \
        va_list ap;                             \
        va_start(ap, fmt);                      \
        report(r, kind, fmt, ap);               \
        va_end(ap);                             \
    }

DEFINE_REPORT(test_skip, RESULT_SKIP, "Skip")
DEFINE_REPORT(test_error, RESULT_ERROR, "Error")
DEFINE_REPORT(test_failure, RESULT_FAILURE, "Failure")

const char *test_variant(char *buf, size_t len)
{
    size_t n = 0;

    while (n < len - 1 && start_info->cmd_line[n] && start_info->cmd_line[n] != ' ')
        n++;
    memcpy(buf, start_info->cmd_line, n);
    buf[n] = '\0';
    return buf;
}

/* Where "key=" starts a word of the command line, or NULL. */
static const char *find_arg(const char *key)
{
    const char *line = start_info->cmd_line;
    size_t len = strlen(key);

    for (const char *s = line; *s; s++)
        if ((s == line || s[-1] == ' ') && !strncmp(s, key, len) && s[len] == '=')
            return s + len + 1;
    return NULL;
}

static int digit_value(char c, unsigned base)
{
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

    return v >= 0 && (unsigned)v < base ? v : -1;
}

uint32_t test_arg(const char *key, uint32_t def)
{
    const char *s = find_arg(key), *start;
    unsigned base = 10;
    uint64_t v = 0;
    int d;

    if (!s)
        return def;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    for (start = s; (d = digit_value(*s, base)) >= 0 && v <= UINT32_MAX; s++)
        v = v * base + (unsigned)d;
    if (s == start || (*s && *s != ' ') || v > UINT32_MAX) {
        test_error("%s= wants a 32-bit number", key);
        test_exit();
    }
    return (uint32_t)v;
}

void test_exit(void)
{
    if (!reported)
        result = RESULT_ERROR;      /* a test that said nothing did not pass */
    printf("Test result: %s\n", result_names[result]);
    hypercall_shutdown(SHUTDOWN_poweroff);
    for (;;)                        /* shutdown does not return */
        hypercall_yield();
}

void test_entry(const struct start_info *si)
{
    start_info = si;
    pmap_init(si, TEST_VIRT_BASE);
    printf("--- Ringleader test guest ---\n");
    printf("Test %s\n", test_title);
    test_main();
    test_exit();
}
