/*
 * cpu-iret: the iret hypercall (through the hypercall page's iret stub,
 * which pushes EAX and is jumped to) returns to the frame on the stack,
 * restores EAX, and sets the upcall mask from the frame's EFLAGS.IF in
 * the same step -- the atomic "enable events and return" a native iret
 * in ring 1 cannot do.  With "vm" on the command line it then asks for
 * virtual-8086 mode, which crashes the domain (Xen does the same).
 */
#include "../lib/traps.h"
#include "../lib/expect.h"

const char test_title[] = "the iret hypercall returns and restores the event mask";

#define MAGIC 0x1EE7C0DEU
#define EFLAGS_IF 0x200U
#define EFLAGS_MBS 0x2U
#define EFLAGS_VM 0x20000U

/* Return through HYPERVISOR_iret to the next instruction with `eflags`. */
static uint32_t iret_to_here(uint32_t eflags)
{
    uint32_t eax = MAGIC;

    __asm__ volatile ("pushl %[fl]\n\t"
                      "pushl %[cs]\n\t"
                      "pushl $1f\n\t"
                      "jmp hypercall_page + %c[offset]\n"
                      "1:"
                      : "+a" (eax)
                      : [fl] "m" (eflags), [cs] "i" (FLAT_RING1_CS),
                        RL_HCALL_OFFSET(__HYPERVISOR_iret)
                      : "memory", "ebx", "ecx", "edx", "esi", "edi");
    return eax;
}

void test_main(void)
{
    volatile uint8_t *mask;

    expect_rc("set_trap_table (maps shared_info)", traps_init(), 0);
    mask = (volatile uint8_t *)&shared->vcpu_info[0].evtchn_upcall_mask;
    *mask = 0;
    expect_rc("EAX after an iret with IF clear", iret_to_here(EFLAGS_MBS), MAGIC);
    expect_rc("upcall mask after IF clear", *mask, 1);
    expect_rc("EAX after an iret with IF set", iret_to_here(EFLAGS_MBS | EFLAGS_IF), MAGIC);
    expect_rc("upcall mask after IF set", *mask, 0);
    if (!strcmp(start_info->cmd_line, "vm")) {
        /* An iret into virtual-8086 mode crashes the domain, as on Xen. */
        printf("iret asking for virtual-8086 mode\n");
        iret_to_here(EFLAGS_MBS | EFLAGS_IF | EFLAGS_VM);
        test_failure("the iret into virtual-8086 mode came back");
    }
    test_success();
}
