/*
 * entry.S - the guest kernel's trap entry points.  The hypervisor (or,
 * for a direct INT 0x80, the CPU) enters them in ring 1 with the frame a
 * CPU pushes: [SS, ESP from ring 3,] EFLAGS, CS (the saved event mask in
 * bits 16-23), EIP and, for some vectors, an error code.  Each stub evens
 * out the frame (a 0 where there is no error code), saves the registers
 * and calls kernel_trap(frame); a native IRET goes back.
 */
        .altmacro
        .macro  trap n
        .globl  trap_\n
trap_\n:
        .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17)
        .else
        push    $0
        .endif
        push    $\n
        jmp     trap_common
        .endm

        .text
        trap 0
        trap 3
        trap 6
        trap 7
        trap 13
        trap 14

trap_common:
        pusha
        push    %esp
        call    kernel_trap
        add     $4, %esp
        popa
        add     $8, %esp                /* vector, error code */
        iret
