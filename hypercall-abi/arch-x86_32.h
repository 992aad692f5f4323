/*
 * arch-x86_32.h - x86_32 (PAE) specifics of the hypercall ABI.
 *
 * Virtual-address layout every guest sees (Xen's native x86_32 PAE layout):
 *
 *   0xFFFFFFFF +-----------------------------+
 *              | hypervisor (ring 0 only)    |  not reachable through any
 *   0xF6800000 +-----------------------------+  guest segment
 *              | read-only M2P table         |  machine frame -> guest PFN,
 *   0xF5800000 +-----------------------------+  4 bytes per machine frame
 *              | guest kernel and user space |
 *   0x00000000 +-----------------------------+
 *
 * The flat selectors below are provided by the hypervisor's GDT so a
 * guest need not build its own; their limits end at 0xF6800000.
 */
#ifndef RINGLEADER_ABI_ARCH_X86_32_H
#define RINGLEADER_ABI_ARCH_X86_32_H

/* Flat segment selectors: ring 1 (guest kernel) and ring 3 (guest user). */
#define FLAT_RING1_CS 0xe019
#define FLAT_RING1_DS 0xe021
#define FLAT_RING1_SS 0xe021
#define FLAT_RING3_CS 0xe02b
#define FLAT_RING3_DS 0xe033
#define FLAT_RING3_SS 0xe033
#define FLAT_KERNEL_CS FLAT_RING1_CS
#define FLAT_KERNEL_DS FLAT_RING1_DS
#define FLAT_KERNEL_SS FLAT_RING1_SS
#define FLAT_USER_CS   FLAT_RING3_CS
#define FLAT_USER_DS   FLAT_RING3_DS
#define FLAT_USER_SS   FLAT_RING3_SS

/*
 * The hypervisor's own flat ring-0 selectors, in the same reserved GDT
 * page.  No guest may load them or register them for a trap, stack or
 * callback; they are named here so that a guest can check exactly that.
 * These are the names Xen uses for them; Xen keeps them in its private
 * headers (asm/desc.h), and Ringleader's hypervisor takes them from here.
 */
#define __HYPERVISOR_CS 0xe008
#define __HYPERVISOR_DS 0xe010

/* GDT pages from this index up belong to the hypervisor (set_gdt). */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* The hypervisor hole and the read-only machine-to-phys table. */
#define HYPERVISOR_VIRT_START 0xF5800000U
#define MACH2PHYS_VIRT_START  0xF5800000U
#define MACH2PHYS_VIRT_END    0xF6800000U
#define MACH2PHYS_ENTRY_SIZE  4
/* Guest segment limits end here: the M2P is readable, nothing above it. */
#define GUEST_SEGMENT_MAX_ADDR MACH2PHYS_VIRT_END

/* trap_info.flags: bits 0-1 are the DPL allowed to raise the vector with INT. */
#define TI_DPL_MASK   0x3
#define TI_MASK_EVENTS 0x4

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint32_t xen_pfn_t;     /* a frame number (machine or guest) */
typedef uint32_t xen_ulong_t;

/* One virtual-IDT entry for set_trap_table; a zero address ends the table. */
struct trap_info {
    uint8_t vector;
    uint8_t flags;      /* TI_* */
    uint16_t cs;        /* code selector, RPL 1 or 3 */
    uint32_t address;   /* handler entry */
};
_Static_assert(sizeof(struct trap_info) == 8, "ABI layout: trap_info");

struct arch_vcpu_info {
    uint32_t cr2;       /* faulting address of the last page fault */
    uint32_t pad[5];
};
_Static_assert(sizeof(struct arch_vcpu_info) == 24, "ABI layout: arch_vcpu_info");

struct arch_shared_info {
    uint32_t max_pfn;                   /* number of valid P2M entries */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    uint32_t nmi_reason;
    uint32_t p2m_cr3;
    uint32_t p2m_vaddr;
    uint32_t p2m_generation;
    uint32_t wc_sec_hi;                 /* high word of the wall-clock seconds */
};
_Static_assert(sizeof(struct arch_shared_info) == 28, "ABI layout: arch_shared_info");

#endif /* !__ASSEMBLER__ */
#endif /* RINGLEADER_ABI_ARCH_X86_32_H */
