/*
 * head.S - entry and ELF notes of every test guest.  Test guests map
 * pseudo-physical page 0 at virtual address 0 (VIRT_BASE 0, as XTF's PV
 * guests do) and are linked from 0x10000.  They keep the ESP the
 * hypervisor gave them in boot_esp: the scratch pages start there.
 */
#include "../../../guest-kernel/pv_head.h"

#define STACK_SIZE 8192

XEN_ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz "Ringleader-test")
        PV_NOTES 0

        .section .text.head, "ax"
        .globl  _start
_start:
        cld
        mov     %esp, boot_esp
        BOOT_CALL test_entry

        HYPERCALL_PAGE

        .data
        .globl  boot_esp
boot_esp:
        .long   0

        BOOT_STACK STACK_SIZE
