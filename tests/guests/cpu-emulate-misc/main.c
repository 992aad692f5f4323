/*
 * cpu-emulate-misc: the rest of the emulated set.  HLT in ring 1 gives the
 * CPU away and comes back (Ringleader only: Xen leaves it #GP, a PV kernel
 * blocks with SCHEDOP_block); WBINVD is accepted; RDMSR of the TSC returns
 * a count that goes up, of the platform ID returns 0 (Ringleader's
 * allow-list), and WRMSR to an MSR outside it is #GP on both.
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "hlt, wbinvd, rdmsr and wrmsr are emulated as specified";

#define MSR_TSC 0x10
#define MSR_PLATFORM_ID 0x17
#define MSR_NOT_ALLOWED 0x1B     /* APIC base */

void test_main(void)
{
    uint32_t lo, hi, lo2, hi2;
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    if (on_ringleader()) {
        f = EXPECT_FAULT("hlt", : : : "memory");
        if (f.happened)
            test_failure("hlt raised vector %u", f.vector);
    }
    f = EXPECT_FAULT("wbinvd", : : : "memory");
    if (f.happened)
        test_failure("wbinvd raised vector %u", f.vector);
    if (on_ringleader()) {
        EXPECT_FAULT("rdmsr", : "=a" (lo), "=d" (hi) : "c" (MSR_TSC) : "memory");
        EXPECT_FAULT("rdmsr", : "=a" (lo2), "=d" (hi2) : "c" (MSR_TSC) : "memory");
        if (((uint64_t)hi2 << 32 | lo2) <= ((uint64_t)hi << 32 | lo))
            test_failure("the TSC read through rdmsr did not go up");
        f = EXPECT_FAULT("rdmsr", : "=a" (lo), "=d" (hi) : "c" (MSR_PLATFORM_ID) : "memory");
        if (f.happened || lo || hi)
            test_failure("rdmsr of the platform ID: %#x:%#x (fault %d)", hi, lo, f.happened);
    }
    f = EXPECT_FAULT("wrmsr", : : "c" (MSR_NOT_ALLOWED), "a" (0), "d" (0) : "memory");
    if (!f.happened || f.vector != 13)
        test_failure("wrmsr of the APIC base: vector %u (happened %d)", f.vector, f.happened);
    test_success();
}
