/*
 * cpu-emulate-cr: MOV from CR0, CR2, CR3 and CR4 in ring 1 are emulated
 * with the guest's view: CR0 with paging and protection on (and TS as the
 * guest set it), CR2 the last page fault's address, CR3 the machine
 * address of its L3; writing CR3 back is a NEW_BASEPTR; writing CR0 with
 * another bit than TS changed is #GP.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"
#include "../../../guest-kernel/pmap.h"

const char test_title[] = "control-register moves are emulated with the guest's view";

#define CR0_PE 0x1U
#define CR0_TS 0x8U
#define CR0_PG 0x80000000U
#define UNMAPPED 0x40000040U

void test_main(void)
{
    uint32_t cr0, cr2, cr3, scratch;
    uint32_t l3 = (uint32_t)pfn_to_maddr(virt_to_pfn((const void *)(uintptr_t)start_info->pt_base));
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    f = EXPECT_FAULT("mov %%cr0, %0", : "=r" (cr0) : : "memory");
    if (f.happened || (cr0 & (CR0_PE | CR0_PG)) != (CR0_PE | CR0_PG))
        test_failure("mov from cr0: %#x (fault %d)", cr0, f.happened);
    EXPECT_FAULT("movl (%1), %0", : "=r" (scratch) : "r" (UNMAPPED) : "memory");
    f = EXPECT_FAULT("mov %%cr2, %0", : "=r" (cr2) : : "memory");
    expect_rc("mov from cr2 after a fault at 0x40000040", cr2, UNMAPPED);
    f = EXPECT_FAULT("mov %%cr3, %0", : "=r" (cr3) : : "memory");
    expect_rc("mov from cr3 is the L3's machine address", cr3, l3);
    f = EXPECT_FAULT("mov %0, %%cr3", : : "r" (cr3) : "memory");
    if (f.happened)
        test_failure("mov to cr3 with its own L3 raised vector %u", f.vector);
    expect_rc("fpu_taskswitch(1)", hypercall_fpu_taskswitch(1), 0);
    EXPECT_FAULT("mov %%cr0, %0", : "=r" (cr0) : : "memory");
    expect_rc("CR0.TS after fpu_taskswitch(1)", cr0 & CR0_TS, CR0_TS);
    EXPECT_FAULT("clts", : : : "memory");
    EXPECT_FAULT("mov %%cr0, %0", : "=r" (cr0) : : "memory");
    expect_rc("CR0.TS after clts", cr0 & CR0_TS, 0);
    f = EXPECT_FAULT("mov %0, %%cr0", : : "r" (cr0 & ~CR0_PG) : "memory");
    if (!f.happened || f.vector != 13)
        test_failure("turning paging off: vector %u (happened %d)", f.vector, f.happened);
    test_success();
}
