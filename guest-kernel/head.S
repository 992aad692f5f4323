/*
 * head.S - the guest kernel's ELF notes and first instruction.
 *
 * The hypervisor (Ringleader or Xen) enters _start in ring 1 with the flat
 * ring-1 segments, ESP at the top of a boot stack inside the bootstrap
 * region and ESI pointing to start_info.  We move to our own stack and
 * call start_kernel(start_info).  pv_head.h has what every guest shares.
 */
#include "pv_head.h"

#define VIRT_BASE 0xC0000000
#define BOOT_STACK_SIZE 16384

XEN_ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Ringleader")
XEN_ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "0.1")
        PV_NOTES VIRT_BASE

        .section .text.head, "ax"
        .globl  _start
_start:
        cld
        BOOT_CALL start_kernel

        HYPERCALL_PAGE
        BOOT_STACK BOOT_STACK_SIZE
