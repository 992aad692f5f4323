/*
 * cpu-emulate-cpuid: Xen's forced-emulation CPUID (ud2a; "xen"; cpuid)
 * is emulated: leaf 0x40000000 names the hypervisor "XenVMMXenVMM", and
 * leaf 1 hides hardware virtualization (VMX) from the guest.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "forced-emulation CPUID shows a filtered, Xen-signed view";

#define XEN_CPUID ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e\n\tcpuid"
#define CPUID1_ECX_VMX (1U << 5)

void test_main(void)
{
    uint32_t regs[4];
    char sig[13];
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    f = EXPECT_FAULT(XEN_CPUID, : "=a" (regs[0]), "=b" (regs[1]), "=c" (regs[2]), "=d" (regs[3])
                     : "a" (0x40000000U), "c" (0) : "memory");
    if (f.happened)
        test_failure("forced CPUID raised vector %u", f.vector);
    memcpy(sig, &regs[1], 12);
    sig[12] = '\0';
    if (strcmp(sig, "XenVMMXenVMM"))
        test_failure("leaf 0x40000000 signature '%s'", sig);
    else
        printf("hypervisor signature %s, max leaf %#x\n", sig, regs[0]);
    EXPECT_FAULT(XEN_CPUID, : "=a" (regs[0]), "=b" (regs[1]), "=c" (regs[2]), "=d" (regs[3])
                 : "a" (1), "c" (0) : "memory");
    if (regs[2] & CPUID1_ECX_VMX)
        test_failure("leaf 1 shows VMX to the guest");
    test_success();
}
