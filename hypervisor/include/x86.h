/*
 * x86.h - IA-32 hardware definitions (Intel SDM vol. 3A), defined once:
 * control-register bits, PAE page-table entry bits, segment and gate
 * descriptors, the TSS, exception vectors.  Layouts are asserted.
 * Assembly may include it for the numbers that are plain integers (the
 * exception vectors and X86_EXC_WITH_ERROR_CODE); types, structures and
 * inline functions are C only.
 */
#ifndef HV_X86_H
#define HV_X86_H

#ifndef __ASSEMBLER__
#include "types.h"
#endif

/* Control registers */
#define CR0_PE (1U << 0)
#define CR0_MP (1U << 1)
#define CR0_EM (1U << 2)
#define CR0_TS (1U << 3)
#define CR0_NE (1U << 5)
#define CR0_WP (1U << 16)       /* supervisor writes honour read-only pages */
#define CR0_PG (1U << 31)
#define CR4_TSD (1U << 2)       /* RDTSC outside ring 0 is #GP */
#define CR4_DE  (1U << 3)       /* debug extensions: DR4/DR5 #UD, I/O breakpoints */
#define CR4_PSE (1U << 4)
#define CR4_PAE (1U << 5)
#define CR4_MCE (1U << 6)
#define CR4_PGE (1U << 7)
#define CR4_OSFXSR (1U << 9)        /* FXSAVE/FXRSTOR save SSE; SSE usable */
#define CR4_OSXMMEXCPT (1U << 10)   /* SSE exceptions as #XM */

/* EFLAGS */
#define EFLAGS_CF   (1U << 0)
#define EFLAGS_MBS  (1U << 1)   /* reserved, must be set */
#define EFLAGS_ZF   (1U << 6)
#define EFLAGS_TF   (1U << 8)
#define EFLAGS_IF   (1U << 9)
#define EFLAGS_DF   (1U << 10)  /* string instructions step down */
#define EFLAGS_IOPL (3U << 12)
#define EFLAGS_NT   (1U << 14)
#define EFLAGS_RF   (1U << 16)
#define EFLAGS_VM   (1U << 17)

/* PAE page-table entry bits (64-bit entries) */
#define PTE_P    (1ULL << 0)
#define PTE_RW   (1ULL << 1)
#define PTE_US   (1ULL << 2)
#define PTE_PWT  (1ULL << 3)
#define PTE_PCD  (1ULL << 4)
#define PTE_A    (1ULL << 5)
#define PTE_D    (1ULL << 6)
#define PTE_PSE  (1ULL << 7)    /* in an L2 entry: a 2 MiB page */
#define PTE_G    (1ULL << 8)
#define PTE_NX   (1ULL << 63)
#define PTE_ADDR_MASK 0x000FFFFFFFFFF000ULL
/* A PAE PDPTE (L3 entry) may only have P, PWT, PCD and the address. */
#define L3E_ALLOWED (PTE_P | PTE_PWT | PTE_PCD | PTE_ADDR_MASK)

#define L1_ENTRIES 512
#define L2_ENTRIES 512
#define L3_ENTRIES 4
#define l1_index(va) (((va) >> 12) & 511)
#define l2_index(va) (((va) >> 21) & 511)
#define l3_index(va) ((va) >> 30)

#ifndef __ASSEMBLER__
typedef uint64_t pte_t;
#endif

/* Debug registers (SDM 17.2) */
#define DR6_DEFAULT   0xFFFF0FF0U   /* reserved bits as they read; no event */
#define DR6_ZEROS     0x00001000U   /* bit 12 reads as 0 */
#define DR6_BS        (1U << 14)    /* single step */
#define DR7_DEFAULT   0x00000400U   /* bit 10 reads as 1 */
#define DR7_ZEROS     0x0000D800U   /* bits 11, 12, 14, 15 read as 0 */
#define DR7_GD        (1U << 13)    /* general detect: a DR access faults */
#define DR7_ACTIVE    0x000000FFU   /* L0-L3, G0-G3: some breakpoint is on */
#define DR7_RW_SHIFT  16            /* then R/W and LEN, 4 bits a breakpoint */
#define DR7_RW_IO     2U            /* R/W = 10b: an I/O breakpoint (CR4.DE) */
#define DR_BREAKPOINTS 4

/* Exception vectors */
#define X86_EXC_DE  0   /* divide error */
#define X86_EXC_DB  1
#define X86_EXC_NMI 2
#define X86_EXC_BP  3   /* breakpoint */
#define X86_EXC_OF  4
#define X86_EXC_BR  5
#define X86_EXC_UD  6   /* invalid opcode */
#define X86_EXC_NM  7   /* device not available */
#define X86_EXC_DF  8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13  /* general protection */
#define X86_EXC_PF  14  /* page fault */
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19
#define X86_NR_EXCEPTIONS 32

/*
 * Exceptions that push an error code (SDM 6.13), one bit per vector.  The
 * vector stubs in entry.S test it too, so it is written without C suffixes.
 */
#define X86_EXC_WITH_ERROR_CODE ((1 << X86_EXC_DF) | (1 << X86_EXC_TS) | (1 << X86_EXC_NP) | \
                                 (1 << X86_EXC_SS) | (1 << X86_EXC_GP) | (1 << X86_EXC_PF) | \
                                 (1 << X86_EXC_AC))

/* Page-fault error-code bits */
#define PFEC_PRESENT (1U << 0)
#define PFEC_WRITE   (1U << 1)
#define PFEC_USER    (1U << 2)

/* Selector fields */
#define SEL_RPL_MASK 3U
#define SEL_TI       4U
#define sel_index(sel) ((sel) >> 3)

#ifndef __ASSEMBLER__
/*
 * A segment descriptor, as two 32-bit words (SDM 3.4.5).  Built by
 * seg_desc() rather than with bitfields so the encoding is explicit.
 */
struct seg_desc {
    uint32_t lo;    /* limit 15:0, base 15:0 */
    uint32_t hi;    /* base 23:16, type, S, DPL, P, limit 19:16, AVL, D/B, G, base 31:24 */
};
_Static_assert(sizeof(struct seg_desc) == 8, "seg_desc layout");

/* Attribute bits, at their positions in the descriptor's high word. */
#define DESC_TYPE(t) ((uint32_t)(t) << 8)
#define DESC_TYPE_DATA_RW   0x2     /* read/write data */
#define DESC_TYPE_CODE_RX   0xA     /* execute/read code */
#define DESC_TYPE_ACCESSED  0x1     /* set ahead, so loads never write the GDT */
#define DESC_TYPE_LDT       0x2     /* system descriptor: an LDT */
#define DESC_TYPE_TSS32     0x9     /* available 32-bit TSS */
#define DESC_TYPE_INTGATE32 0xE
#define DESC_TYPE_TRAPGATE32 0xF
#define DESC_S      (1U << 12)      /* code/data (not system) */
#define DESC_P      (1U << 15)
#define DESC_DB     (1U << 22)      /* 32-bit segment */
#define DESC_G      (1U << 23)      /* limit in 4 KiB units */
#define DESC_DPL(d) ((uint32_t)(d) << 13)

/* `limit` is the raw 20-bit field (in pages when DESC_G is set). */
static inline struct seg_desc seg_desc(uint32_t base, uint32_t limit, uint32_t attrs)
{
    struct seg_desc d;
    d.lo = (limit & 0xFFFF) | (base << 16);
    d.hi = ((base >> 16) & 0xFF) | attrs | (limit & 0xF0000) | (base & 0xFF000000);
    return d;
}

/* An IDT gate (SDM 6.11); type_attr = P | DPL | type. */
#define GATE_P      0x80
#define GATE_DPL(d) ((uint8_t)((d) << 5))
struct gate_desc {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t reserved;
    uint8_t type_attr;      /* P | DPL | 0 | type */
    uint16_t offset_hi;
};
_Static_assert(sizeof(struct gate_desc) == 8, "gate_desc layout");

/* A present gate to sel:offset; type DESC_TYPE_INTGATE32 or _TRAPGATE32. */
static inline struct gate_desc gate_desc(uint16_t sel, uint32_t offset, unsigned type,
                                         unsigned dpl)
{
    return (struct gate_desc){
        .offset_lo = (uint16_t)offset,
        .selector = sel,
        .type_attr = (uint8_t)(GATE_P | GATE_DPL(dpl) | type),
        .offset_hi = (uint16_t)(offset >> 16),
    };
}

/* The 32-bit task-state segment (SDM 7.2.1). */
struct __attribute__((packed)) tss32 {
    uint16_t back_link, :16;
    uint32_t esp0;
    uint16_t ss0, :16;
    uint32_t esp1;
    uint16_t ss1, :16;
    uint32_t esp2;
    uint16_t ss2, :16;
    uint32_t cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint16_t es, :16;
    uint16_t cs, :16;
    uint16_t ss, :16;
    uint16_t ds, :16;
    uint16_t fs, :16;
    uint16_t gs, :16;
    uint16_t ldtr, :16;
    uint16_t trace;
    uint16_t iomap_base;
};
_Static_assert(sizeof(struct tss32) == 104, "tss32 layout");
#endif /* !__ASSEMBLER__ */

#endif /* HV_X86_H */
