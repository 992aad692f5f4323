/*
 * cpu-syscall: system calls from ring 3 by INT 0x80, registered with
 * DPL 3: the kernel's handler gets the arguments in the registers and
 * its result goes back to user space in EAX, several times in a row, and
 * the exit call comes back with its code.  Both paths: the direct one (a
 * real trap gate into ring 1, as Xen's "direct trap"), and the bounced one
 * through the hypervisor (a handler that masks events) -- on Ringleader
 * the summary shows only the second run's 3 calls bounced.  A third run
 * enters ring 3 with the iret hypercall instead of a native IRET.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "system calls from ring 3 carry arguments and results";

#define SYS_ADD 1
#define SYS_MUL 2

/* user: r = add(40, 2); r = mul(r, 1000); exit(r). */
USER_ASM(user_program,
         "movl $1, %eax\n\tmovl $40, %ebx\n\tmovl $2, %ecx\n\tint $0x80\n\t"
         "movl %eax, %ebx\n\tmovl $2, %eax\n\tmovl $1000, %ecx\n\tint $0x80\n\t"
         "movl %eax, %ebx\n\tmovl $0xE1E1, %eax\n\tint $0x80\n\tud2");

static unsigned calls;

static uint32_t syscalls(uint32_t nr, uint32_t a1, uint32_t a2)
{
    calls++;
    switch (nr) {
    case SYS_ADD: return a1 + a2;
    case SYS_MUL: return a1 * a2;
    default: return (uint32_t)-XEN_ENOSYS;
    }
}

void test_main(void)
{
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    sys_handler = syscalls;
    for (int run = 0; run < 3; run++) {
        bool bounced = run == 1;
        expect_rc(bounced ? "the bounced path" : "the direct path", user_syscall_path(bounced), 0);
        calls = 0;
        f = run < 2 ? exec_user(user_program) : exec_user_iret(user_program);
        if (!f.happened || f.vector != SYSCALL_VECTOR)
            test_failure("user program ended with vector %u", f.vector);
        expect_rc("system calls made", calls, 2);
        expect_rc("exit code", user_exit_code, 42000);
    }
    test_success();
}
