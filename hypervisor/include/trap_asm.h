/*
 * trap_asm.h - definitions shared by assembly and C for the trap path.
 */
#ifndef HV_TRAP_ASM_H
#define HV_TRAP_ASM_H

/* sizeof(struct trap_frame) for a frame taken from ring 1 or 3. */
#define TRAP_FRAME_SIZE (19 * 4)
#define VECTOR_STUB_SIZE 16
/* Offsets in struct trap_frame (trap.h asserts them). */
#define TF_EAX    28
#define TF_EIP    56
#define TF_CS     60
#define TF_EFLAGS 64
#define TF_ESP    68
#define TF_SS     72
/* What the CPU and a stub push for an entry from ring 1 or 3: ss, esp,
 * eflags, cs, eip, error code, vector. */
#define GUEST_ENTRY_PUSHED (7 * 4)

#define HYPERCALL_VECTOR 0x82
#define SYSCALL_VECTOR 0x80     /* the guest's INT 0x80, direct or bounced */
/* Not a vector: the frame sysenter_entry builds says it came from SYSENTER. */
#define SYSENTER_VECTOR 0x100

#ifdef __ASSEMBLER__
/* An exception-table entry: a fault at `insn` resumes at `fixup`. */
#define EXTABLE(insn, fixup)            \
        .pushsection .extable, "a";     \
        .long insn, fixup;              \
        .popsection
#endif

#endif /* HV_TRAP_ASM_H */
