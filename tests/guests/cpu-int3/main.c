/*
 * cpu-int3: a breakpoint in ring 1 reaches the guest's handler (through
 * the DPL-3 gate, as a trap), with the EIP just after the int3 and the
 * guest's ring-1 code selector in the frame.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "int3 in ring 1 is delivered to the guest's handler";

void test_main(void)
{
    struct fault f;
    uint32_t int3_at;

    expect_rc("set_trap_table", traps_init(), 0);
    f = EXPECT_FAULT("int3", : : : "memory");
    int3_at = fault_insn_eip;
    if (!f.happened || f.vector != 3)
        test_failure("int3 gave vector %u (happened %d)", f.vector, f.happened);
    else if (f.eip != int3_at + 1 || (f.cs & 0xFFFF) != FLAT_RING1_CS)
        test_failure("frame eip %#x cs %#x, expected %#x %#x", f.eip, f.cs & 0xFFFF,
                     int3_at + 1, FLAT_RING1_CS);
    else
        printf("int3: vector 3 at eip %#x\n", f.eip);
    test_success();
}
