/*
 * cpu-hv-selector: handlers registered at the hypervisor's code selector
 * (accepted, as Xen accepts them, with RPL 1) never run in ring 0.
 * Variants:
 *   "trap"   #UD's handler at __HYPERVISOR_CS: the ud2 that follows must
 *            end the domain (the hypervisor's IRET to it faults), not run
 *            the handler;
 *   "int80"  INT 0x80 for ring 3 at __HYPERVISOR_CS: it must not become a
 *            direct trap gate into ring 0, and the bounced call ends the
 *            domain the same way;
 *   "stack"  a kernel stack at the hypervisor's data selector: a trap from
 *            ring 3 cannot be delivered there, and ends the domain.
 * A witness domain runs to the end beside them, and every frame comes back.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "handlers at hypervisor selectors never run in ring 0";

#define VEC_UD 6

void ring0_handler(void);
__asm__ (".text\nring0_handler:\n\t"
         "movl $0xBAD0, %eax\n\t"
         "ud2");

USER_ASM(user_int80, "int $0x80\n\tud2");
USER_ASM(user_int3, "int3\n\tud2");

static void set_handler(uint8_t vector, unsigned dpl)
{
    struct trap_info t[2] = { { .vector = vector, .flags = (uint8_t)dpl, .cs = __HYPERVISOR_CS,
                                .address = (uint32_t)(uintptr_t)ring0_handler } };

    expect_rc("register a handler at the hypervisor's CS", hypercall_set_trap_table(t), 0);
}

void test_main(void)
{
    char variant[16];

    test_variant(variant, sizeof(variant));
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    if (!strcmp(variant, "trap")) {
        set_handler(VEC_UD, 0);
        __asm__ volatile ("ud2");
    } else if (!strcmp(variant, "int80")) {
        set_handler(0x80, 3);
        exec_user(user_int80);
    } else if (!strcmp(variant, "stack")) {
        expect_rc("a kernel stack at the hypervisor's data selector",
                  hypercall_stack_switch(__HYPERVISOR_DS, (uint32_t)(uintptr_t)variant), 0);
        exec_user(user_int3);
    } else {
        test_success();         /* the witness */
        return;
    }
    test_failure("%s: the domain is still running", variant);
}
