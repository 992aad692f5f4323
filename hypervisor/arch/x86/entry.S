/*
 * entry.S - every way into the hypervisor: exceptions, interrupts and the
 * int $0x82 hypercall all land in a 16-byte stub per vector, which pushes
 * a dummy error code where the CPU pushes none, then the vector, and jumps
 * to trap_common.  trap_common completes a struct trap_frame (trap.h) and
 * calls trap_dispatch(); trap_return restores whatever frame is on the
 * stack, which the scheduler may have replaced with another domain's.
 *
 * Restoring a guest's segment registers or iret-ing to it can fault (a bad
 * selector): those instructions have exception-table entries that send the
 * fault to guest_restore_fault, which crashes the domain, never us.
 */
#include "memlayout.h"
#include "segment.h"
#include "trap_asm.h"
#include "x86.h"

        .altmacro
        /*
         * The CPU pushes an error code only for the exceptions in
         * X86_EXC_WITH_ERROR_CODE (x86.h); every other stub pushes a 0 in
         * its place.  gas evaluates both sides of ||, so the shift is taken
         * modulo 32 to stay in range; `&` is macro syntax under .altmacro,
         * hence % 2 for the bit.
         */
        .macro  vector_stub n
9:
        .if (\n >= X86_NR_EXCEPTIONS) || ((X86_EXC_WITH_ERROR_CODE >> (\n % X86_NR_EXCEPTIONS)) % 2 == 0)
        push    $0
        .endif
        push    $\n
        jmp     trap_common
        .org    9b + VECTOR_STUB_SIZE, 0xcc     /* fails if the stub is longer */
        .endm

        .text
        .p2align 4
        .globl  vector_stubs
vector_stubs:
        .set    vec, 0
        .rept   256
        vector_stub %vec
        .set    vec, vec + 1
        .endr
        .globl  vector_stubs_end
vector_stubs_end:

trap_common:
        push    %gs
        push    %fs
        push    %es
        push    %ds
        pusha
        mov     $HV_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        cld
        push    %esp
        call    trap_dispatch
        add     $4, %esp
        .globl  trap_return
trap_return:
        popa
1:      pop     %ds
2:      pop     %es
3:      pop     %fs
4:      pop     %gs
        add     $8, %esp                /* vector, error code */
5:      iret
        EXTABLE(1b, guest_restore_fault)
        EXTABLE(2b, guest_restore_fault)
        EXTABLE(3b, guest_restore_fault)
        EXTABLE(4b, guest_restore_fault)
        EXTABLE(5b, guest_restore_fault)

/*
 * A guest's saved state could not be restored.  The guest's frame always
 * sits at the top of the hypervisor stack; reset to it, crash the domain
 * (which switches to another one) and return to whatever runs next.
 */
guest_restore_fault:
        mov     $HV_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     $(boot_stack_top - TRAP_FRAME_SIZE), %esp
        push    %esp
        call    guest_restore_failed
        add     $4, %esp
        jmp     trap_return

/*
 * SYSENTER from a guest.  The CPU has loaded CS = HV_CS, SS = HV_DS, ESP
 * = the top of the hypervisor stack (where every guest frame lives) and
 * EIP = here, and cleared IF, VM and RF; it saved nothing.  Build the frame
 * an exception from ring 3 would have left, as Xen does for a 32-bit
 * guest: the guest's EIP and ESP are unknown (by convention user space
 * passes them in EDX and ECX), so they are 0; CS is the null selector with
 * RPL 3 and SS ring 3's flat one; EFLAGS are as they were (IF is set again
 * in C: ring 3 always runs with it).  trap_dispatch() bounces it.
 */
        .globl  sysenter_entry
sysenter_entry:
        push    $FLAT_RING3_SS
        push    $0
        pushf
        push    $SEL_NULL_RPL3
        push    $0
        push    $0                      /* error code */
        push    $SYSENTER_VECTOR
        jmp     trap_common

/* Enter the first domain: its frame has been written at the top of the stack. */
        .globl  enter_first_guest
enter_first_guest:
        mov     $(boot_stack_top - TRAP_FRAME_SIZE), %esp
        jmp     trap_return
