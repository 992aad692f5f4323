/*
 * cpu-emulate-refused: privileged instructions a PV kernel may never use
 * are not emulated but reflected to it as the #GP they raised: LGDT,
 * LIDT, LTR, LLDT, INVD, and an IN from a port domain 0 may use (0x80)
 * before the kernel has a virtual IOPL (cpu-iopl has the rest).
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "instructions that are never emulated reflect #GP";

static const struct __attribute__((packed)) { uint16_t limit; uint32_t base; } table = { 0, 0 };

static void expect_gp(const char *what, struct fault f)
{
    if (!f.happened || f.vector != 13 || f.eip != fault_insn_eip)
        test_failure("%s: vector %u at %#x (happened %d)", what, f.vector, f.eip, f.happened);
    else
        printf("%s: #GP\n", what);
}

void test_main(void)
{
    uint8_t v;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_gp("lgdt", EXPECT_FAULT("lgdt %0", : : "m" (table) : "memory"));
    expect_gp("lidt", EXPECT_FAULT("lidt %0", : : "m" (table) : "memory"));
    expect_gp("ltr", EXPECT_FAULT("ltr %w0", : : "r" (FLAT_RING1_DS) : "memory"));
    expect_gp("lldt", EXPECT_FAULT("lldt %w0", : : "r" (0) : "memory"));
    expect_gp("invd", EXPECT_FAULT("invd", : : : "memory"));
    expect_gp("in from port 0x80 at IOPL 0", EXPECT_FAULT("inb $0x80, %0", : "=a" (v) : : "memory"));
    test_success();
}
