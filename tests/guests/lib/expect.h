/*
 * expect.h - checking a hypercall's result in a test guest: on a mismatch,
 * a failure naming the call, what it returned and what was expected.
 */
#ifndef TEST_EXPECT_H
#define TEST_EXPECT_H

#include "test.h"

static inline void expect_rc(const char *what, long rc, long want)
{
    if (rc != want)
        test_failure("%s returned %ld, expected %ld", what, rc, want);
    else
        printf("%s: %ld as expected\n", what, rc);
}

/* A fixed-size string the hypervisor filled must be NUL-terminated. */
static inline bool terminated(const char *s, size_t size)
{
    return strnlen(s, size) < size;
}

#endif
