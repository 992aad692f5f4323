/*
 * trap_stubs.h - assembler macros for a guest's trap entry points, shared
 * by the guest kernel and the test guests.  The hypervisor (or, for a
 * direct INT 0x80, the CPU) enters a stub in ring 1 with the frame a CPU
 * pushes: [SS, ESP from ring 3,] EFLAGS, CS (the saved event mask in bits
 * 16-23), EIP and, for vectors 8, 10-14 and 17, an error code.
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

#endif
