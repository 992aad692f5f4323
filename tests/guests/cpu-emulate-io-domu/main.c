/*
 * cpu-emulate-io-domu: only domain 0 has ports.  The same guest runs as
 * domain 0, whose IN from port 0x80 is emulated, and as domain 1, which
 * even at virtual IOPL 3, from ring 1 or ring 3 and under
 * architectural_iopl, gets #GP for every port but COM1, its own virtual
 * UART (docs/traps.md).
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "a domain other than domain 0 has no ports but its UART";

#define VEC_GP 13

USER_ASM(user_in80, "inb $0x80, %al\n\tmovl $0xE1E1, %eax\n\tint $0x80");

static bool gp(struct fault f)
{
    return f.happened && f.vector == VEC_GP;
}

static void expect_refused(const char *what, struct fault f)
{
    if (!gp(f))
        test_failure("%s: not #GP (vector %u, happened %d)", what, f.vector, f.happened);
}

static void domu(void)
{
    uint32_t val = 0;
    struct fault f;

    expect_refused("ring 1 inb 0x80", EXPECT_FAULT("inb $0x80, %b0", : "+a" (val) : : "memory"));
    expect_refused("ring 1 outb 0x70", EXPECT_FAULT("outb %b0, $0x70", : : "a" (val) : "memory"));
    expect_refused("ring 1 inb 0x21", EXPECT_FAULT("inb $0x21, %b0", : "+a" (val) : : "memory"));
    expect_refused("ring 1 inl 0x3FE (past COM1)",
                   EXPECT_FAULT("inl %w1, %0", : "+a" (val) : "d" (0x3FE) : "memory"));
    f = EXPECT_FAULT("inb %w1, %b0", : "+a" (val) : "d" (0x3FD) : "memory");
    if (f.happened || (val & 0xFF) != 0x60)
        test_failure("COM1 line status: %#x (fault %d)", val & 0xFF, f.happened);
    f = exec_user(user_in80);
    if (f.vector != VEC_GP)
        test_failure("ring 3 inb 0x80 at level 3: vector %u", f.vector);
    expect_rc("vm_assist(enable, architectural_iopl)",
              hypercall_vm_assist(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl), 0);
    expect_refused("ring 1 inb 0x80 as ring 0",
                   EXPECT_FAULT("inb $0x80, %b0", : "+a" (val) : : "memory"));
    printf("domain 1: every port but COM1 refused\n");
}

void test_main(void)
{
    struct physdev_set_iopl iopl = { 3 };
    uint32_t val = 0;
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    expect_rc("set_iopl(3)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &iopl), 0);
    if (!(start_info->flags & SIF_PRIVILEGED)) {
        domu();
        test_success();
        return;
    }
    f = EXPECT_FAULT("inb $0x80, %b0", : "+a" (val) : : "memory");
    if (f.happened)
        test_failure("domain 0: inb 0x80 raised vector %u", f.vector);
    else
        printf("domain 0: inb 0x80 emulated\n");
    test_success();
}
