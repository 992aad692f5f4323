/*
 * trap_stubs.h - a guest's trap entry points, shared by the guest kernel
 * and the test guests: the assembler macros that build them and, for C,
 * the frame they hand to the handler.  The hypervisor (or, for a direct
 * INT 0x80, the CPU) enters a stub in ring 1 with the frame a CPU pushes:
 * [SS, ESP from ring 3,] EFLAGS, CS (the saved event mask in bits 16-23),
 * EIP and, for vectors 8, 10-14 and 17, an error code.
 *
 *   TRAP_STUB name, n     a stub that evens out the frame (a 0 where there
 *                         is no error code), pushes n and jumps to
 *                         trap_common
 *   TRAP_COMMON handler   trap_common: save the registers, call
 *                         handler(frame), restore them, native IRET
 * (gas macro names ignore case: do not name another macro trap_stub.)
 */
#ifndef GUEST_TRAP_STUBS_H
#define GUEST_TRAP_STUBS_H

#ifdef __ASSEMBLER__
        .macro  TRAP_STUB name, n
        .globl  \name
\name:
        .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17)
        .else
        push    $0
        .endif
        push    $\n
        jmp     trap_common
        .endm

        .macro  TRAP_COMMON handler
trap_common:
        pusha
        push    %esp
        call    \handler
        add     $4, %esp
        popa
        add     $8, %esp                /* vector, error code */
        iret
        .endm
#else
#include <stdint.h>

/*
 * The frame handler(frame) gets, lowest address first.  The handler may
 * change it: popa and IRET take the registers, EIP, CS and EFLAGS from
 * it.  From ring 3 the CPU's ESP and SS follow EFLAGS.
 */
struct stub_frame {
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;    /* pusha (popa skips esp) */
    uint32_t vector, error_code;                        /* the stub */
    uint32_t eip, cs, eflags;                           /* the trap */
};
_Static_assert(sizeof(struct stub_frame) == 13 * 4, "stub_frame: what the stubs push");
#endif

#endif
