/*
 * cpu-bad-stack: a trap the hypervisor cannot deliver, because the guest's
 * stack is unmapped, goes to the failsafe callback (on the stack_switch
 * stack); without a failsafe callback the domain is crashed cleanly, and
 * the other domains keep running.  Variants: "failsafe" and "crash".
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "an undeliverable trap goes to the failsafe callback, or crashes only its domain";

#define UNMAPPED_STACK 0x40000000U
#define FAILSAFE_STACK 4096

static uint8_t failsafe_stack[FAILSAFE_STACK] __attribute__((aligned(16)));
void failsafe_entry(void);
void failsafe_reached(const uint32_t *frame);

/* The failsafe frame: DS, ES, FS, GS, EIP, CS, EFLAGS, ESP, SS. */
__asm__ (".text\n"
         "failsafe_entry:\n\t"
         "mov %esp, %eax\n\t"
         "push %eax\n\t"
         "call failsafe_reached\n\t"
         "ud2");

void failsafe_reached(const uint32_t *frame)
{
    printf("failsafe callback reached: eip %#x, esp %#x\n", frame[4], frame[7]);
    if (frame[7] != UNMAPPED_STACK)
        test_failure("the failsafe frame has esp %#x, expected %#x", frame[7], UNMAPPED_STACK);
    test_exit();
}

void test_main(void)
{
    char variant[16];
    struct callback_register cb = { CALLBACKTYPE_failsafe, 0,
                                    { FLAT_RING1_CS, (uint32_t)(uintptr_t)failsafe_entry } };

    test_variant(variant, sizeof(variant));
    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("stack_switch", hypercall_stack_switch(FLAT_RING1_SS,
              (uint32_t)(uintptr_t)(failsafe_stack + FAILSAFE_STACK)), 0);
    if (!strcmp(variant, "failsafe"))
        expect_rc("register the failsafe callback", hypercall_callback_op(CALLBACKOP_register, &cb), 0);
    printf("int3 with the stack at %#x\n", UNMAPPED_STACK);
    test_success();
    __asm__ volatile ("mov %0, %%esp\n\tint3" : : "i" (UNMAPPED_STACK) : "memory");
    test_failure("the trap came back");
}
