/*
 * cpu-trap-table: set_trap_table, stack_switch, set_callbacks and
 * callback_op take the selectors they are given as Xen takes them: a
 * table in the hypervisor is -EFAULT and NULL clears the table, but no
 * selector is refused -- not a null one, not the hypervisor's, not one of
 * the guest's own GDT or LDT.  RPL 0 is read as RPL 1, and a selector is
 * checked only when it is used (cpu-hv-selector shows what happens then).
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "set_trap_table, stack_switch and set_callbacks take selectors as Xen does";

static void handler(void)
{
}

static const struct { const char *what; uint16_t sel; } selectors[] = {
    { "the null selector", 0 },
    { "the hypervisor's code", __HYPERVISOR_CS },
    { "the hypervisor's data", __HYPERVISOR_DS },
    { "the ring-1 code", FLAT_RING1_CS },
    { "the ring-1 code with RPL 0", FLAT_RING1_CS & ~3 },
    { "the ring-1 data", FLAT_RING1_DS },
    { "the ring-3 code", FLAT_RING3_CS },
    { "a guest GDT entry", 0x0009 },
    { "an LDT entry", 0x0007 },
    { "0xffff", 0xffff },
};

void test_main(void)
{
    uint32_t h = (uint32_t)(uintptr_t)handler;
    char what[96];

    expect_rc("a table in the hypervisor",
              hypercall_set_trap_table((const struct trap_info *)(uintptr_t)MACH2PHYS_VIRT_END),
              -XEN_EFAULT);
    for (unsigned i = 0; i < sizeof(selectors) / sizeof(selectors[0]); i++) {
        uint16_t sel = selectors[i].sel;
        struct trap_info table[2] = { { .vector = 0x81, .flags = 3, .cs = sel, .address = h } };
        struct callback_register reg = { .type = CALLBACKTYPE_event, .address = { sel, h } };

        snprintf(what, sizeof(what), "set_trap_table at %s", selectors[i].what);
        expect_rc(what, hypercall_set_trap_table(table), 0);
        snprintf(what, sizeof(what), "stack_switch to %s", selectors[i].what);
        expect_rc(what, hypercall_stack_switch(sel, 0x1000), 0);
        snprintf(what, sizeof(what), "set_callbacks at %s", selectors[i].what);
        expect_rc(what, hypercall_set_callbacks(sel, h, sel, h), 0);
        snprintf(what, sizeof(what), "callback_op event at %s", selectors[i].what);
        expect_rc(what, hypercall_callback_op(CALLBACKOP_register, &reg), 0);
    }
    expect_rc("clear the table", hypercall_set_trap_table(NULL), 0);
    expect_rc("stack_switch back to the ring-1 stack selector",
              hypercall_stack_switch(FLAT_RING1_SS, 0x1000), 0);
    expect_rc("set_callbacks back at the ring-1 selector",
              hypercall_set_callbacks(FLAT_RING1_CS, h, FLAT_RING1_CS, h), 0);
    test_success();
}
