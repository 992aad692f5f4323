/*
 * cpu-divide-error: a division by zero in ring 1 reaches the guest's
 * handler as #DE, a fault: the EIP is the divide instruction itself.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "a divide error is delivered as a fault";

void test_main(void)
{
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    f = EXPECT_FAULT("divl %%ecx", : : "a" (1), "d" (0), "c" (0) : "memory");
    if (!f.happened || f.vector != 0 || f.eip != fault_insn_eip)
        test_failure("divide by zero: vector %u at eip %#x (expected 0 at %#x)",
                     f.vector, f.eip, fault_insn_eip);
    else
        printf("#DE at eip %#x\n", f.eip);
    test_success();
}
