/*
 * boot.S - multiboot entry.  GRUB (or QEMU's -kernel) jumps here in 32-bit
 * protected mode with paging off, EAX = multiboot magic, EBX = physical
 * address of the multiboot info.  This code runs at its physical address
 * (the .boot section is linked 1:1); it builds the early PAE page tables,
 * turns paging on and jumps to the hypervisor's linked (direct-map) address.
 *
 * Early page tables (all in .bss, used through physical addresses here):
 *   boot_l3[0] -> boot_l2_ident: 0-2 MiB identity, so this code keeps running
 *   boot_l3[3] -> idle_l2: the direct map, 2 MiB pages, PA 0 at 0xF8000000
 * start_of_day() later refines idle_l2 in place and drops the identity slot.
 */
#include "memlayout.h"
#include "segment.h"
#include "trap_asm.h"

#define MULTIBOOT_HEADER_MAGIC  0x1BADB002
#define MULTIBOOT_LOADER_MAGIC  0x2BADB002
#define MULTIBOOT_PAGE_ALIGN    (1 << 0)    /* modules page-aligned */
#define MULTIBOOT_MEMORY_INFO   (1 << 1)    /* we want the memory map */
#define MULTIBOOT_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

#define PA(sym) ((sym) - HV_VIRT_OFFSET)

/* Early PDE flags: present, writable, accessed, dirty, 2 MiB page, global
 * (ignored until start_of_day turns on CR4.PGE). */
#define EARLY_L2E_FLAGS 0x1E3
#define EARLY_L3E_FLAGS 0x01        /* a PAE PDPTE: present only */

#define CR0_PG_WP  0x80010000
#define CR4_PAE    0x20

        .section .multiboot, "a"
        .align 4
        .long MULTIBOOT_HEADER_MAGIC
        .long MULTIBOOT_FLAGS
        .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_FLAGS)

        .section .text.boot, "ax"
        .code32
        .globl _start
_start:
        cli
        cld
        cmp     $MULTIBOOT_LOADER_MAGIC, %eax
        jne     not_multiboot

        lgdt    boot_gdt_desc
        ljmp    $BOOT_CS, $1f
1:      mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        mov     $PA(boot_stack_top), %esp

        /* Identity-map 0-2 MiB so the next instructions survive paging. */
        movl    $EARLY_L2E_FLAGS, PA(boot_l2_ident)
        movl    $(PA(boot_l2_ident) + EARLY_L3E_FLAGS), PA(boot_l3)
        movl    $(PA(idle_l2) + EARLY_L3E_FLAGS), PA(boot_l3) + 3 * 8

        /* Direct map: idle_l2[DIRECTMAP first slot + i] = i * 2 MiB. */
        mov     $PA(idle_l2) + ((DIRECTMAP_VIRT_START >> 21) & 511) * 8, %edi
        mov     $EARLY_L2E_FLAGS, %eax
        mov     $(DIRECTMAP_SIZE >> 21), %ecx
2:      mov     %eax, (%edi)
        add     $(1 << 21), %eax
        add     $8, %edi
        loop    2b

        mov     %cr4, %eax
        or      $CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $PA(boot_l3), %eax
        mov     %eax, %cr3
        mov     %cr0, %eax
        or      $CR0_PG_WP, %eax
        mov     %eax, %cr0

        mov     $high_entry, %eax
        jmp     *%eax

not_multiboot:
        hlt
        jmp     not_multiboot

        .align 8
boot_gdt:
        .quad   0
        .quad   0x00CF9B000000FFFF      /* BOOT_CS: flat ring-0 code, accessed */
        .quad   0x00CF93000000FFFF      /* BOOT_DS: flat ring-0 data, accessed */
boot_gdt_desc:
        .word   boot_gdt_desc - boot_gdt - 1
        .long   boot_gdt

        .text
high_entry:
        /* Leave room for the first guest's trap frame at the very top:
         * sched_start() writes it there while running on this stack. */
        mov     $(boot_stack_top - TRAP_FRAME_SIZE), %esp
        xor     %ebp, %ebp              /* ends stack traces */
        push    %ebx                    /* multiboot info, physical */
        call    start_of_day
        ud2

        .bss
        .align  4096
        .globl  boot_l3, idle_l2
boot_l3:        .space 4096             /* only the first 32 bytes are the L3 */
idle_l2:        .space 4096
boot_l2_ident:  .space 4096
        .globl  boot_stack_top
boot_stack:     .space HV_STACK_SIZE
boot_stack_top:
