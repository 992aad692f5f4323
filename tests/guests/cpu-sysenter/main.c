/*
 * cpu-sysenter: SYSENTER from ring 3.  callback_op registers (and refuses
 * to unregister) CALLBACKTYPE_sysenter and _syscall32 as Xen does.  Where
 * the CPU runs SYSENTER for the guest (Ringleader on QEMU's 32-bit CPU),
 * it enters the registered callback on the kernel stack with Xen's frame
 * for it -- EIP 0, CS the null selector with RPL 3, EFLAGS with IF, ESP 0,
 * SS ring 3's -- and EDX and ECX as user space left them; with no
 * callback it is #GP(0); with TF set, the single-step trap that then
 * strikes the hypervisor's entry code is dropped there, as Xen drops one
 * in its own code, and the call arrives all the same.  (The frame's IF, as in every bounced frame, is
 * the opposite of the upcall mask at the time.)  The Xen oracle runs on QEMU's 64-bit CPU, an
 * AMD model, where a 32-bit guest's SYSENTER is refused by the CPU itself
 * (#GP(0) at the instruction, whatever is registered): that is checked
 * there instead (docs/xen-differences.md).
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "SYSENTER from ring 3 reaches the registered callback";

#define VEC_GP 13U
#define SEL_NULL_RPL3 3U
#define EFLAGS_IF 0x200U
#define USER_ECX 0x1111U
#define USER_EDX 0x2222U

uint32_t seen_frame[5], seen_regs[3];
void sysenter_cb(void);

/* The callback: note ECX, EDX, CS and the 5-word frame, then leave
 * exec_user() as a fault would. */
__asm__ (".text\nsysenter_cb:\n\t"
         "movl %ecx, seen_regs\n\t"
         "movl %edx, seen_regs + 4\n\t"
         "movw %cs, seen_regs + 8\n\t"
         "movl 0(%esp), %eax\n\tmovl %eax, seen_frame\n\t"
         "movl 4(%esp), %eax\n\tmovl %eax, seen_frame + 4\n\t"
         "movl 8(%esp), %eax\n\tmovl %eax, seen_frame + 8\n\t"
         "movl 12(%esp), %eax\n\tmovl %eax, seen_frame + 12\n\t"
         "movl 16(%esp), %eax\n\tmovl %eax, seen_frame + 16\n\t"
         "jmp user_return");

USER_ASM(user_sysenter, "movl $0x1111, %ecx\n\tmovl $0x2222, %edx\n\tsysenter\n\tud2");
/* The same with TF set: SYSENTER does not clear it, so the single-step
 * trap strikes the hypervisor's first instruction after it, in ring 0. */
USER_ASM(user_sysenter_tf, "movl $0x1111, %ecx\n\tmovl $0x2222, %edx\n\t"
         "pushf\n\torl $0x100, (%esp)\n\tpopf\n\tsysenter\n\tud2");

static long callback(uint16_t type, uint32_t eip)
{
    struct callback_register reg = { .type = type, .address = { FLAT_RING1_CS, eip } };

    return hypercall_callback_op(CALLBACKOP_register, &reg);
}

static void expect_gp0(const char *what, struct fault f)
{
    if (!f.happened || f.vector != VEC_GP || f.error_code != 0 || (f.cs & 3) != 3)
        test_failure("%s: happened %d vector %u ec %#x cs %#x (expected #GP(0) from ring 3)",
                     what, f.happened, f.vector, f.error_code, f.cs);
}

static void delivered(void (*user)(void))
{
    struct fault f;

    memset(seen_regs, 0, sizeof(seen_regs));
    f = exec_user(user);
    if (f.happened)
        test_failure("SYSENTER with a callback: vector %u reached the trap table", f.vector);
    expect_rc("ECX in the callback", seen_regs[0], USER_ECX);
    expect_rc("EDX in the callback", seen_regs[1], USER_EDX);
    expect_rc("the callback's CS", seen_regs[2], FLAT_RING1_CS);
    expect_rc("the frame's EIP", seen_frame[0], 0);
    expect_rc("the frame's CS", seen_frame[1] & 0xFFFF, SEL_NULL_RPL3);
    expect_rc("the frame's EFLAGS.IF: !upcall mask", seen_frame[2] & EFLAGS_IF,
              shared->vcpu_info[0].evtchn_upcall_mask ? 0 : EFLAGS_IF);
    expect_rc("the frame's ESP", seen_frame[3], 0);
    expect_rc("the frame's SS", seen_frame[4], FLAT_RING3_SS);
}

void test_main(void)
{
    struct callback_unregister unreg = { .type = CALLBACKTYPE_sysenter };
    struct fault f;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    f = exec_user(user_sysenter);
    expect_gp0("SYSENTER without a callback", f);
    expect_rc("register a syscall32 callback", callback(CALLBACKTYPE_syscall32,
              (uint32_t)(uintptr_t)sysenter_cb), 0);
    expect_rc("register the sysenter callback", callback(CALLBACKTYPE_sysenter,
              (uint32_t)(uintptr_t)sysenter_cb), 0);
    expect_rc("unregister it", hypercall_callback_op(CALLBACKOP_unregister, &unreg), -XEN_EINVAL);
    unreg.type = CALLBACKTYPE_syscall32;
    expect_rc("unregister syscall32", hypercall_callback_op(CALLBACKOP_unregister, &unreg),
              -XEN_EINVAL);
    if (on_ringleader()) {
        delivered(user_sysenter);
        delivered(user_sysenter_tf);
    } else {
        f = exec_user(user_sysenter);
        expect_gp0("SYSENTER on the oracle's AMD CPU model", f);
        if (f.eip != (uint32_t)(uintptr_t)user_sysenter + 10)
            test_failure("that #GP at %#x, not at the SYSENTER", f.eip);
    }
    test_success();
}
