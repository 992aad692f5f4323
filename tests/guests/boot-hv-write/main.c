/*
 * boot-hv-write: a hostile guest writes to the hypervisor's code, IDT or
 * GDT (variant on the command line).  It finds them without any help:
 * SIDT and SGDT are unprivileged, and an IDT gate holds a code address.
 * The hypervisor must stop the guest with a fault (#GP where segment
 * limits are enforced, #PF on the read-only page under TCG) and keep
 * running: the test passes when the crash is reported and the witness
 * domain still succeeds.  Surviving the write is a failure.
 */
#include "../lib/test.h"

const char test_title[] = "a guest writing to hypervisor code or tables is stopped";

#define HYPERCALL_GATE 0x82

struct __attribute__((packed)) table_ptr {
    uint16_t limit;
    uint32_t base;
};

static volatile uint32_t *target(const char *variant)
{
    struct table_ptr idtr, gdtr;
    const volatile uint32_t *gate;

    __asm__ volatile ("sidt %0; sgdt %1" : "=m" (idtr), "=m" (gdtr));
    if (!strcmp(variant, "idt"))
        return (volatile uint32_t *)(uintptr_t)idtr.base;
    if (!strcmp(variant, "gdt"))
        return (volatile uint32_t *)(uintptr_t)(gdtr.base + FIRST_RESERVED_GDT_BYTE);
    /* "code": the hypercall gate's handler address. */
    gate = (const volatile uint32_t *)(uintptr_t)(idtr.base + HYPERCALL_GATE * 8);
    return (volatile uint32_t *)(uintptr_t)((gate[0] & 0xFFFF) | (gate[1] & 0xFFFF0000));
}

void test_main(void)
{
    char variant[16];
    volatile uint32_t *p = target(test_variant(variant, sizeof(variant)));

    printf("writing to the hypervisor's %s at %p\n", variant, (void *)p);
    *p = 0xDEADBEEF;
    test_failure("the write to the hypervisor's %s at %p went through", variant, (void *)p);
}
