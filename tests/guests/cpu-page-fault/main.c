/*
 * cpu-page-fault: page faults in ring 1 reach the guest's handler with
 * the hardware's error code (not present / write; supervisor, since ring
 * 1 is supervisor), the EIP of the faulting instruction, and the faulting
 * address in vcpu_info.arch.cr2 (only ring 0 can read CR2).
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "page faults are delivered with the error code and CR2";

#define UNMAPPED 0x40000123U
#define PF_WRITE 2U

static void check(const char *what, struct fault f, uint32_t ec)
{
    if (!f.happened || f.vector != 14 || f.error_code != ec || f.cr2 != UNMAPPED ||
        f.eip != fault_insn_eip)
        test_failure("%s: vector %u error code %#x cr2 %#x eip %#x (expected 14 %#x %#x %#x)",
                     what, f.vector, f.error_code, f.cr2, f.eip, ec, UNMAPPED, fault_insn_eip);
    else
        printf("%s: #PF error code %#x, cr2 %#x\n", what, f.error_code, f.cr2);
}

void test_main(void)
{
    uint32_t scratch;

    expect_rc("set_trap_table", traps_init(), 0);
    check("read", EXPECT_FAULT("movl (%1), %0", : "=r" (scratch) : "r" (UNMAPPED) : "memory"), 0);
    check("write", EXPECT_FAULT("movl %0, (%1)", : : "r" (0), "r" (UNMAPPED) : "memory"), PF_WRITE);
    test_success();
}
