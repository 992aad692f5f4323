/*
 * unit.h - shared declarations for the host unit tests (Check).
 *
 * Each test_<unit>.c exports one suite; mm.c's tests are split by subject
 * into several test_mm_*.c, one suite each, with a common fixture
 * (mm_fixture.h).
 */
#ifndef UNIT_H
#define UNIT_H

#include <check.h>
#include <stdarg.h>
#include <stddef.h>

Suite *elf_suite(void);
Suite *cmdline_suite(void);
Suite *frame_suite(void);
Suite *bootmem_suite(void);
Suite *layout_suite(void);
Suite *vsnprintf_suite(void);
Suite *mm_refs_suite(void);
Suite *mm_l1_suite(void);
Suite *mm_l2_suite(void);
Suite *mm_l3_suite(void);
Suite *mm_pin_suite(void);
Suite *mm_mod_entry_suite(void);
Suite *mm_release_suite(void);
Suite *mm_run_suite(void);
Suite *decode_suite(void);
Suite *descriptor_suite(void);
Suite *sched_suite(void);
Suite *ioport_map_suite(void);
Suite *isolation_suite(void);

/* hypervisor/lib/vsnprintf.c, compiled under these names (rl_vsnprintf.c). */
int rl_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rl_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* UNIT_H */
