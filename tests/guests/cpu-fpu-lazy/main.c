/*
 * cpu-fpu-lazy: the guest's virtual CR0.TS.  After fpu_taskswitch(1) its
 * next FPU instruction raises #NM in the guest (a fault: EIP is the
 * instruction), and after fpu_taskswitch(0) the FPU works again -- with
 * the guest's own registers, loaded lazily by the hypervisor.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "fpu_taskswitch gives the guest #NM, and takes it back";

void test_main(void)
{
    struct fault f;
    int32_t in = 271828, out = 0;

    expect_rc("set_trap_table", traps_init(), 0);
    __asm__ volatile ("fninit; fildl %0" : : "m" (in));
    expect_rc("fpu_taskswitch(1)", hypercall_fpu_taskswitch(1), 0);
    f = EXPECT_FAULT("fnop", : : : "memory");
    if (!f.happened || f.vector != 7 || f.eip != fault_insn_eip)
        test_failure("FPU use with TS set: vector %u at %#x (expected #NM at %#x)",
                     f.vector, f.eip, fault_insn_eip);
    else
        printf("#NM at eip %#x\n", f.eip);
    expect_rc("fpu_taskswitch(0)", hypercall_fpu_taskswitch(0), 0);
    f = EXPECT_FAULT("fistpl %1", : "=m" (out) : "m" (out) : "memory");
    if (f.happened)
        test_failure("FPU use after fpu_taskswitch(0) raised vector %u", f.vector);
    expect_rc("the value kept across the #NM", out, in);
    test_success();
}
