/*
 * isolation.c - the hypervisor's two views of memory, for split isolation.
 *
 * Segment limits keep a ring-1 guest below GUEST_SEGMENT_MAX_ADDR only
 * where the CPU checks them; QEMU's TCG does not.  Split isolation does
 * not rely on them: as 64-bit Xen since Meltdown (XPTI), a guest runs on
 * page tables that hold almost nothing of the hypervisor, and every entry
 * switches to the hypervisor's own.
 *
 *                 guest view (CR3 = guest_l3)    hypervisor view (boot_l3)
 *   L3 slots 0-2  the guest's                    the same (a copy)
 *   slot 3, L2:
 *     0-427       the guest's L2_XEN entries     the same (a copy)
 *     M2P         read-only M2P                  the same
 *     per-domain  GDT and LDT windows            the same
 *     entry area  entry code, tables, stack      the same
 *     the rest    NOT PRESENT                    map cache, direct map, image
 *
 * Both views are this CPU's own copies of the top of the running guest's
 * tree (guest_l3 and guest_l2 here, boot_l3 and idle_l2 for the
 * hypervisor), so one CPU's entry stack never appears in another CPU's
 * view, even when both run one address space.  The copies are made when
 * a guest's L3 is loaded (isolation_load_guest) and kept equal to the
 * guest's tables on every change mm.c makes to the two tables they copy
 * (isolation_entry_written); every other level (the guest's L2s under
 * slots 0-2, its L1s) is shared, not copied.  The guest's own L2_XEN
 * holds in its hypervisor slots what its view holds, so a guest reading
 * its tables sees its real view.
 *
 * TLB: a CR3 load drops every translation but global ones.  In split
 * isolation only mappings that are the same in both views are global (the
 * M2P, the entry area); everything else of the hypervisor's is not, so no
 * translation of it survives the switch back to a guest.
 *
 * In segment isolation none of this runs: a guest's L3 is loaded as it is,
 * and its L2_XEN carries all the hypervisor's slots.
 */
#include "hv.h"
#include "isolation.h"
#include "paging.h"
#include "desc.h"
#include "mm.h"
#include "trap.h"
#include "asm.h"

extern pte_t boot_l3[], idle_l2[];
extern char _entry_text[], _eentry_text[], _entry_text_paddr[];

#define GUEST_L3_SLOTS HV_L3_SLOT           /* slots 0-2: the guest's own */
#define ENTRY_RO  (PTE_P | PTE_A | PTE_G)
#define ENTRY_RW  (PTE_P | PTE_RW | PTE_A | PTE_D | PTE_G)
#define L3E_PRESENT PTE_P                  /* a PAE PDPTE has no other flag */

bool split_isolation;
uint32_t exit_cr3;

/* Where the CPU pushes a guest's frame in split isolation. */
static uint8_t entry_stack[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static pte_t entry_l1[L1_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
/* This CPU's guest view: the top of the running guest's tree. */
static pte_t guest_l3[4] __attribute__((aligned(32)));
static pte_t guest_l2[L2_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
/* The guest tables the two views copy now (INVALID_MFN: none). */
static mfn_t mirrored_l3, mirrored_l2;
/* What every guest L2_XEN gets in its hypervisor slots (isolation_start). */
static pte_t guest_hv_slots[L2_ENTRIES - HV_FIRST_L2_SLOT];

/* Whole words: copying entries is most of what a switch of address space
 * and a new L2_XEN cost. */
static void copy_entries(pte_t *dst, const pte_t *src, unsigned n)
{
    uint32_t words = n * sizeof(pte_t) / sizeof(uint32_t);

    __asm__ volatile ("rep movsl" : "+D" (dst), "+S" (src), "+c" (words) : : "memory");
}

static void clear_entries(pte_t *dst, unsigned n)
{
    uint32_t words = n * sizeof(pte_t) / sizeof(uint32_t);

    __asm__ volatile ("rep stosl" : "+D" (dst), "+c" (words) : "a" (0) : "memory");
}

static void entry_map(vaddr_t va, paddr_t pa, pte_t flags)
{
    entry_l1[l1_index(va)] = pa | flags;
}

void isolation_map_entry_area(void)
{
    uint32_t text_bytes = (uint32_t)(_eentry_text - _entry_text);

    for (uint32_t off = 0; off < text_bytes; off += PAGE_SIZE)
        entry_map(ENTRY_TEXT_VIRT + off, (paddr_t)(uintptr_t)_entry_text_paddr + off, ENTRY_RO);
    entry_map(ENTRY_TABLES_VIRT, virt_to_maddr(desc_entry_page()), ENTRY_RO);
    entry_map(ENTRY_STACK_VIRT, virt_to_maddr(entry_stack), ENTRY_RW);
    idle_l2[l2_index(ENTRY_VIRT_START)] = virt_to_maddr(entry_l1) | PTE_P | PTE_RW | PTE_A;
    mirrored_l3 = mirrored_l2 = INVALID_MFN;
}

void isolation_guest_hv_slots(pte_t *l2)
{
    copy_entries(&l2[HV_FIRST_L2_SLOT], guest_hv_slots, ARRAY_SIZE(guest_hv_slots));
}

static void report(enum isolation_mode mode, const char *why, bool unsafe)
{
    printk("isolation: %s (%s)\n", mode == ISOLATION_SPLIT ? "split" : "segments", why);
    if (unsafe)
        printk("WARNING: isolation=segments, but this CPU ignores segment limits: "
               "a guest kernel can read and write the hypervisor\n");
}

void isolation_start(const char *cmdline, bool limits_enforced)
{
    enum isolation_request req;
    enum isolation_mode mode;
    const char *why;
    char err[96];
    bool unsafe;

    if (isolation_parse(cmdline, &req, err, sizeof(err)) < 0)
        printk("%s; using auto\n", err);
    mode = isolation_choose(req, limits_enforced, &why, &unsafe);
    report(mode, why, unsafe);
    for (unsigned i = HV_FIRST_L2_SLOT; i < L2_ENTRIES; i++)
        guest_hv_slots[i - HV_FIRST_L2_SLOT] = isolation_guest_keeps_slot(mode, i) ? idle_l2[i] : 0;
    if (mode != ISOLATION_SPLIT)
        return;
    isolation_guest_hv_slots(guest_l2);
    guest_l3[HV_L3_SLOT] = virt_to_maddr(guest_l2) | L3E_PRESENT;
    exit_cr3 = (uint32_t)virt_to_maddr(guest_l3);
    paging_make_private_local();
    desc_set_entry_stack(ENTRY_STACK_TOP);
    sysenter_set_stack(ENTRY_STACK_TOP);
    split_isolation = true;
}

/* Both views' copy of L3 slot i, and of entry i of the L2 under slot 3. */
static void mirror_l3e(unsigned i, pte_t e)
{
    pte_store(&boot_l3[i], e);
    guest_l3[i] = e;
}

static void mirror_l2e(unsigned i, pte_t e)
{
    pte_store(&idle_l2[i], e);
    pte_store(&guest_l2[i], e);
}

/*
 * The guest part of an L2 into both copies.  Neither copy is walked while
 * it changes (the hypervisor touches no guest address until the CR3 load
 * that follows), so a plain copy does.
 */
static void mirror_l2(mfn_t l2)
{
    const pte_t *t = map_domain_page(l2);

    copy_entries(idle_l2, t, HV_FIRST_L2_SLOT);
    copy_entries(guest_l2, t, HV_FIRST_L2_SLOT);
    unmap_domain_page(t);
    mirrored_l2 = l2;
}

/*
 * The hypervisor's view is loaded with the guest's lower 3 GiB and the
 * guest's part of the fourth; exit_cr3 (guest_l3, fixed per CPU) is what
 * entry.S loads on the way back.  Loading CR3 re-reads the PDPTEs and flushes the TLB, as loading
 * the guest's own L3 would.
 */
void isolation_load_guest(mfn_t l3)
{
    const pte_t *t;
    mfn_t l2;

    if (!split_isolation) {
        write_cr3((uint32_t)mfn_to_maddr(l3));
        return;
    }
    t = map_domain_page(l3);
    for (unsigned i = 0; i < GUEST_L3_SLOTS; i++)
        mirror_l3e(i, t[i]);
    l2 = pte_mfn(t[HV_L3_SLOT]);
    unmap_domain_page(t);
    if (!mfn_eq(l2, mirrored_l2))
        mirror_l2(l2);
    mirrored_l3 = l3;
    write_cr3(paging_idle_cr3());
}

/* No guest: the hypervisor's view alone, with nothing of any guest's. */
void isolation_load_idle(void)
{
    if (split_isolation) {
        for (unsigned i = 0; i < GUEST_L3_SLOTS; i++)
            mirror_l3e(i, 0);
        clear_entries(idle_l2, HV_FIRST_L2_SLOT);
        clear_entries(guest_l2, HV_FIRST_L2_SLOT);
        mirrored_l3 = mirrored_l2 = INVALID_MFN;
    }
    write_cr3(paging_idle_cr3());
}

void isolation_entry_written(mfn_t table, unsigned level, unsigned index, pte_t e)
{
    if (!split_isolation)
        return;
    if (level == 2 && mfn_eq(table, mirrored_l2) && index < HV_FIRST_L2_SLOT)
        mirror_l2e(index, e);
    else if (level == 3 && mfn_eq(table, mirrored_l3) && index < GUEST_L3_SLOTS)
        mirror_l3e(index, e);
}
