/*
 * cpu-trap-table: set_trap_table checks what it is given: a table in the
 * hypervisor is -EFAULT, RPL 0 of the guest's own selector is taken as
 * RPL 1, and NULL clears the table.  On Ringleader a hypervisor selector
 * is refused (-EPERM) by set_trap_table, stack_switch and set_callbacks;
 * Xen accepts it there (with RPL 1) and fails only when it is used
 * (docs/xen-differences.md).
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "set_trap_table, stack_switch and set_callbacks check their arguments";

static void handler(void)
{
}

void test_main(void)
{
    uint32_t h = (uint32_t)(uintptr_t)handler;
    struct trap_info ring0[2] = {
        { .vector = 0x80, .flags = 3, .cs = __HYPERVISOR_CS, .address = h },
    };
    struct trap_info rpl0[2] = { { .vector = 0x80, .flags = 3, .cs = FLAT_RING1_CS & ~3, .address = h } };

    expect_rc("a table in the hypervisor",
              hypercall_set_trap_table((const struct trap_info *)(uintptr_t)MACH2PHYS_VIRT_END),
              -XEN_EFAULT);
    if (on_ringleader())
        expect_rc("a hypervisor code selector", hypercall_set_trap_table(ring0), -XEN_EPERM);
    expect_rc("the guest's selector with RPL 0", hypercall_set_trap_table(rpl0), 0);
    expect_rc("clear the table", hypercall_set_trap_table(NULL), 0);
    if (on_ringleader())
        expect_rc("stack_switch to the hypervisor's stack selector",
                  hypercall_stack_switch(__HYPERVISOR_DS, 0x1000), -XEN_EPERM);
    expect_rc("stack_switch to the ring-1 stack selector",
              hypercall_stack_switch(FLAT_RING1_SS, 0x1000), 0);
    if (on_ringleader())
        expect_rc("set_callbacks at a hypervisor selector",
                  hypercall_set_callbacks(__HYPERVISOR_CS, h, FLAT_RING1_CS, h), -XEN_EPERM);
    expect_rc("set_callbacks at the ring-1 selector",
              hypercall_set_callbacks(FLAT_RING1_CS, h, FLAT_RING1_CS, h), 0);
    test_success();
}
