/*
 * head.S - entry and ELF notes of every test guest.  Test guests map
 * pseudo-physical page 0 at virtual address 0 (VIRT_BASE 0, as XTF's PV
 * guests do) and are linked from 0x10000.
 */
#include "../../../hypercall-abi/elfnote.h"

#define STACK_SIZE 8192

XEN_ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Ringleader-test")
XEN_ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
XEN_ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
XEN_ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz "yes")
XEN_ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .long 0)
XEN_ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long 0)
XEN_ELFNOTE(XEN_ELFNOTE_ENTRY, .long _start)
XEN_ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page)

        .section .text.head, "ax"
        .globl  _start
_start:
        cld
        mov     %esp, boot_esp
        mov     $stack_top, %esp
        xor     %ebp, %ebp
        push    %esi
        call    test_entry
        ud2

        .section .text.hypercall_page, "ax"
        .balign 4096
        .globl  hypercall_page
hypercall_page:
        .fill   4096, 1, 0xcc

        .data
        .globl  boot_esp
boot_esp:
        .long   0

        .bss
        .balign 16
        .space  STACK_SIZE
stack_top:
