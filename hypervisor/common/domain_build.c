/*
 * domain_build.c - turn a multiboot module into a running PV domain,
 * the way Xen's PV domain builder does:
 *
 *   1. parse the module's command line and the guest ELF (elf.c), compute
 *      the virtual layout (layout.c);
 *   2. allocate the domain's frames -- the P2M list's own frames first,
 *      from the direct map, so the list can be written while allocating --
 *      and zero them, so no domain sees another's old data; allocate
 *      shared_info (kept writable-typed for good);
 *   3. load the ELF segments (and, for a BSD_SYMTAB kernel, its symbol
 *      table after them), and write the bootstrap page tables (mapping
 *      all of the domain's memory from VIRT_BASE, the tables themselves
 *      read-only);
 *   4. take the tables' references as a guest would (mm.c): pin the L3,
 *      which validates everything below it, and take CR3's reference;
 *   5. fill the hypercall page and start_info, and set the initial
 *      registers (ring 1 at the entry point, ESP at the top of the boot
 *      stack, ESI = start_info) and a freshly initialised FPU.
 */
#include "hv.h"
#include "domain_build.h"
#include "domain.h"
#include "elf.h"
#include "layout.h"
#include "cmdline.h"
#include "frame.h"
#include "paging.h"
#include "mm.h"
#include "x86.h"
#include "asm.h"
#include "../../hypercall-abi/xen.h"

#define P2M_PER_PAGE (PAGE_SIZE / sizeof(uint32_t))
#define MAX_P2M_PAGES (DOMAIN_MEM_MAX / PAGE_SIZE / P2M_PER_PAGE)
#define GUEST_L1E_RW (PTE_P | PTE_RW | PTE_A | PTE_D)  /* ring-1 pages: no U/S */
#define GUEST_L1E_RO (PTE_P | PTE_A)                    /* its page tables */
#define GUEST_L2E    (PTE_P | PTE_RW | PTE_US | PTE_A)
#define GUEST_L3E    PTE_P
#define STUB_MOV_EAX 0xB8
#define STUB_INT     0xCD
#define STUB_RET     0xC3
#define STUB_PUSH_EAX 0x50
#define STUB_INT3    0xCC
#define ERRLEN 160

struct build {
    struct domain *d;
    struct guest_image gi;
    struct domain_layout l;
    struct domain_options opt;
    const uint8_t *image;
    mfn_t p2m_mfn[MAX_P2M_PAGES];
};

static struct build build;  /* one build at a time; too big for the stack */

/* The P2M entry of pfn, in the P2M list's own (direct-mapped) frames. */
static uint32_t *p2m_entry(const struct build *b, pfn_t pfn)
{
    uint32_t *p2m = maddr_to_virt(mfn_to_maddr(b->p2m_mfn[pfn_x(pfn) / P2M_PER_PAGE]));
    return &p2m[pfn_x(pfn) % P2M_PER_PAGE];
}

static mfn_t pfn_to_mfn(const struct build *b, pfn_t pfn)
{
    return _mfn(*p2m_entry(b, pfn));
}

static void *map_pfn(const struct build *b, pfn_t pfn)
{
    return map_domain_page(pfn_to_mfn(b, pfn));
}

static void *map_va(const struct build *b, vaddr_t va)
{
    return map_pfn(b, layout_va_to_pfn(&b->l, va));
}

static mfn_t alloc_frame(struct build *b, enum frame_zone zone)
{
    mfn_t mfn = frame_alloc(zone, b->d->id);

    if (mfn_eq(mfn, INVALID_MFN))
        return mfn;
    domain_own_frame(b->d, mfn);
    void *p = map_domain_page(mfn);
    memset(p, 0, PAGE_SIZE);
    unmap_domain_page(p);
    return mfn;
}

/* Allocate every page; the P2M list's pages come first, direct-mapped. */
static int allocate_memory(struct build *b)
{
    uint32_t p2m_first = pfn_x(layout_va_to_pfn(&b->l, b->l.p2m));

    for (uint32_t i = 0; i < b->l.p2m_pages; i++) {
        b->p2m_mfn[i] = alloc_frame(b, ZONE_DIRECTMAP);
        if (mfn_eq(b->p2m_mfn[i], INVALID_MFN))
            return -1;
    }
    for (uint32_t p = 0; p < b->l.nr_pages; p++) {
        bool is_p2m = p >= p2m_first && p < p2m_first + b->l.p2m_pages;
        mfn_t mfn = is_p2m ? b->p2m_mfn[p - p2m_first] : alloc_frame(b, ZONE_ANY);
        if (mfn_eq(mfn, INVALID_MFN))
            return -1;
        *p2m_entry(b, _pfn(p)) = mfn_x(mfn);
        m2p_set(mfn, p);
    }
    return 0;
}

/* Copy `len` bytes to the guest at `va`. */
static void write_guest(const struct build *b, vaddr_t va, const void *src, uint32_t len)
{
    while (len) {
        uint32_t off = va % PAGE_SIZE, n = MIN(len, PAGE_SIZE - off);
        uint8_t *page = map_va(b, va);
        memcpy(page + off, src, n);
        src = (const uint8_t *)src + n;
        unmap_domain_page(page);
        va += n;
        len -= n;
    }
}

/* Frames are zeroed at allocation, so only the file part needs writing. */
static void load_segments(const struct build *b)
{
    for (unsigned i = 0; i < b->gi.nr_segments; i++) {
        const struct guest_segment *s = &b->gi.seg[i];
        write_guest(b, s->va, b->image + s->file_offset, s->filesz);
    }
}

/* BSD_SYMTAB: the headers, the symbol table and its strings, after the image (elf.h). */
static void load_symtab(const struct build *b)
{
    const struct guest_symtab *st = &b->gi.symtab;
    struct bsd_symtab_header h;

    if (!st->va)
        return;
    elf_symtab_header(b->image, &b->gi, &h);
    write_guest(b, st->va, &h, sizeof(h));
    write_guest(b, st->va + BSD_SYMTAB_DATA, b->image + st->sym.sh_offset, st->sym.sh_size);
    write_guest(b, st->str_va, b->image + st->str.sh_offset, st->str.sh_size);
}

static void write_l1s(const struct build *b, vaddr_t l1_va)
{
    uint32_t pt_first = pfn_x(layout_va_to_pfn(&b->l, b->l.pt));

    for (uint32_t p = 0; p < b->l.nr_pages; p++) {
        vaddr_t va = b->l.virt_base + p * PAGE_SIZE;
        uint32_t l1 = (va >> L2_PAGE_SHIFT) - b->l.first_l2e;
        bool is_pt = p >= pt_first && p < pt_first + b->l.nr_pt_frames;
        pte_t *t = map_va(b, l1_va + l1 * PAGE_SIZE);
        t[l1_index(va)] = mfn_to_maddr(pfn_to_mfn(b, _pfn(p))) |
                          (is_pt ? GUEST_L1E_RO : GUEST_L1E_RW);
        unmap_domain_page(t);
    }
}

/* L3 at pt, then the L2s, then the L1s (layout.h). */
static void build_page_tables(const struct build *b)
{
    const struct domain_layout *l = &b->l;
    vaddr_t l2_va = l->pt + PAGE_SIZE, l1_va = l2_va + l->nr_l2 * PAGE_SIZE;
    pte_t *l3 = map_va(b, l->pt);

    for (uint32_t i = 0; i < l->nr_l2; i++) {
        pfn_t pfn = layout_va_to_pfn(l, l2_va + i * PAGE_SIZE);
        l3[l->l2_slot[i]] = mfn_to_maddr(pfn_to_mfn(b, pfn)) | GUEST_L3E;
    }
    unmap_domain_page(l3);
    for (uint32_t i = 0; i < l->nr_l1; i++) {
        uint32_t region = l->first_l2e + i;     /* global 2 MiB index */
        pfn_t pfn = layout_va_to_pfn(l, l1_va + i * PAGE_SIZE);
        uint32_t slot_index = 0;
        while (l->l2_slot[slot_index] != region / L2_ENTRIES)
            slot_index++;
        pte_t *l2 = map_va(b, l2_va + slot_index * PAGE_SIZE);
        l2[region % L2_ENTRIES] = mfn_to_maddr(pfn_to_mfn(b, pfn)) | GUEST_L2E;
        unmap_domain_page(l2);
    }
    write_l1s(b, l1_va);
}

/*
 * The tables are written; now take their references by the rules every
 * guest update follows: pinning the L3 validates it, and with it every
 * table and mapping below (mm.c).  CR3 holds a second reference.
 */
static int take_table_references(struct build *b)
{
    mfn_t l3 = pfn_to_mfn(b, layout_va_to_pfn(&b->l, b->l.pt));
    int rc = pin_table(b->d, l3, FT_L3);

    if (rc)
        return rc;
    rc = get_page_and_type(l3, b->d, FT_L3);
    if (rc)
        return rc;
    b->d->vcpu[0].l3_mfn = l3;
    return 0;
}

static void fill_hypercall_page(const struct build *b)
{
    uint8_t *page;

    if (b->gi.hypercall_page == ELF_ADDR_UNSET)
        return;
    page = map_va(b, b->gi.hypercall_page);
    memset(page, STUB_INT3, PAGE_SIZE);
    for (uint32_t nr = 0; nr < HYPERCALL_NR_STUBS; nr++) {
        uint8_t *p = page + nr * HYPERCALL_STUB_SIZE;
        if (nr == __HYPERVISOR_iret)
            *p++ = STUB_PUSH_EAX;       /* jumped to, not called: no ret */
        *p++ = STUB_MOV_EAX;
        memcpy(p, &nr, sizeof(nr));
        p += sizeof(nr);
        *p++ = STUB_INT;
        *p++ = HYPERCALL_VECTOR;
        if (nr != __HYPERVISOR_iret)
            *p = STUB_RET;
    }
    unmap_domain_page(page);
}

static void fill_start_info(const struct build *b)
{
    struct start_info *si = map_va(b, b->l.start_info);

    strlcpy(si->magic, XEN_START_INFO_MAGIC, sizeof(si->magic));
    si->nr_pages = b->l.nr_pages;
    si->shared_info = (uint32_t)mfn_to_maddr(b->d->shared_info_mfn);
    si->flags = b->d->privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    si->pt_base = b->l.pt;
    si->nr_pt_frames = b->l.nr_pt_frames;
    si->mfn_list = b->l.p2m;
    strlcpy(si->cmd_line, b->opt.guest_cmdline, sizeof(si->cmd_line));
    unmap_domain_page(si);
}

static int alloc_shared_info(struct build *b)
{
    struct shared_info *sh;

    b->d->shared_info_mfn = alloc_frame(b, ZONE_DIRECTMAP);
    if (mfn_eq(b->d->shared_info_mfn, INVALID_MFN))
        return -1;
    /* The hypervisor writes this page: it keeps it writable-typed for good,
     * so the guest can never turn it into a page table. */
    if (get_page_and_type(b->d->shared_info_mfn, b->d, FT_WRITABLE))
        return -1;
    sh = b->d->shared = maddr_to_virt(mfn_to_maddr(b->d->shared_info_mfn));
    for (unsigned i = 0; i < XEN_LEGACY_MAX_VCPUS; i++)
        sh->vcpu_info[i].evtchn_upcall_mask = 1;    /* events off until the guest enables them */
    for_each_vcpu(b->d, v)
        v->info = &sh->vcpu_info[v->id];
    /* arch.max_pfn stays 0, as Xen leaves it: the guest publishes its own. */
    return 0;
}

/* A fresh FPU, as FNINIT leaves it. */
static void set_initial_fpu(struct vcpu *v)
{
    fpu_init();
    fpu_save(v->fpu);
}

/* vCPU 0 starts at the entry point, ESI pointing at start_info. */
static void set_initial_registers(const struct build *b)
{
    struct trap_frame *r = &b->d->vcpu[0].regs;

    memset(r, 0, sizeof(*r));
    r->eip = b->gi.entry;
    r->cs = FLAT_RING1_CS;
    r->eflags = EFLAGS_MBS | EFLAGS_IF;
    r->esp = b->l.stack + PAGE_SIZE;
    r->ss = FLAT_RING1_SS;
    r->ds = r->es = r->fs = r->gs = FLAT_RING1_DS;
    r->esi = b->l.start_info;
}

static int prepare(struct build *b, const struct boot_module *m, char *err)
{
    if (cmdline_parse_module(m->cmdline, &b->opt, err, ERRLEN) < 0)
        return -1;
    ASSERT(m->end <= DIRECTMAP_SIZE);   /* start_of_day moved it there */
    b->image = maddr_to_virt(m->start);
    if (elf_parse_guest(b->image, (size_t)(m->end - m->start), &b->gi, err, ERRLEN) < 0)
        return -1;
    return domain_layout(&b->gi, b->opt.mem_bytes / PAGE_SIZE, &b->l, err, ERRLEN);
}

static void print_domain(const struct build *b)
{
    printk("d%u (%s): %u MiB, kernel [%#x, %#x) entry %#x, start_info %#x, %u page-table frames%s\n",
           b->d->id, b->d->name, b->l.nr_pages >> 8, b->gi.kstart, b->gi.kend, b->gi.entry,
           b->l.start_info, b->l.nr_pt_frames, b->d->privileged ? ", privileged" : "");
    if (b->gi.symtab.va)
        printk("d%u: symbol table at [%#x, %#x)\n", b->d->id, b->gi.symtab.va, b->gi.kend);
}

int domain_build(const struct boot_module *m)
{
    struct build *b = &build;
    char err[ERRLEN];

    if (prepare(b, m, err) < 0) {
        printk("module '%s' refused: %s\n", m->cmdline, err);
        return -1;
    }
    b->d = domain_create(b->opt.name);
    if (!b->d) {
        printk("module '%s' refused: too many domains (max %u)\n", m->cmdline, MAX_DOMAINS);
        return -1;
    }
    b->d->nr_pages = b->l.nr_pages;
    b->d->privileged = b->d->id == 0;
    if (allocate_memory(b) < 0 || alloc_shared_info(b) < 0) {
        printk("module '%s' refused: out of memory for %u pages\n", m->cmdline, b->l.nr_pages);
        domain_release_memory(b->d);
        b->d->state = DOMAIN_FREE;
        return -1;
    }
    load_segments(b);
    load_symtab(b);
    build_page_tables(b);
    if (take_table_references(b) < 0) {
        printk("module '%s' refused: its bootstrap page tables do not validate\n", m->cmdline);
        domain_release_memory(b->d);
        b->d->state = DOMAIN_FREE;
        return -1;
    }
    fill_hypercall_page(b);
    fill_start_info(b);
    set_initial_registers(b);
    for_each_vcpu(b->d, v) {
        set_initial_fpu(v);
        v->virtual_cr4 = read_cr4();
    }
    domain_start(b->d);
    print_domain(b);
    return 0;
}
