/*
 * cpu-ldt: a guest's own LDT (MMUEXT_SET_LDT).  A page of descriptors,
 * mapped read-only, becomes the vCPU's LDT: its code segment runs, its
 * data segments load from ring 1 and ring 3, a selector past the last
 * entry is #GP, and while the LDT is in use its page cannot be mapped
 * writable (update_descriptor still edits it).  Each LDT page is checked
 * when the CPU first reads it, so the arguments SET_LDT itself refuses are
 * few (an unaligned base, more than 8192 entries), and a page that is no
 * good -- a page table, a page mapped writable, a page holding a call gate
 * to ring 0, an address in the hypervisor's area -- makes the selector
 * load take #PF at that LDT address.  NEW_BASEPTR and a new SET_LDT let
 * the pages go, and a segment or CS reloaded on the way back from the
 * call finds them again; an LDT still set when the domain dies is released with it
 * (the frame-leak check).
 */
#include "../lib/user.h"
#include "../lib/mm.h"

const char test_title[] = "a guest's own LDT: loaded, checked page by page, let go";

enum { LDT_PAGE, WRITABLE_PAGE, GATE_PAGE };

#define NR_ENTS      3
#define SEL_CODE     0x05            /* entry 0, TI, RPL 1 */
#define SEL_DATA1    0x0D            /* entry 1, TI, RPL 1 */
#define SEL_DATA3    0x17            /* entry 2, TI, RPL 3 */
#define SEL_PAST_END 0x1D            /* entry 3, TI, RPL 1 */
#define ACC_CODE_DPL1 0xBA           /* present, DPL 1, code, execute/read */
#define ACC_DATA_DPL1 0xB2           /* present, DPL 1, data, read/write */
#define ACC_DATA_DPL3 0xF2
#define ACC_CALL_GATE_DPL3 0xEC      /* present, DPL 3, 32-bit call gate */
#define FLAGS_32_4K  0xC             /* 32-bit, 4 KiB granular */
#define FLAGS_32     0x4
#define DATA_LIMIT   0xFFF
#define HV_RING0_CS  0xe008
#define VEC_GP 13U
#define VEC_PF 14U
#define USER_MAGIC 0x4C445433U       /* "LDT3" */

static uint32_t user_word __attribute__((section(".user.data"))) = USER_MAGIC;

USER_ASM(user_read_ldt_data,
         "movw $0x17, %ax\n\t"
         "movw %ax, %es\n\t"
         "movl %es:0, %ebx\n\t"
         "movw $0xe033, %ax\n\t"
         "movw %ax, %es\n\t"
         "movl $0xE1E1, %eax\n\t"
         "int $0x80\n\t"
         "ud2");

static uint64_t seg(uint32_t base, uint32_t limit, uint32_t access, uint32_t flags)
{
    uint32_t lo = (limit & 0xFFFFU) | base << 16;
    uint32_t hi = (base >> 16 & 0xFFU) | access << 8 | (limit & 0xF0000U) | flags << 20 |
                  (base & 0xFF000000U);

    return (uint64_t)hi << 32 | lo;
}

static long set_ldt(uint32_t base, uint32_t entries)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = base,
                            .arg2.nr_ents = entries };

    return hypercall_mmuext_op(&op, 1, NULL, DOMID_SELF);
}

static uint32_t lsl(uint16_t sel)
{
    uint32_t limit = 0;

    __asm__ volatile ("lsl %1, %0" : "+r" (limit) : "r" ((uint32_t)sel) : "cc");
    return limit;
}

/* Load sel into %es and read the dword at %es:0; %es is restored. */
static uint32_t read_through(uint16_t sel)
{
    uint32_t v;

    __asm__ volatile ("movw %w1, %%es\n\t"
                      "movl %%es:0, %0\n\t"
                      "movw %w2, %%es"
                      : "=&r" (v) : "r" (sel), "r" (FLAT_RING1_DS) : "memory");
    return v;
}

/* Try to load sel into %es; the fault, if any.  %es is restored. */
static struct fault load_es(uint16_t sel)
{
    struct fault f = EXPECT_FAULT("movw %w0, %%es", : : "r" (sel) : "memory");

    __asm__ volatile ("movw %w0, %%es" : : "r" (FLAT_RING1_DS) : "memory");
    return f;
}

static void expect_fault(const char *what, struct fault f, uint32_t vector, uint32_t ec,
                         uint32_t cr2)
{
    if (!f.happened || f.vector != vector || f.error_code != ec ||
        (vector == VEC_PF && f.cr2 != cr2))
        test_failure("%s: happened %d vector %u ec %#x cr2 %#x (expected %u %#x %#x)",
                     what, f.happened, f.vector, f.error_code, f.cr2, vector, ec, cr2);
    else
        printf("%s: vector %u ec %#x as expected\n", what, f.vector, f.error_code);
}

static void expect_no_fault(const char *what, struct fault f)
{
    if (f.happened)
        test_failure("%s: vector %u ec %#x cr2 %#x", what, f.vector, f.error_code, f.cr2);
}

static long map_page(uint32_t va, pfn_t pfn, pte_t flags)
{
    return mmu_update_one(pmap_l1e_maddr(va), pfn_to_maddr(pfn) | flags);
}

/* A selector load through an LDT at `base` whose page is no good: #PF
 * with CR2 at the guest's address of the descriptor. */
static void expect_refused(const char *what, uint32_t base)
{
    char buf[96];

    snprintf(buf, sizeof(buf), "SET_LDT on %s", what);
    expect_rc(buf, set_ldt(base, NR_ENTS), 0);
    snprintf(buf, sizeof(buf), "a selector of an LDT on %s", what);
    expect_fault(buf, load_es(SEL_DATA1), VEC_PF, 0, base + 8);
}

/*
 * NEW_BASEPTR made from the LDT code segment: the return to the guest
 * loads CS from an LDT page the call let go, so the iret itself must find
 * the page again.  Returns the hypercall's result; *cs the CS after it.
 */
static long new_baseptr_on_ldt_cs(mfn_t l3, uint32_t *cs)
{
    struct mmuext_op op = { .cmd = MMUEXT_NEW_BASEPTR, .arg1.mfn = mfn_x(l3) };
    uint32_t b = (uint32_t)(uintptr_t)&op, c = 1, d = 0, S = DOMID_SELF;
    long rc;

    __asm__ volatile ("ljmp %[code], $1f\n"
                      "1:\t" RL_HCALL_STUB "\n\t"
                      "movl %%cs, %%edi\n\t"
                      "ljmp %[flat], $2f\n"
                      "2:"
                      : "=a" (rc), "+b" (b), "+c" (c), "+d" (d), "+S" (S), "=D" (*cs)
                      : [code] "i" (SEL_CODE), [flat] "i" (FLAT_RING1_CS),
                        RL_HCALL_OFFSET(__HYPERVISOR_mmuext_op)
                      : "memory");
    return rc;
}

/*
 * NEW_BASEPTR with %es on an LDT selector: the LDT pages are let go inside
 * the call, and %es, reloaded on the way back to the guest, must find its
 * page again.  Returns the hypercall's result; *word what %es:0 held.
 */
static long new_baseptr_holding_es(mfn_t l3, uint32_t *word)
{
    struct mmuext_op op = { .cmd = MMUEXT_NEW_BASEPTR, .arg1.mfn = mfn_x(l3) };

    return HYPERCALL_HOLDING_ES(SEL_DATA1, __HYPERVISOR_mmuext_op, (uint32_t)(uintptr_t)&op, 1,
                                0, DOMID_SELF, *word);
}

static void valid_ldt(uint32_t va, mfn_t l3)
{
    uint32_t cs = 0;

    expect_rc("SET_LDT", set_ldt(va, NR_ENTS), 0);
    expect_no_fault("load an LDT data selector", load_es(SEL_DATA1));
    expect_rc("read through it", read_through(SEL_DATA1), USER_MAGIC);
    expect_rc("its limit", lsl(SEL_DATA1), DATA_LIMIT);
    __asm__ volatile ("ljmp %1, $1f\n"
                      "1:\tmovl %%cs, %0\n\t"
                      "ljmp %2, $2f\n"
                      "2:"
                      : "=r" (cs) : "i" (SEL_CODE), "i" (FLAT_RING1_CS) : "memory");
    expect_rc("CS while running on the LDT code segment", cs, SEL_CODE);
    expect_rc("ring 3 through its own LDT segment: the exit call",
              exec_user(user_read_ldt_data).vector, SYSCALL_VECTOR);
    expect_rc("what ring 3 read", user_exit_code, USER_MAGIC);
    expect_fault("a selector past the last entry", load_es(SEL_PAST_END), VEC_GP,
                 SEL_PAST_END & ~3U, 0);
    expect_rc("map the LDT page writable while in use", map_page(va, scratch_pfn(LDT_PAGE),
              PMAP_KERNEL_RW), -XEN_EBUSY);
    expect_rc("update_descriptor in the LDT",
              hypercall_update_descriptor(pfn_to_maddr(scratch_pfn(LDT_PAGE)) + 8,
                                          seg((uint32_t)(uintptr_t)&user_word, 0x7FF,
                                              ACC_DATA_DPL1, FLAGS_32)), 0);
    expect_rc("the new limit", lsl(SEL_DATA1), 0x7FF);
    {
        uint32_t word = 0;
        expect_rc("NEW_BASEPTR with %es on an LDT selector", new_baseptr_holding_es(l3, &word), 0);
        expect_rc("what %es:0 held after it", word, USER_MAGIC);
    }
    expect_rc("NEW_BASEPTR from the LDT code segment", new_baseptr_on_ldt_cs(l3, &cs), 0);
    expect_rc("CS after it", cs, SEL_CODE);
}

void test_main(void)
{
    uint64_t *ldt = (uint64_t *)scratch_va(LDT_PAGE), *gates = (uint64_t *)scratch_va(GATE_PAGE);
    uint32_t va = (uint32_t)(uintptr_t)ldt, base = (uint32_t)(uintptr_t)&user_word;
    mfn_t l3 = pfn_to_mfn(virt_to_pfn((void *)(uintptr_t)start_info->pt_base));
    uint32_t l1_va = (uint32_t)(uintptr_t)pfn_to_virt(mfn_to_pfn(
                         maddr_to_mfn(pmap_l1e_maddr(va))));
    uint16_t ldtr = 0;

    expect_rc("set_trap_table", traps_init(), 0);
    expect_rc("user mode", user_mode_init(), 0);
    memset(ldt, 0, PMAP_PAGE_SIZE);
    ldt[0] = seg(0, 0xFFFFF, ACC_CODE_DPL1, FLAGS_32_4K);
    ldt[1] = seg(base, DATA_LIMIT, ACC_DATA_DPL1, FLAGS_32);
    ldt[2] = seg(base, DATA_LIMIT, ACC_DATA_DPL3, FLAGS_32);
    memset(gates, 0, PMAP_PAGE_SIZE);
    gates[1] = seg(0, 0, 0, 0) | (uint64_t)HV_RING0_CS << 16 | (uint64_t)ACC_CALL_GATE_DPL3 << 40;
    expect_rc("map the LDT page read-only", map_page(va, scratch_pfn(LDT_PAGE), PMAP_KERNEL_RO), 0);
    expect_rc("map the gate page read-only", map_page((uint32_t)(uintptr_t)gates,
              scratch_pfn(GATE_PAGE), PMAP_KERNEL_RO), 0);
    expect_rc("flush", pmap_flush_tlb(), 0);

    valid_ldt(va, l3);
    __asm__ volatile ("sldt %0" : "=r" (ldtr));
    if (!ldtr)
        test_failure("LDTR is null with an LDT set");

    /* NEW_BASEPTR lets the page go: it can be mapped writable, and then
     * is no good as an LDT page until it is read-only again. */
    expect_rc("NEW_BASEPTR to the same L3", mmuext_one(MMUEXT_NEW_BASEPTR, l3), 0);
    expect_rc("map the LDT page writable", map_page(va, scratch_pfn(LDT_PAGE), PMAP_KERNEL_RW), 0);
    expect_fault("an LDT selector, its page writable", load_es(SEL_DATA1), VEC_PF, 0, va + 8);
    expect_rc("map it read-only again", map_page(va, scratch_pfn(LDT_PAGE), PMAP_KERNEL_RO), 0);
    expect_rc("flush", pmap_flush_tlb(), 0);
    expect_no_fault("the LDT selector again", load_es(SEL_DATA1));

    expect_rc("SET_LDT at an unaligned base", set_ldt(va + 8, NR_ENTS), -XEN_EINVAL);
    expect_rc("SET_LDT with 8193 entries", set_ldt(va, 8193), -XEN_EINVAL);
    expect_rc("SET_LDT with 8192 entries", set_ldt(va, 8192), 0);
    expect_rc("SET_LDT with no entries (base ignored)", set_ldt(va + 8, 0), 0);
    __asm__ volatile ("sldt %0" : "=r" (ldtr));
    expect_rc("LDTR with no LDT", ldtr, 0);
    expect_fault("an LDT selector with no LDT", load_es(SEL_DATA1), VEC_GP, SEL_DATA1 & ~3U, 0);
    expect_rc("the page can be writable again", map_page(va, scratch_pfn(LDT_PAGE),
              PMAP_KERNEL_RW), 0);
    expect_rc("flush", pmap_flush_tlb(), 0);

    expect_refused("a page-table frame", l1_va);
    expect_refused("a page mapped writable", (uint32_t)(uintptr_t)scratch_va(WRITABLE_PAGE));
    expect_refused("a page holding a call gate to ring 0", (uint32_t)(uintptr_t)gates);
    expect_refused("the hypervisor's area", HYPERVISOR_VIRT_START);

    /* Leave a valid LDT in use: the domain's death must release it. */
    expect_rc("map the LDT page read-only", map_page(va, scratch_pfn(LDT_PAGE), PMAP_KERNEL_RO), 0);
    expect_rc("flush", pmap_flush_tlb(), 0);
    expect_rc("SET_LDT once more", set_ldt(va, NR_ENTS), 0);
    expect_rc("read through it", read_through(SEL_DATA1), USER_MAGIC);
    test_success();
}
