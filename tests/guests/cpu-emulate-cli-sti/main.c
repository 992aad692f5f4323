/*
 * cpu-emulate-cli-sti: CLI and STI in ring 1 trap and are emulated as the
 * virtual interrupt flag (the upcall mask) -- once the kernel has the
 * virtual I/O privilege for it (set_iopl 1), as on Xen; before that they
 * are #GP.  (Xen emulates them too, but leaves the upcall mask alone:
 * the mask is checked on Ringleader only, docs/xen-differences.md.)
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "cli and sti are emulated as the virtual interrupt flag";

void test_main(void)
{
    struct physdev_set_iopl iopl1 = { 1 };
    volatile uint8_t *mask;
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    mask = (volatile uint8_t *)&shared->vcpu_info[0].evtchn_upcall_mask;
    f = EXPECT_FAULT("cli", : : : "memory");
    if (!f.happened || f.vector != 13)
        test_failure("cli without the I/O privilege: vector %u (happened %d)", f.vector, f.happened);
    expect_rc("set_iopl(1)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &iopl1), 0);
    *mask = 0;
    f = EXPECT_FAULT("cli", : : : "memory");
    if (f.happened)
        test_failure("cli with the I/O privilege raised vector %u", f.vector);
    if (on_ringleader())
        expect_rc("the upcall mask after cli", *mask, 1);
    f = EXPECT_FAULT("sti", : : : "memory");
    if (f.happened)
        test_failure("sti raised vector %u", f.vector);
    if (on_ringleader())
        expect_rc("the upcall mask after sti", *mask, 0);
    test_success();
}
