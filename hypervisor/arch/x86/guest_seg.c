/*
 * guest_seg.c - reading a guest's segment descriptors in software.
 *
 * The hypervisor mostly meets guests on the flat selectors of the ABI, but
 * a guest may run on segments of its own (set_gdt, update_descriptor,
 * MMUEXT_SET_LDT).  Where the hypervisor acts on a guest's behalf at a
 * segmented address -- fetching the instruction it emulates at CS:EIP,
 * writing a trap frame at SS:ESP -- it must find the linear address the
 * CPU would have used, and refuse what the CPU would have refused, by
 * itself: with no hardware in between, every bound the CPU applies is
 * checked here (table limits, presence, type, privilege, segment limit).
 * Segment limits are checked in software too, since under QEMU's TCG the
 * CPU does not check them; and whatever the segment says, the accesses
 * then go through copy_*_guest(), which keeps to guest addresses.
 */
#include "hv.h"
#include "guest_seg.h"
#include "guest_ldt.h"
#include "domain.h"
#include "desc.h"
#include "paging.h"
#include "trap.h"
#include "x86_decode.h"
#include "guest_access.h"

#define DESCS_PER_PAGE (PAGE_SIZE / sizeof(struct seg_desc))
#define D_TYPE_CODE   (1U << 11)
#define D_TYPE_DOWN   (1U << 10)    /* data: expand-down */
#define D_TYPE_WRITE  (1U << 9)     /* data: writable */
#define D_DPL(hi)     (((hi) >> 13) & 3)

/* Descriptor `index` of v's GDT: its own pages, then the reserved page. */
static bool gdt_descriptor(const struct vcpu *v, unsigned index, struct seg_desc *d)
{
    const struct seg_desc *page;

    if (index >= FIRST_RESERVED_GDT_ENTRY)
        return desc_hv_gdt_entry(index - FIRST_RESERVED_GDT_ENTRY, d);
    if (index / DESCS_PER_PAGE >= v->gdt_nr_frames)
        return false;       /* the zero page: not present */
    page = map_domain_page(v->gdt_frames[index / DESCS_PER_PAGE]);
    *d = page[index % DESCS_PER_PAGE];
    unmap_domain_page(page);
    return true;
}

static uint32_t seg_base(struct seg_desc d)
{
    return d.lo >> 16 | (d.hi & 0xFF) << 16 | (d.hi & 0xFF000000U);
}

static uint32_t seg_limit(struct seg_desc d)
{
    uint32_t raw = (d.lo & 0xFFFF) | (d.hi & 0xF0000U);

    return (d.hi & DESC_G) ? raw << 12 | 0xFFF : raw;
}

bool guest_segment(struct vcpu *v, uint16_t sel, unsigned ring, struct guest_seg *seg)
{
    struct seg_desc d;
    bool ok = (sel & SEL_TI) ? guest_ldt_descriptor(v, sel_index(sel), &d) :
                               sel_index(sel) != 0 && gdt_descriptor(v, sel_index(sel), &d);

    if (!ok || !(d.hi & DESC_P) || !(d.hi & DESC_S) || (sel & SEL_RPL_MASK) != ring ||
        D_DPL(d.hi) != ring)
        return false;
    seg->code = d.hi & D_TYPE_CODE;
    if (!seg->code && ((d.hi & D_TYPE_DOWN) || !(d.hi & D_TYPE_WRITE)))
        return false;       /* guests have no expand-down segments */
    seg->base = seg_base(d);
    seg->limit = seg_limit(d);
    seg->big = d.hi & DESC_DB;
    return true;
}

bool guest_seg_linear(const struct guest_seg *seg, uint32_t offset, uint32_t len, vaddr_t *lin)
{
    uint64_t last = (uint64_t)offset + len - 1;

    if (len == 0 || last > seg->limit || seg->base + last > UINT32_MAX)
        return false;
    *lin = seg->base + offset;
    return true;
}

bool guest_fetch_insn(struct vcpu *v, const struct trap_frame *f, struct x86_insn *insn)
{
    uint8_t bytes[X86_MAX_INSN_LEN];
    size_t avail = 0;
    struct guest_seg cs;
    vaddr_t lin;

    if (!guest_segment(v, (uint16_t)f->cs, f->cs & SEL_RPL_MASK, &cs) || !cs.code || !cs.big)
        return false;
    /* As many bytes as can be read, up to the longest instruction: all of
     * them at once, unless the segment or the mapping ends sooner. */
    if (guest_seg_linear(&cs, f->eip, sizeof(bytes), &lin) &&
        copy_from_guest(bytes, lin, sizeof(bytes)) == 0)
        avail = sizeof(bytes);
    while (avail < sizeof(bytes) && guest_seg_linear(&cs, f->eip + (uint32_t)avail, 1, &lin) &&
           copy_from_guest(&bytes[avail], lin, 1) == 0)
        avail++;
    return x86_decode(bytes, avail, insn) == 0 && insn->op != X86_OP_UNKNOWN;
}
