/*
 * user_entry.S - the two context switches of user.c: into ring 3, and
 * back to the ring-1 caller of exec_user().
 */
#include "../../../hypercall-abi/xen.h"

#define EFLAGS_MBS_IF 0x202
#define CTX_EBX 0
#define CTX_ESI 4
#define CTX_EDI 8
#define CTX_EBP 12
#define CTX_ESP 16
#define CTX_EIP 20

        .text
/* enter_user(eip, esp, via_hypercall): save the caller's context, then
 * go to ring 3 with a native IRET, or with the iret hypercall (through
 * the hypercall page's stub, which pushes EAX and is jumped to). */
        .globl  enter_user
enter_user:
        mov     4(%esp), %ecx           /* user eip */
        mov     8(%esp), %edx           /* user esp */
        mov     %ebx, kernel_ctx + CTX_EBX
        mov     %esi, kernel_ctx + CTX_ESI
        mov     %edi, kernel_ctx + CTX_EDI
        mov     %ebp, kernel_ctx + CTX_EBP
        mov     (%esp), %eax
        mov     %eax, kernel_ctx + CTX_EIP
        lea     4(%esp), %eax
        mov     %eax, kernel_ctx + CTX_ESP
        mov     $FLAT_RING3_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     12(%esp), %eax              /* via_hypercall */
        push    $FLAT_RING3_SS
        push    %edx
        push    $EFLAGS_MBS_IF
        push    $FLAT_RING3_CS
        push    %ecx
        test    %eax, %eax
        jnz     hypercall_page + __HYPERVISOR_iret * HYPERCALL_STUB_SIZE
        iret

/* user_return(): back into exec_user() with the saved context. */
        .globl  user_return
user_return:
        mov     $FLAT_RING1_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     kernel_ctx + CTX_EBX, %ebx
        mov     kernel_ctx + CTX_ESI, %esi
        mov     kernel_ctx + CTX_EDI, %edi
        mov     kernel_ctx + CTX_EBP, %ebp
        mov     kernel_ctx + CTX_ESP, %esp
        jmp     *kernel_ctx + CTX_EIP
