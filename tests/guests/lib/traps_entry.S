/*
 * traps_entry.S - exception entry for test guests: one stub per vector that
 * the guest registers, normalising the frame (a dummy error code where
 * the CPU pushes none), then test_fault_handler(frame) in C, and a native
 * iret (ring 1 to ring 1) to wherever the handler decided.
 */
        .altmacro
        .macro  trap_stub n
        .globl  trap_stub_\n
trap_stub_\n:
        .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17)
        .else
        push    $0
        .endif
        push    $\n
        jmp     trap_common
        .endm

        .text
        .set    vec, 0
        .rept   32
        trap_stub %vec
        .set    vec, vec + 1
        .endr
        trap_stub 128
        trap_stub 129

trap_common:
        pusha
        push    %esp
        call    test_fault_handler
        add     $4, %esp
        popa
        add     $8, %esp                /* vector, error code */
        iret

        .macro  stub_addr n
        .long   trap_stub_\n
        .endm

        .section .rodata
        .globl  trap_stubs
trap_stubs:                             /* the addresses, vectors 0-31 */
        .set    vec, 0
        .rept   32
        stub_addr %vec
        .set    vec, vec + 1
        .endr
