/*
 * boot-priv-insn: a guest kernel executes a privileged instruction that a
 * PV guest may never use (variant on the command line: lgdt, lidt, ltr).
 * In ring 1 it raises #GP, which is never emulated; this guest has no
 * trap table, so the hypervisor must crash that domain, and only it.
 */
#include "../lib/test.h"

const char test_title[] = "lgdt, lidt and ltr in ring 1 stop the guest";

static const struct __attribute__((packed)) {
    uint16_t limit;
    uint32_t base;
} empty_table = { 0, 0 };

void test_main(void)
{
    char variant[16];

    test_variant(variant, sizeof(variant));
    printf("executing %s\n", variant);
    if (!strcmp(variant, "lgdt"))
        __asm__ volatile ("lgdt %0" : : "m" (empty_table));
    else if (!strcmp(variant, "lidt"))
        __asm__ volatile ("lidt %0" : : "m" (empty_table));
    else if (!strcmp(variant, "ltr"))
        __asm__ volatile ("ltr %w0" : : "r" (FLAT_RING1_DS));
    else {
        test_error("unknown variant '%s'", variant);
        return;
    }
    test_failure("%s in ring 1 did not fault", variant);
}
