/*
 * cpu_ops.c - the virtual CPU: a system call from ring 3 on the direct
 * path and on the bounced one, a page fault bounced to the kernel, and
 * each emulated instruction's round trip (trap, emulation, return).
 *
 * The system calls are INT 0x80 registered with DPL 3, with and without
 * TI_MASK_EVENTS, each handler returning to ring 3 with a native IRET.
 * On Ringleader the first is a direct gate (no hypervisor entry) and the
 * second is bounced through #GP.  64-bit Xen gives a 32-bit guest no
 * direct gate: both enter Xen through its own DPL-3 gate 0x80 and are
 * bounced from there.  Another vector (INT 0x81, DPL 3) would take Xen's
 * #GP path, but not under QEMU TCG: in long mode QEMU's #GP error code
 * for an IDT entry is vector * 16 + 2, not vector * 8 + 2, so Xen reads
 * 0x812 >> 3 as vector 2, which ring 3 may not raise, and bounces the #GP.
 *
 * An emulated instruction runs under EXPECT_FAULT, its dry run the same
 * bookkeeping around no instruction; one the hypervisor refuses faults,
 * and its row is absent.  (Xen, which keeps COM1, refuses IN from it to
 * a kernel without the I/O privilege; with set_iopl 1, as here, it
 * emulates the read and returns all ones.)
 */
#include "bench.h"
#include "../guests/lib/user.h"

#define SYS_NULL 1
#define UNMAPPED 0x40000123U    /* no L2 under L3 slot 1 */
#define COM1_LSR 0x3FD
#define XEN_CPUID ".byte 0x0f, 0x0b, 0x78, 0x65, 0x6e\n\tcpuid"
#define STR(x) #x
#define XSTR(x) STR(x)

/* The ring-3 loops' count and result, in the user pages they can reach. */
struct user_loop {
    uint32_t iters, pad;
    uint64_t ticks;
};
struct user_loop bench_user __attribute__((section(".user.data"), aligned(8)));

/* iters system calls (or as many NOPs in their place), timed in ring 3. */
#define USER_LOOP(name, call)                                                   \
    USER_ASM(name,                                                              \
             "mov bench_user, %esi\n\t"                                         \
             "lfence\n\trdtsc\n\tmov %eax, %edi\n\tmov %edx, %ebp\n"            \
             "1:\tmov $" XSTR(SYS_NULL) ", %eax\n\t" call "\n\t"                \
             "dec %esi\n\tjnz 1b\n\t"                                           \
             "lfence\n\trdtsc\n\tsub %edi, %eax\n\tsbb %ebp, %edx\n\t"          \
             "mov %eax, bench_user + 8\n\tmov %edx, bench_user + 12\n\t"        \
             "mov $" XSTR(SYS_EXIT) ", %eax\n\txor %ebx, %ebx\n\tint $0x80\n\tud2")

USER_LOOP(user_syscalls, "int $0x80");
USER_LOOP(user_no_syscalls, "nop\n\tnop");

static uint32_t null_syscall(uint32_t nr, uint32_t a1, uint32_t a2)
{
    (void)a1, (void)a2;
    return nr == SYS_NULL ? 0 : (uint32_t)-XEN_ENOSYS;
}

static void syscall_pass(const void *arg, bool dry, uint64_t ticks[MAX_ROWS])
{
    struct fault f;

    (void)arg;
    bench_user.iters = cfg.iters;
    f = exec_user(dry ? user_no_syscalls : user_syscalls);
    if (f.vector != SYSCALL_VECTOR) {
        test_failure("the ring-3 loop ended with vector %u", f.vector);
        test_exit();
    }
    ticks[0] = bench_user.ticks;
}

/* A load from an unmapped address, bounced to the kernel's handler, which
 * steps over it; the dry run loads from a mapped one. */
static void page_fault_pass(const void *arg, bool dry, uint64_t ticks[MAX_ROWS])
{
    uint32_t va = dry ? (uint32_t)(uintptr_t)&cfg : UNMAPPED, scratch;
    uint64_t t0 = bench_tsc();

    (void)arg;
    for (uint32_t i = 0; i < cfg.iters; i++)
        EXPECT_FAULT("movl (%1), %0", : "=r" (scratch) : "r" (va) : "memory");
    ticks[0] = bench_tsc() - t0;
    if (!dry && (!last_fault.happened || last_fault.vector != 14)) {
        test_failure("the load from %#x did not fault", UNMAPPED);
        test_exit();
    }
}

static uint32_t cr, cpuid_regs[4];
static uint8_t lsr;

#define EMULATED(fn, insn, ...)                         \
    static void fn(const void *arg, bool dry)           \
    {                                                   \
        (void)arg;                                      \
        if (dry)                                        \
            EXPECT_FAULT("", __VA_ARGS__);              \
        else                                            \
            EXPECT_FAULT(insn, __VA_ARGS__);            \
    }

EMULATED(emu_cli, "cli", : : : "memory")
EMULATED(emu_sti, "sti", : : : "memory")
EMULATED(emu_in, "inb %w1, %b0", : "=a" (lsr) : "d" (COM1_LSR) : "memory")
/* Each write puts back the value just read. */
EMULATED(emu_read_cr0, "mov %%cr0, %0", : "=r" (cr) : : "memory")
EMULATED(emu_write_cr0, "mov %0, %%cr0", : : "r" (cr) : "memory")
EMULATED(emu_read_cr3, "mov %%cr3, %0", : "=r" (cr) : : "memory")
EMULATED(emu_write_cr3, "mov %0, %%cr3", : : "r" (cr) : "memory")
EMULATED(emu_read_cr4, "mov %%cr4, %0", : "=r" (cr) : : "memory")
EMULATED(emu_write_cr4, "mov %0, %%cr4", : : "r" (cr) : "memory")
EMULATED(emu_cpuid, XEN_CPUID, : "=a" (cpuid_regs[0]), "=b" (cpuid_regs[1]),
         "=c" (cpuid_regs[2]), "=d" (cpuid_regs[3]) : "a" (1), "c" (0) : "memory")

/* Run each operation once: if one faults, the group is absent. */
static bool probe(const struct group *g)
{
    const struct op *ops = g->arg;
    char why[64];

    for (unsigned r = 0; r < MAX_ROWS && ops[r].run; r++) {
        ops[r].run(ops[r].arg, false);
        if (last_fault.happened) {
            snprintf(why, sizeof(why), "faults (vector %u, error code %#x)",
                     last_fault.vector, last_fault.error_code);
            absent(g, why);
            return false;
        }
    }
    return true;
}

static void measure_emulated(void)
{
    const struct group groups[] = {
        { { "emulate-cli", "emulate-sti" }, 1, PER_OP, op_rounds,
          OPS({ emu_cli, NULL }, { emu_sti, NULL }) },
        { { "emulate-in-com1" }, 1, PER_OP, op_rounds, OPS({ emu_in, NULL }) },
        { { "emulate-mov-from-cr0", "emulate-mov-to-cr0" }, 1, PER_OP, op_rounds,
          OPS({ emu_read_cr0, NULL }, { emu_write_cr0, NULL }) },
        { { "emulate-mov-from-cr3", "emulate-mov-to-cr3" }, 1, PER_OP, op_rounds,
          OPS({ emu_read_cr3, NULL }, { emu_write_cr3, NULL }) },
        { { "emulate-mov-from-cr4", "emulate-mov-to-cr4" }, 1, PER_OP, op_rounds,
          OPS({ emu_read_cr4, NULL }, { emu_write_cr4, NULL }) },
        { { "emulate-cpuid" }, 1, PER_OP, op_rounds, OPS({ emu_cpuid, NULL }) },
    };

    for (unsigned i = 0; i < ARRAY_SIZE(groups); i++)
        if (selected(&groups[i]) && probe(&groups[i]))
            measure(&groups[i]);
}

void bench_cpu(void)
{
    static const struct group syscall_direct = { { "syscall-direct" }, 1, PER_OP, syscall_pass, NULL };
    static const struct group syscall_bounced = { { "syscall-bounced" }, 1, PER_OP, syscall_pass, NULL };
    static const struct group page_fault = { { "page-fault" }, 1, PER_OP, page_fault_pass, NULL };
    struct physdev_set_iopl iopl1 = { 1 };

    bench_check("set_trap_table", traps_init());
    bench_check("user mode", user_mode_init());
    /* The kernel's I/O privilege, which cli and sti need on both hypervisors. */
    bench_check("set_iopl(1)", hypercall_physdev_op(PHYSDEVOP_set_iopl, &iopl1));
    sys_handler = null_syscall;
    bench_check("the direct path", user_syscall_path(false));
    measure(&syscall_direct);
    bench_check("the bounced path", user_syscall_path(true));
    measure(&syscall_bounced);
    measure(&page_fault);
    measure_emulated();
}
