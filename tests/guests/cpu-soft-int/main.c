/*
 * cpu-soft-int: software interrupts follow the guest's virtual gates:
 * INT 0x80 registered with DPL 3 (or 1) reaches its handler with the EIP
 * after the INT; INT 0x81 registered with DPL 0 cannot be raised from
 * ring 1 and becomes #GP with error code 0x81 * 8 + 2; an unregistered
 * vector likewise.  (Under QEMU's TCG in long mode -- so on the Xen
 * oracle -- the CPU reports vector * 16 + 2 instead, and Xen passes that
 * on: the error code is checked on Ringleader only.)
 */
#include "../lib/traps.h"
#include "../lib/mm.h"

const char test_title[] = "INT n goes where the guest's virtual IDT says";

static bool check_ec;

static void check(const char *what, struct fault f, uint32_t vector, uint32_t ec, uint32_t eip)
{
    if (!f.happened || f.vector != vector || (check_ec && vector == 13 && f.error_code != ec) ||
        f.eip != eip)
        test_failure("%s: vector %u ec %#x eip %#x (expected %u %#x %#x)",
                     what, f.vector, f.error_code, f.eip, vector, ec, eip);
    else
        printf("%s: vector %#x as expected\n", what, f.vector);
}

void test_main(void)
{
    struct fault f;

    check_ec = on_ringleader();
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("register vector 0x80 with DPL 3", trap_register(0x80, 3), 0);
    expect_rc("register vector 0x81 with DPL 0", trap_register(0x81, 0), 0);
    f = EXPECT_FAULT("int $0x80", : : : "memory");
    check("int $0x80", f, 0x80, 0, fault_insn_eip + 2);
    f = EXPECT_FAULT("int $0x81", : : : "memory");
    check("int $0x81 (DPL 0)", f, 13, 0x81 * 8 + 2, fault_insn_eip);
    f = EXPECT_FAULT("int $0x85", : : : "memory");
    check("int $0x85 (unregistered)", f, 13, 0x85 * 8 + 2, fault_insn_eip);
    test_success();
}
