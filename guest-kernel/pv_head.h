/*
 * pv_head.h - assembler macros for what every PV guest image carries,
 * shared by the head.S of the guest kernel and of the test guests:
 *
 *   PV_NOTES virt_base   the ELF notes a 32-bit PAE guest gives Xen and
 *                        Ringleader alike: XEN_VERSION, LOADER and PAE_MODE
 *                        (required), VIRT_BASE = virt_base, PADDR_OFFSET 0
 *                        (so a segment loads at p_paddr + virt_base), ENTRY
 *                        _start and HYPERCALL_PAGE hypercall_page
 *   HYPERCALL_PAGE       the page-aligned page the hypervisor fills with stubs
 *   BOOT_STACK size      a stack of `size` bytes in .bss; its top is stack_top
 *   BOOT_CALL fn         switch to that stack and call fn(start_info), which
 *                        must not return
 *
 * What differs stays in each head.S: the GUEST_OS and GUEST_VERSION notes,
 * the virtual base, the stack's size, what _start does first and whom it
 * calls.  (The hypervisor enters _start in ring 1, ESI = start_info.)
 */
#ifndef GUEST_PV_HEAD_H
#define GUEST_PV_HEAD_H

#include "../hypercall-abi/elfnote.h"
#include "../hypercall-abi/xen.h"

        .macro  PV_NOTES virt_base
XEN_ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
XEN_ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
XEN_ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz "yes")
XEN_ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .long \virt_base)
XEN_ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long 0)
XEN_ELFNOTE(XEN_ELFNOTE_ENTRY, .long _start)
XEN_ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page)
        .endm

/* int3 filler: a call to a stub the hypervisor did not write traps. */
        .macro  HYPERCALL_PAGE
        .pushsection .text.hypercall_page, "ax"
        .balign 4096
        .globl  hypercall_page
hypercall_page:
        .fill   HYPERCALL_NR_STUBS * HYPERCALL_STUB_SIZE, 1, 0xcc
        .popsection
        .endm

        .macro  BOOT_STACK size
        .pushsection .bss
        .balign 16
        .space  \size
stack_top:
        .popsection
        .endm

        .macro  BOOT_CALL fn
        mov     $stack_top, %esp
        xor     %ebp, %ebp              /* the end of the frame-pointer chain */
        push    %esi
        call    \fn
        ud2
        .endm

#endif
