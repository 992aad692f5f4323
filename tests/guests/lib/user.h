/*
 * user.h - running test code in ring 3.  User code lives in the .user.*
 * sections (see guest.ld), which user_mode_init() maps user-accessible.
 * exec_user(fn) enters fn in ring 3 on its own user stack; it comes back
 * when the code faults or makes the exit system call (INT 0x80 with
 * EAX = SYS_EXIT), and returns what stopped it -- the fault as a value.
 * INT 0x80 with any other EAX is a system call: sys_handler(nr, ebx, ecx)
 * gives the value returned to user space in EAX.
 */
#ifndef TEST_USER_H
#define TEST_USER_H

#include "traps.h"

#define SYS_EXIT 0xE1E1
#define SYSCALL_VECTOR 0x80

/* Map the user sections user-accessible and register INT 0x80 (DPL 3). */
long user_mode_init(void);
/* Register INT 0x80 for ring 3, direct or (masking events) bounced. */
long user_syscall_path(bool bounced);
/* Run fn in ring 3 until it faults or exits; last_fault says which. */
struct fault exec_user(void (*fn)(void));
/* The same, entering ring 3 with the iret hypercall instead of IRET. */
struct fault exec_user_iret(void (*fn)(void));
/* The exit code of the last SYS_EXIT (its EBX). */
extern uint32_t user_exit_code;
/* Set by the test: the system calls user code may make. */
extern uint32_t (*sys_handler)(uint32_t nr, uint32_t a1, uint32_t a2);

/* For the trap handler (traps.c): something arrived from ring 3.  A
 * system call returns (its result in *eax); a fault or the exit call ends
 * exec_user() and does not return. */
void user_trap(const struct fault *f, uint32_t *eax, uint32_t ebx, uint32_t ecx);

/* Declare a ring-3 routine written in assembly. */
#define USER_ASM(name, body)                                            \
    void name(void);                                                    \
    __asm__ (".pushsection .user.text, \"ax\"\n"                         \
             #name ":\n" body "\n"                                      \
             ".popsection")

#endif
