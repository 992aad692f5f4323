/*
 * entry.S - every way into the hypervisor: exceptions, interrupts and the
 * int $0x82 hypercall all land in a 16-byte stub per vector, which pushes
 * a dummy error code where the CPU pushes none, then the vector, and jumps
 * to trap_common.  trap_common completes a struct trap_frame (trap.h) and
 * calls trap_dispatch(); trap_return restores whatever frame is on the
 * stack, which the scheduler may have replaced with another domain's.
 *
 * All of it is linked in the entry area (.entry.text), which every address
 * space maps read-only.  In split isolation (isolation.c) a guest's view
 * has nothing else of the hypervisor's but the descriptor tables and this
 * CPU's entry stack, so a guest's entry and exit change views here:
 *
 *   guest --trap--> entry stack (guest view): ss esp eflags cs eip err vec
 *         CR3 := the hypervisor view; the 7 words move to the top of the
 *         hypervisor stack, where the frame is completed and handled
 *   exit: eip cs eflags esp ss (and eax) go to the entry stack; segments
 *         and registers are restored; CR3 := the guest view; iret
 *
 * The entry stack only ever holds the interrupted vCPU's own registers.
 * In segment isolation TSS.ESP0 is the hypervisor stack and none of this
 * happens: the whole hypervisor is mapped everywhere.
 *
 * Restoring a guest's segment registers or iret-ing to it can fault (a bad
 * selector, or an LDT page not mapped yet): those instructions have
 * exception-table entries that send the fault to guest_restore_fault,
 * which crashes the domain, never us -- unless the fault was an LDT page
 * mapped on demand, which is retried.
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

        .section .entry.text, "ax"
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

/* Load the hypervisor's view (its CR3 is in the entry tables page, which
 * every view maps); EAX is lost. */
        .macro  load_hv_view
        mov     %ss:ENTRY_HV_CR3, %eax
        mov     %eax, %cr3
        .endm

/* On the way out, the guest's EAX waits on the entry stack in the error
 * code's slot, below its iret frame, for the last instruction but one. */
        .set    EXIT_EAX, ENTRY_STACK_TOP - TRAP_FRAME_SIZE + TF_EIP - 4

/* Complete the frame whose vector..ss are on the stack, and handle it. */
        .macro  save_and_dispatch
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
        .endm

/*
 * Where did we come from?  Exactly ENTRY_STACK_TOP - GUEST_ENTRY_PUSHED: a
 * guest, in split isolation.  Elsewhere on the entry stack: ring 0 in the
 * guest's view (a fault of the exit's iret, or SYSENTER's first
 * instructions with TF set).  Anything else (the hypervisor stack, which lies above the
 * entry area): a guest in segment isolation, or the hypervisor itself.
 */
trap_common:
        cmp     $(ENTRY_STACK_TOP - GUEST_ENTRY_PUSHED), %esp
        je      enter_from_guest_view
        cmp     $ENTRY_STACK_TOP, %esp
        jb      entry_stack_trap
trap_save:
        save_and_dispatch
        .globl  trap_return
trap_return:
        testb   $3, TF_CS(%esp)
        jz      1f
        cmpb    $0, split_isolation
        jne     exit_to_guest_view
1:      popa
2:      pop     %ds
3:      pop     %es
4:      pop     %fs
5:      pop     %gs
        add     $8, %esp                /* vector, error code */
6:      iret
        EXTABLE(2b, guest_restore_fault)
        EXTABLE(3b, guest_restore_fault)
        EXTABLE(4b, guest_restore_fault)
        EXTABLE(5b, guest_restore_fault)
        EXTABLE(6b, guest_restore_fault)

/*
 * A guest's entry in split isolation, still in its view: only the entry
 * area is reachable, and DS is the guest's, hence the %ss overrides.  The
 * guest's EAX, pushed here, is its own.
 */
enter_from_guest_view:
        push    %eax
        load_hv_view
        mov     $boot_stack_top, %esp
        .irp    word, 1, 2, 3, 4, 5, 6, 7       /* ss .. vector */
        pushl   %ss:ENTRY_STACK_TOP - \word * 4
        .endr
        mov     %ss:ENTRY_STACK_TOP - GUEST_ENTRY_PUSHED - 4, %eax
        jmp     trap_save

/*
 * Back to a guest in split isolation.  Its iret frame (and EAX, the last
 * register needed) goes to the entry stack; segment loads happen while
 * the hypervisor view is still loaded, so their faults are ordinary ones
 * (trap_save, LDT pages mapped in both views).  The vector slot of the
 * last entry is cleared: it may be another vCPU's.
 */
exit_to_guest_view:
        .irp    off, TF_EIP, TF_CS, TF_EFLAGS, TF_ESP, TF_SS
        mov     \off(%esp), %eax
        mov     %eax, ENTRY_STACK_TOP - TRAP_FRAME_SIZE + \off
        .endr
        popa
7:      pop     %ds
8:      pop     %es
9:      pop     %fs
10:     pop     %gs
        mov     %eax, %ss:EXIT_EAX
        movl    $0, %ss:ENTRY_STACK_TOP - GUEST_ENTRY_PUSHED
        mov     %ss:exit_cr3, %eax
        mov     $EXIT_EAX, %esp
        mov     %eax, %cr3
        pop     %eax
11:     iret
        EXTABLE(11b, guest_restore_fault)
        EXTABLE(7b, guest_restore_fault)
        EXTABLE(8b, guest_restore_fault)
        EXTABLE(9b, guest_restore_fault)
        EXTABLE(10b, guest_restore_fault)

/*
 * A trap in ring 0 on the entry stack, in the guest's view: the exit's
 * iret faulted (a bad CS or SS, or an LDT page to map for one), or SYSENTER
 * was made with TF set.  esp -> vector, error code, eip, cs, eflags.
 * Handle it in the hypervisor view like any trap of the hypervisor's,
 * with the frame below the guest's (which stays intact), then go back to
 * where it struck, in the guest's view: retry the iret, go on entering,
 * or to a fixup, which switches views itself.  p, the entry-stack
 * address of the words saved there, waits above the frame.
 */
entry_stack_trap:
        push    %eax
        load_hv_view
        mov     %esp, %eax
        mov     $(boot_stack_top - TRAP_FRAME_SIZE), %esp
        push    %eax                                    /* p: eax vector err eip cs eflags */
        .irp    off, 20, 16, 12, 8, 4                   /* eflags .. vector */
        pushl   %ss:\off(%eax)
        .endr
        mov     %ss:(%eax), %eax
        save_and_dispatch
        mov     TRAP_FRAME_SIZE - 8(%esp), %eax         /* p */
        .irp    off, TF_EIP, TF_CS, TF_EFLAGS
        mov     \off(%esp), %ecx
        mov     %ecx, \off - TF_EIP + 12(%eax)
        .endr
        mov     TF_EAX(%esp), %ecx
        mov     %ecx, (%eax)
        popa
        pop     %ds
        pop     %es
        pop     %fs
        pop     %gs
        mov     %ss:20(%esp), %esp                      /* p, in both views */
        mov     %ss:exit_cr3, %eax
        mov     %eax, %cr3
        pop     %eax
        add     $8, %esp                                /* vector, error code */
        iret

/*
 * A guest's saved state could not be restored.  The guest's frame always
 * sits at the top of the hypervisor stack; reset to it, crash the domain
 * (which switches to another one) and return to whatever runs next.  A
 * fault of the exit's iret comes here in the guest's view.
 */
guest_restore_fault:
        load_hv_view
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
 * = where a trap from ring 1 or 3 would have put the CPU (TSS.ESP0) and
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
