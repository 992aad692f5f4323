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
