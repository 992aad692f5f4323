/*
 * cpu-own-segments: a guest kernel may run on code and stack segments of
 * its own GDT, not only on the ABI's flat selectors.  With a code segment
 * (flat, DPL 1) and a stack segment (DPL 1, based at a page of its own)
 * in its GDT:
 *   - ring-1 code on its own code segment gets a privileged instruction
 *     emulated (MOV from CR0);
 *   - a handler registered at its own code segment runs there;
 *   - a trap from ring 3 is delivered on a stack_switch stack in its own
 *     stack segment: the frame lands at the segment's base plus ESP, as the
 *     CPU would have put it.
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "traps and emulation on a guest's own code and stack segments";

enum { GDT_PAGE, STACK_PAGE };
#define SEL_CODE   0x09             /* GDT entry 1, RPL 1 */
#define SEL_STACK  0x11             /* GDT entry 2, RPL 1 */
#define CODE_FLAT_DPL1 0x00CFBA000000FFFFULL
#define STACK_LIMIT 0xFFFU
#define STACK_TOP   0x1000U          /* ESP, relative to the stack segment */
#define CR0_PE_PG   0x80000001U

uint32_t seen_cs, seen_frame[5];
void own_int3(void);
void own_user_int3(void);

/* Ring 1, on SEL_CODE: note CS, return with a native IRET. */
__asm__ (".text\nown_int3:\n\t"
         "movw %cs, seen_cs\n\t"
         "iret");

/* From ring 3, on SEL_CODE with SS = SEL_STACK: copy the frame the
 * hypervisor pushed (EIP, CS, EFLAGS, ESP, SS) out through SS, then back
 * to the flat segments and out of exec_user(). */
__asm__ (".text\nown_user_int3:\n\t"
         "movw %cs, seen_cs\n\t"
         "movl %ss:0(%esp), %eax\n\tmovl %eax, seen_frame\n\t"
         "movl %ss:4(%esp), %eax\n\tmovl %eax, seen_frame + 4\n\t"
         "movl %ss:8(%esp), %eax\n\tmovl %eax, seen_frame + 8\n\t"
         "movl %ss:12(%esp), %eax\n\tmovl %eax, seen_frame + 12\n\t"
         "movl %ss:16(%esp), %eax\n\tmovl %eax, seen_frame + 16\n\t"
         "movl $0xe021, %eax\n\t"
         "movl %eax, %ss\n\t"
         "ljmp $0xe019, $user_return");

USER_ASM(user_int3, "int3\n\tud2");

static uint64_t data_seg(uint32_t base, uint32_t limit)
{
    uint32_t lo = (limit & 0xFFFFU) | base << 16;
    uint32_t hi = (base >> 16 & 0xFFU) | 0xB2U << 8 | (limit & 0xF0000U) | 0x4U << 20 |
                  (base & 0xFF000000U);

    return (uint64_t)hi << 32 | lo;
}

static long handler_at(uint8_t vector, unsigned dpl, void (*fn)(void))
{
    struct trap_info t[2] = { { .vector = vector, .flags = (uint8_t)dpl, .cs = SEL_CODE,
                                .address = (uint32_t)(uintptr_t)fn } };

    return hypercall_set_trap_table(t);
}

static void own_gdt(void)
{
    uint64_t *gdt = (uint64_t *)scratch_va(GDT_PAGE);
    uint32_t va = (uint32_t)(uintptr_t)gdt;
    xen_pfn_t frame = mfn_x(pfn_to_mfn(scratch_pfn(GDT_PAGE)));

    memset(gdt, 0, PMAP_PAGE_SIZE);
    gdt[1] = CODE_FLAT_DPL1;
    gdt[2] = data_seg((uint32_t)(uintptr_t)scratch_va(STACK_PAGE), STACK_LIMIT);
    pmap_map(va, scratch_pfn(GDT_PAGE), PMAP_KERNEL_RO);
    expect_rc("map the GDT page read-only", pmap_flush() ?: pmap_flush_tlb(), 0);
    expect_rc("set_gdt", hypercall_set_gdt(&frame, 3), 0);
}

static void emulation_on_own_cs(void)
{
    uint32_t cs = 0, cr0 = 0;

    __asm__ volatile ("ljmp %2, $1f\n"
                      "1:\tmovl %%cr0, %1\n\t"
                      "movl %%cs, %0\n\t"
                      "ljmp %3, $2f\n"
                      "2:"
                      : "=r" (cs), "=r" (cr0) : "i" (SEL_CODE), "i" (FLAT_RING1_CS) : "memory");
    expect_rc("CS while running on its own code segment", cs, SEL_CODE);
    expect_rc("CR0.PE and PG, emulated there", cr0 & CR0_PE_PG, CR0_PE_PG);
}

static void handler_on_own_cs(void)
{
    seen_cs = 0;
    expect_rc("a ring-1 #BP handler at its own code segment", handler_at(3, 3, own_int3), 0);
    __asm__ volatile ("int3" : : : "memory");
    expect_rc("the handler's CS", seen_cs, SEL_CODE);
}

static void frame_on_own_stack(void)
{
    const uint32_t *lin = (const uint32_t *)((uint8_t *)scratch_va(STACK_PAGE) + STACK_TOP) - 5;

    expect_rc("user mode", user_mode_init(), 0);
    expect_rc("stack_switch to its own stack segment", hypercall_stack_switch(SEL_STACK,
              STACK_TOP), 0);
    expect_rc("a #BP handler for ring 3 at its own code segment", handler_at(3, 3,
              own_user_int3), 0);
    seen_cs = 0;
    exec_user(user_int3);
    expect_rc("the handler's CS", seen_cs, SEL_CODE);
    expect_rc("the frame's EIP: after the int3", seen_frame[0],
              (uint32_t)(uintptr_t)user_int3 + 1);
    expect_rc("the frame's CS", seen_frame[1] & 0xFFFF, FLAT_RING3_CS);
    expect_rc("the frame's SS", seen_frame[4], FLAT_RING3_SS);
    for (unsigned i = 0; i < 5; i++)
        if (lin[i] != seen_frame[i])
            test_failure("frame word %u at base + ESP is %#x, through SS %#x", i, lin[i],
                         seen_frame[i]);
}

void test_main(void)
{
    expect_rc("set_trap_table", traps_init(), 0);
    own_gdt();
    emulation_on_own_cs();
    handler_on_own_cs();
    frame_on_own_stack();
    test_success();
}
