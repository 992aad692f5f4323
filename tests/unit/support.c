/*
 * support.c - what the code under test needs from the hypervisor's lib/
 * that the host libc lacks.  Everything else (snprintf, memcpy, strnlen...)
 * comes from glibc.
 */
#include <string.h>
#include "unit.h"

size_t strlcpy(char *dst, const char *src, size_t size);

/* BSD strlcpy, as in hypervisor/lib/string.c. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

TCase *known_bug_tcase(void)
{
    TCase *tc = tcase_create("known_bugs");

    tcase_set_tags(tc, KNOWN_BUG_TAG);
    return tc;
}
