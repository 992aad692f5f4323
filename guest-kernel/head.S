/*
 * head.S - the guest kernel's ELF notes and first instruction.
 *
 * The hypervisor (Ringleader or Xen) enters _start in ring 1 with the flat
 * ring-1 segments, ESP at the top of a boot stack inside the bootstrap
 * region and ESI pointing to start_info.  We move to our own stack and
 * call start_kernel(start_info).
 */
#include "../hypercall-abi/elfnote.h"

#define VIRT_BASE 0xC0000000
#define BOOT_STACK_SIZE 16384

XEN_ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Ringleader")
XEN_ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "0.1")
XEN_ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
XEN_ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic")
XEN_ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz "yes")
XEN_ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .long VIRT_BASE)
XEN_ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long 0)
XEN_ELFNOTE(XEN_ELFNOTE_ENTRY, .long _start)
XEN_ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page)

        .section .text.head, "ax"
        .globl  _start
_start:
        cld
        mov     $stack_top, %esp
        xor     %ebp, %ebp
        push    %esi
        call    start_kernel
        ud2

        .section .text.hypercall_page, "ax"
        .balign 4096
        .globl  hypercall_page
hypercall_page:
        .fill   4096, 1, 0xcc

        .bss
        .balign 16
        .space  BOOT_STACK_SIZE
stack_top:
