/*
 * cpu-user-faults: faults in ring 3 are bounced to the guest kernel on its
 * stack_switch stack, with a ring-3 frame: int3 (EIP after it), a read of
 * a ring-1 page (#PF, error code present|user, CR2 = the address: the
 * U/S bit keeps user space out of the kernel), CLI (#GP: ring 3 may not),
 * and INT 0x82, the hypercall gate, which ring 3 cannot use: the call
 * must not happen (it would fall through to a ud2).  On Ringleader it is
 * #GP with the gate in the error code; the Xen oracle, misled by QEMU's
 * long-mode error code (see cpu-soft-int), delivers another vector.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "ring-3 faults reach the guest kernel, ring 3 cannot use ring-1 things";

#define PF_PRESENT_USER 5U
#define KERNEL_PAGE 0x10000U     /* the test's own text: mapped, ring-1 only */

USER_ASM(user_int3, "int3\n\tud2");
USER_ASM(user_read_kernel, "movl 0x10000, %eax\n\tud2");
USER_ASM(user_cli, "cli\n\tud2");
USER_ASM(user_hypercall, "movl $17, %eax\n\tint $0x82\n\tud2");

static void expect_fault(const char *what, struct fault f, uint32_t vector, uint32_t ec, bool check_ec)
{
    if (!f.happened || f.vector != vector || (f.cs & 3) != 3 || (check_ec && f.error_code != ec))
        test_failure("%s: vector %u ec %#x cs %#x (expected %u %#x from ring 3)",
                     what, f.vector, f.error_code, f.cs, vector, ec);
    else
        printf("%s: vector %u, error code %#x, from ring 3\n", what, f.vector, f.error_code);
}

void test_main(void)
{
    struct fault f;
    bool ringleader = on_ringleader();

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    f = exec_user(user_int3);
    expect_fault("int3", f, 3, 0, false);
    if (f.eip != (uint32_t)(uintptr_t)user_int3 + 1)
        test_failure("int3 frame eip %#x, expected %#x", f.eip, (uint32_t)(uintptr_t)user_int3 + 1);
    f = exec_user(user_read_kernel);
    expect_fault("read a ring-1 page", f, 14, PF_PRESENT_USER, true);
    if (f.cr2 != KERNEL_PAGE)
        test_failure("cr2 %#x, expected %#x", f.cr2, KERNEL_PAGE);
    expect_fault("cli", exec_user(user_cli), 13, 0, true);
    f = exec_user(user_hypercall);
    if (ringleader)
        expect_fault("int $0x82 (hypercall)", f, 13, 0x82 * 8 + 2, true);
    else if (!f.happened || f.vector == 6 || (f.cs & 3) != 3)
        test_failure("int $0x82 from ring 3 reached the hypervisor (vector %u)", f.vector);
    test_success();
}
