/*
 * test.h - the test-guest framework, in the manner of XTF: a test defines
 * `test_title` and `test_main()`, reports with test_success/failure/
 * error/skip (the most severe report wins), and the framework prints one
 * final line "Test result: X" and powers the domain off.
 */
#ifndef TEST_H
#define TEST_H

#include <stdbool.h>
#include "../../../hypercall-abi/hypercall.h"
#include "../../../hypervisor/lib/lib.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

extern const char test_title[];
void test_main(void);

/* The start_info the hypervisor passed in ESI, and the ESP it set. */
extern const struct start_info *start_info;
extern uint32_t boot_esp;

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_success(void);
void test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void test_failure(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The first word of the guest's command line, for tests with variants. */
const char *test_variant(char *buf, size_t len);

/* The number N of a "key=N" word on the command line (decimal, or hex
 * with 0x), or def if there is none; a value that is not a 32-bit
 * number ends the test with an error. */
uint32_t test_arg(const char *key, uint32_t def);

/* Print the result, power off; never returns. */
void test_exit(void) __attribute__((noreturn));

#endif
