/*
 * traps_entry.S - exception entry for test guests: one stub per vector that
 * the guest registers, normalising the frame (a dummy error code where
 * the CPU pushes none), then test_fault_handler(frame) in C, and a native
 * iret (ring 1 to ring 1) to wherever the handler decided.
 */
#include "../../../guest-kernel/trap_stubs.h"

        .altmacro
        .macro  vector_stub n
        TRAP_STUB trap_stub_\n, \n
        .endm

        .macro  stub_addr n
        .long   trap_stub_\n
        .endm

        .text
        .set    vec, 0
        .rept   32
        vector_stub %vec
        .set    vec, vec + 1
        .endr
        vector_stub 128
        vector_stub 129
        TRAP_COMMON test_fault_handler

        .section .rodata
        .globl  trap_stubs
trap_stubs:                             /* the addresses, vectors 0-31 */
        .set    vec, 0
        .rept   32
        stub_addr %vec
        .set    vec, vec + 1
        .endr
