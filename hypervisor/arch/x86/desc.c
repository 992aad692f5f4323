/*
 * desc.c - the descriptor tables: GDT, IDT and TSS.
 *
 * The GDT is 16 pages at GDT_VIRT_START, as in Xen: pages 0-13 map the
 * running domain's own descriptor frames (set_gdt, guest_gdt.c), or a zero
 * page where it has none; page 14 (FIRST_RESERVED_GDT_PAGE) holds the
 * hypervisor's entries,
 * including the flat guest selectors of the public ABI.
 *
 * Guest segments end at GUEST_SEGMENT_MAX_ADDR, so a ring-1 kernel can read
 * the M2P but no hypervisor byte above it -- where the CPU enforces limits
 * (see segment_limits_enforced()).  Every descriptor is created with its
 * accessed bit set, so loading a selector never writes the GDT, which is
 * read-only after boot.
 */
#include "hv.h"
#include "x86.h"
#include "segment.h"
#include "paging.h"
#include "desc.h"
#include "trap.h"

#define RO_AFTER_INIT __attribute__((section(".ro_after_init")))

static struct seg_desc hv_gdt_page[PAGE_SIZE / sizeof(struct seg_desc)]
    RO_AFTER_INIT __attribute__((aligned(PAGE_SIZE)));
static uint8_t zero_page[PAGE_SIZE] RO_AFTER_INIT __attribute__((aligned(PAGE_SIZE)));

/*
 * The page the CPU reads on every entry from a guest, and nothing else:
 * the entry area maps it read-only in every view (isolation.c), so the
 * IDTR and the TSS descriptor name its entry-area address.  hv_cr3 is the
 * hypervisor view's CR3, which entry.S loads on a guest's entry in split
 * isolation.  One page per CPU, when there are several.
 */
struct entry_tables {
    uint32_t hv_cr3;
    uint8_t pad0[ENTRY_TSS_OFFSET - sizeof(uint32_t)];
    struct tss32 tss;
    uint8_t pad1[ENTRY_IDT_OFFSET - ENTRY_TSS_OFFSET - sizeof(struct tss32)];
    struct gate_desc idt[256];
};
_Static_assert(__builtin_offsetof(struct entry_tables, tss) == ENTRY_TSS_OFFSET &&
               __builtin_offsetof(struct entry_tables, idt) == ENTRY_IDT_OFFSET &&
               sizeof(struct entry_tables) <= PAGE_SIZE, "entry tables as memlayout.h says");
static union {
    struct entry_tables t;
    uint8_t page[PAGE_SIZE];
} entry_page RO_AFTER_INIT __attribute__((aligned(PAGE_SIZE)));
static struct entry_tables *const tables = &entry_page.t;

extern char boot_stack_top[];
extern const char vector_stubs[];

#define GDT_LIMIT (FIRST_RESERVED_GDT_BYTE + HV_GDT_LAST_SEL % PAGE_SIZE + 7)
/* Segment limit field for guests: 4 KiB granular, last page below the hole. */
#define GUEST_LIMIT_PAGES ((GUEST_SEGMENT_MAX_ADDR >> 12) - 1)
#define FLAT_LIMIT_PAGES 0xFFFFF
#define ATTR_CODE (DESC_TYPE(DESC_TYPE_CODE_RX | DESC_TYPE_ACCESSED) | DESC_S | DESC_P | DESC_DB | DESC_G)
#define ATTR_DATA (DESC_TYPE(DESC_TYPE_DATA_RW | DESC_TYPE_ACCESSED) | DESC_S | DESC_P | DESC_DB | DESC_G)
#define ATTR_DATA_BYTES (DESC_TYPE(DESC_TYPE_DATA_RW | DESC_TYPE_ACCESSED) | DESC_S | DESC_P | DESC_DB)
#define ATTR_TSS (DESC_TYPE(DESC_TYPE_TSS32) | DESC_P)
#define ATTR_LDT (DESC_TYPE(DESC_TYPE_LDT) | DESC_P)
#define PROBE_LIMIT_BYTES (PAGE_SIZE - 1)

static void set_gdt_entry(uint16_t sel, struct seg_desc d)
{
    hv_gdt_page[sel_index(sel) - FIRST_RESERVED_GDT_ENTRY] = d;
}

struct __attribute__((packed)) table_ptr {
    uint16_t limit;
    uint32_t base;
};

static void gdt_init(void)
{
    set_gdt_entry(HV_CS, seg_desc(0, FLAT_LIMIT_PAGES, ATTR_CODE));
    set_gdt_entry(HV_DS, seg_desc(0, FLAT_LIMIT_PAGES, ATTR_DATA));
    set_gdt_entry(FLAT_RING1_CS, seg_desc(0, GUEST_LIMIT_PAGES, ATTR_CODE | DESC_DPL(1)));
    set_gdt_entry(FLAT_RING1_DS, seg_desc(0, GUEST_LIMIT_PAGES, ATTR_DATA | DESC_DPL(1)));
    set_gdt_entry(FLAT_RING3_CS, seg_desc(0, GUEST_LIMIT_PAGES, ATTR_CODE | DESC_DPL(3)));
    set_gdt_entry(FLAT_RING3_DS, seg_desc(0, GUEST_LIMIT_PAGES, ATTR_DATA | DESC_DPL(3)));
    set_gdt_entry(HV_TSS_SEL, seg_desc(ENTRY_TABLES_VIRT + ENTRY_TSS_OFFSET,
                                       sizeof(tables->tss) - 1, ATTR_TSS));
    set_gdt_entry(HV_PROBE_SEL, seg_desc(DIRECTMAP_VIRT_START, PROBE_LIMIT_BYTES, ATTR_DATA_BYTES));

    for (unsigned page = 0; page < GDT_PAGES; page++)
        paging_set_gdt_frame(page, virt_to_mfn(page == FIRST_RESERVED_GDT_PAGE ?
                                               (void *)hv_gdt_page : zero_page), true);

    struct table_ptr gdtr = { GDT_LIMIT, GDT_VIRT_START };
    __asm__ volatile ("lgdt %0\n\t"
                      "ljmp %1, $1f\n"
                      "1:\n\t"
                      "mov %2, %%ds\n\t"
                      "mov %2, %%es\n\t"
                      "mov %2, %%ss"
                      : : "m" (gdtr), "i" (HV_CS), "r" (HV_DS) : "memory");
}

/* The hypervisor's own gate for a vector (DPL 0 unless said otherwise). */
struct gate_desc desc_hypervisor_gate(unsigned vector, unsigned dpl)
{
    return gate_desc(HV_CS, (uint32_t)(uintptr_t)vector_stubs + vector * VECTOR_STUB_SIZE,
                     DESC_TYPE_INTGATE32, dpl);
}

static unsigned default_dpl(unsigned vector)
{
    /* int3/into may be raised from ring 3, hypercalls from ring 1, as in Xen. */
    if (vector == X86_EXC_BP || vector == X86_EXC_OF)
        return 3;
    return vector == HYPERCALL_VECTOR ? 1 : 0;
}

static struct gate_desc idt_default_gate(unsigned vector)
{
    return desc_hypervisor_gate(vector, default_dpl(vector));
}

/*
 * Every vector gets an interrupt gate (the hypervisor always runs with
 * interrupts off).  Only int3/into (DPL 3, as in Xen) and the hypercall
 * vector (DPL 1: the guest kernel, never its user space) may be raised with
 * INT; any other INT n from a guest takes #GP instead.
 */
static void idt_init(void)
{
    for (unsigned v = 0; v < ARRAY_SIZE(tables->idt); v++)
        tables->idt[v] = idt_default_gate(v);

    struct table_ptr idtr = { sizeof(tables->idt) - 1, ENTRY_TABLES_VIRT + ENTRY_IDT_OFFSET };
    __asm__ volatile ("lidt %0" : : "m" (idtr));
}

static void tss_init(void)
{
    tables->tss.ss0 = HV_DS;
    tables->tss.esp0 = (uint32_t)(uintptr_t)boot_stack_top;
    /* Beyond the limit: no I/O bitmap, every port #GPs. */
    tables->tss.iomap_base = sizeof(tables->tss);
    __asm__ volatile ("ltr %w0" : : "r" (HV_TSS_SEL));
}

/* Writable aliases of the (read-only) IDT, TSS and GDT page, for per-vCPU
 * state. */
static struct gate_desc *idt_rw;
static struct tss32 *tss_rw;
static struct seg_desc *hv_gdt_rw;

void desc_init(void)
{
    tables->hv_cr3 = paging_idle_cr3();
    gdt_init();
    idt_init();
    tss_init();
    desc_load_ldt(0);
    idt_rw = paging_writable_alias(tables->idt);
    tss_rw = paging_writable_alias(&tables->tss);
    hv_gdt_rw = paging_writable_alias(hv_gdt_page);
}

const void *desc_entry_page(void)
{
    return &entry_page;
}

bool desc_hv_gdt_entry(unsigned index, struct seg_desc *d)
{
    if (index > sel_index(HV_GDT_LAST_SEL) - FIRST_RESERVED_GDT_ENTRY)
        return false;       /* past the GDT's limit */
    *d = hv_gdt_page[index];
    return true;
}

/*
 * The running vCPU's LDT: `entries` descriptors at LDT_VIRT_START (whose
 * pages guest_ldt.c maps), or none.  The limit is exact, so the CPU itself
 * refuses a selector past the guest's last entry with #GP(selector).
 */
void desc_load_ldt(unsigned entries)
{
    uint16_t sel = 0;

    if (entries) {
        hv_gdt_rw[sel_index(HV_LDT_SEL) - FIRST_RESERVED_GDT_ENTRY] =
            seg_desc(LDT_VIRT_START, entries * sizeof(struct seg_desc) - 1, ATTR_LDT);
        sel = HV_LDT_SEL;
    }
    __asm__ volatile ("lldt %w0" : : "r" (sel) : "memory");
}

/*
 * Per-vCPU processor state, loaded on every switch: the ring-1 stack a
 * trap from ring 3 lands on (TSS.SS1:ESP1, which the CPU itself uses for
 * a direct INT 0x80), and the INT 0x80 gate -- the guest's own handler as
 * a trap gate with the DPL it registered (Xen's "direct trap": a system
 * call never enters the hypervisor), or the hypervisor's gate, which
 * bounces it.
 */
void desc_load_vcpu(uint32_t ss1, uint32_t esp1, const struct gate_desc *int80)
{
    tss_rw->ss1 = (uint16_t)ss1;
    tss_rw->esp1 = esp1;
    if (int80)
        idt_rw[SYSCALL_VECTOR] = *int80;
    else
        idt_rw[SYSCALL_VECTOR] = idt_default_gate(SYSCALL_VECTOR);
}

/* Where the CPU puts a guest's trap frame: TSS.SS0:ESP0 (isolation.c). */
void desc_set_entry_stack(uint32_t esp0)
{
    tss_rw->esp0 = esp0;
}

void desc_load_gdt(const mfn_t *frames, unsigned nr)
{
    for (unsigned page = 0; page < FIRST_RESERVED_GDT_PAGE; page++)
        paging_set_gdt_frame(page, page < nr ? frames[page] : virt_to_mfn(zero_page), false);
}


/*
 * Does this CPU enforce segment limits?  Load a 4 KiB data segment and read
 * 1 MiB past its base (mapped: the hypervisor image).  Hardware raises #GP;
 * QEMU's TCG does not check limits and reads the byte.  The read is covered
 * by an exception-table entry, whose fixup leaves the vector in EAX.
 */
bool segment_limits_enforced(void)
{
    uint32_t vector = 0xFFFFFFFFU;
    uint32_t scratch;

    __asm__ volatile ("push %%fs\n\t"
                      "mov %[sel], %%fs\n"
                      "1:\tmovl %%fs:(%[off]), %[scratch]\n"
                      "2:\tpop %%fs\n"
                      ".pushsection .extable, \"a\"\n\t"
                      ".long 1b, 2b\n\t"
                      ".popsection"
                      : "+a" (vector), [scratch] "=r" (scratch)
                      : [sel] "r" (HV_PROBE_SEL), [off] "r" (HV_LOAD_PADDR)
                      : "memory");
    return vector == X86_EXC_GP;
}
