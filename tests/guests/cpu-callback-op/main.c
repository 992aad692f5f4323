/*
 * cpu-callback-op: callback_op registers the event and failsafe
 * callbacks (and the NMI one), refuses to unregister the first two
 * (-EINVAL), knows no other types (-ENOSYS) nor commands (-EINVAL, as
 * Xen says) and reads its argument safely (-EFAULT).
 */
#include "../lib/expect.h"

const char test_title[] = "callback_op registers callbacks with Xen's types and errors";

#define NO_SUCH_TYPE 99
#define NO_SUCH_CMD 7

static void callback(void)
{
}

static long reg(uint16_t type, uint16_t flags)
{
    struct callback_register r = { type, flags, { FLAT_RING1_CS, (uint32_t)(uintptr_t)callback } };
    return hypercall_callback_op(CALLBACKOP_register, &r);
}

static long unreg(uint16_t type)
{
    struct callback_unregister u = { type, 0 };
    return hypercall_callback_op(CALLBACKOP_unregister, &u);
}

void test_main(void)
{
    expect_rc("register the event callback", reg(CALLBACKTYPE_event, 0), 0);
    expect_rc("register the failsafe callback", reg(CALLBACKTYPE_failsafe, CALLBACKF_mask_events), 0);
    expect_rc("register the NMI callback", reg(CALLBACKTYPE_nmi, 0), 0);
    expect_rc("register an unknown type", reg(NO_SUCH_TYPE, 0), -XEN_ENOSYS);
    expect_rc("unregister the event callback", unreg(CALLBACKTYPE_event), -XEN_EINVAL);
    expect_rc("unregister the failsafe callback", unreg(CALLBACKTYPE_failsafe), -XEN_EINVAL);
    expect_rc("unregister the NMI callback", unreg(CALLBACKTYPE_nmi), 0);
    expect_rc("unregister an unknown type", unreg(NO_SUCH_TYPE), -XEN_ENOSYS);
    expect_rc("an unreadable argument", hypercall_callback_op(CALLBACKOP_register,
              (const void *)(uintptr_t)MACH2PHYS_VIRT_END), -XEN_EFAULT);
    expect_rc("an unknown command", hypercall_callback_op(NO_SUCH_CMD, NULL), -XEN_EINVAL);
    test_success();
}
