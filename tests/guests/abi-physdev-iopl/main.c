/*
 * abi-physdev-iopl: physdev_op(set_iopl) takes an I/O privilege level of
 * 0 to 3 (-EINVAL above), reads its argument safely (-EFAULT), and an
 * unknown physdev_op is -ENOSYS.  The level is virtual: the real IOPL
 * stays 0, so this guest still cannot, for instance, disable interrupts.
 */
#include "../lib/expect.h"

const char test_title[] = "physdev_op(set_iopl) checks its level";

#define UNMAPPED_VA 0x40000000U
#define NO_SUCH_PHYSDEVOP 200

void test_main(void)
{
    struct physdev_set_iopl one = { 1 }, zero = { 0 }, four = { 4 };
    uint32_t eflags;

    expect_rc("set_iopl(1)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &one), 0);
    __asm__ volatile ("pushf; pop %0" : "=r" (eflags));
    if (eflags & (3U << 12))
        test_failure("the real EFLAGS.IOPL is %u", (eflags >> 12) & 3);
    expect_rc("set_iopl(4)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &four), -XEN_EINVAL);
    expect_rc("set_iopl with an unmapped argument",
              hypercall_physdev_op(PHYSDEVOP_set_iopl, (void *)(uintptr_t)UNMAPPED_VA), -XEN_EFAULT);
    expect_rc("set_iopl(0)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &zero), 0);
    expect_rc("an unknown physdev_op", hypercall_physdev_op(NO_SUCH_PHYSDEVOP, NULL), -XEN_ENOSYS);
    test_success();
}
