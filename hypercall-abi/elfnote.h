/*
 * elfnote.h - the ELF notes a PV guest carries (note name "Xen").
 *
 * A guest kernel is an ELF32 image with these notes in a PT_NOTE segment
 * (or, for old kernels, a "__xen_guest" string section, which Ringleader
 * also reads).  Numeric notes hold a 32-bit little-endian value (Xen also
 * accepts 64-bit ones); string notes a NUL-terminated string.
 *
 * Required (as Xen requires them of a PAE guest): XEN_VERSION, LOADER (or a
 * GUEST_OS starting with "linux") and PAE_MODE.  ENTRY defaults to e_entry,
 * VIRT_BASE to 0; without HYPERCALL_PAGE the guest uses int $0x82 directly.
 * Their values:
 *   XEN_ELFNOTE_XEN_VERSION  "xen-3.0"
 *   XEN_ELFNOTE_LOADER       "generic"
 *   XEN_ELFNOTE_PAE_MODE     "yes" (or "yes[extended-cr3]", "bimodal")
 *   XEN_ELFNOTE_ENTRY        virtual address of the first instruction
 *   XEN_ELFNOTE_VIRT_BASE    virtual address where pseudo-physical 0 is mapped
 *   XEN_ELFNOTE_HYPERCALL_PAGE  virtual address of a page the hypervisor fills
 * Optional: GUEST_OS, GUEST_VERSION, PADDR_OFFSET (default 0: a segment is
 * loaded at p_paddr - PADDR_OFFSET + VIRT_BASE), FEATURES.
 */
#ifndef RINGLEADER_ABI_ELFNOTE_H
#define RINGLEADER_ABI_ELFNOTE_H

#define XEN_ELFNOTE_NAME            "Xen"

#define XEN_ELFNOTE_INFO             0
#define XEN_ELFNOTE_ENTRY            1
#define XEN_ELFNOTE_HYPERCALL_PAGE   2
#define XEN_ELFNOTE_VIRT_BASE        3
#define XEN_ELFNOTE_PADDR_OFFSET     4
#define XEN_ELFNOTE_XEN_VERSION      5
#define XEN_ELFNOTE_GUEST_OS         6
#define XEN_ELFNOTE_GUEST_VERSION    7
#define XEN_ELFNOTE_LOADER           8
#define XEN_ELFNOTE_PAE_MODE         9
#define XEN_ELFNOTE_FEATURES        10
#define XEN_ELFNOTE_BSD_SYMTAB      11
#define XEN_ELFNOTE_HV_START_LOW    12
#define XEN_ELFNOTE_L1_MFN_VALID    13
#define XEN_ELFNOTE_SUSPEND_CANCEL  14
#define XEN_ELFNOTE_INIT_P2M        15
#define XEN_ELFNOTE_MOD_START_PFN   16
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17
#define XEN_ELFNOTE_PHYS32_ENTRY    18
#define XEN_ELFNOTE_MAX             XEN_ELFNOTE_PHYS32_ENTRY

#ifdef __ASSEMBLER__
/*
 * XEN_ELFNOTE(type, desc): emit one note into .note.Xen, e.g.
 *     XEN_ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
 * The guest's linker script puts .note.Xen in a PT_NOTE segment.
 */
#define XEN_ELFNOTE(type, desc...)                      \
        .pushsection .note.Xen, "a", @note;             \
        .balign 4;                                      \
        .long 2f - 1f, 4f - 3f, type;                   \
1:      .asciz XEN_ELFNOTE_NAME;                        \
2:      .balign 4;                                      \
3:      desc;                                           \
4:      .balign 4;                                      \
        .popsection
#endif

#endif /* RINGLEADER_ABI_ELFNOTE_H */
