/*
 * traps.h - expected faults as values, for test guests (as in XTF): a
 * test registers handlers for the exception vectors, runs an instruction
 * under EXPECT_FAULT, and compares the vector, error code, EIP and CR2
 * the handler recorded.  An unexpected fault ends the test with an error.
 */
#ifndef TEST_TRAPS_H
#define TEST_TRAPS_H

#include "test.h"

struct fault {
    bool happened;
    uint32_t vector, error_code, eip, cs, eflags, cr2;
};

extern struct fault last_fault;
extern uint32_t fault_resume_eip;
extern uint32_t fault_insn_eip;     /* where the instruction under test was */
extern const struct shared_info *shared;

/* Register handlers for vectors 0-31 (DPL 0; int3/into DPL 3) and map
 * shared_info (for CR2).  Returns set_trap_table's result. */
long traps_init(void);
/* Register a software-interrupt vector (0x80 or 0x81) with this DPL. */
long trap_register(uint8_t vector, unsigned dpl);

/* Run one instruction (as a string of assembly); the fault it raises, if
 * any, is recorded and execution resumes after it. */
#define EXPECT_FAULT(insn, ...) ({                                     \
    last_fault.happened = false;                                       \
    __asm__ volatile ("movl $2f, fault_insn_eip\n\t"                    \
                      "movl $1f, fault_resume_eip\n\t"                  \
                      "2:\t" insn "\n"                                 \
                      "1:\n\t"                                         \
                      "movl $0, fault_resume_eip"                      \
                      __VA_ARGS__);                                    \
    last_fault; })

/*
 * Hypercall `nr` (a constant) with arguments a1-a4 while %es holds `sel`
 * (a constant selector): the hypervisor saves and reloads %es around the
 * call, from whatever descriptor table is loaded when it returns.
 * Evaluates to the call's result; `word` gets what %es:0 held after it.
 * %es is the flat data selector again afterwards.
 */
#define HYPERCALL_HOLDING_ES(sel, nr, a1, a2, a3, a4, word) ({                 \
    uint32_t b_ = (a1), c_ = (a2), d_ = (a3), S_ = (a4);                       \
    long rc_;                                                                  \
    __asm__ volatile ("pushl %[sel_]\n\t"                                      \
                      "popl %%es\n\t"                                          \
                      RL_HCALL_STUB "\n\t"                                     \
                      "movl %%es:0, %%edi\n\t"                                  \
                      "pushl %[ds_]\n\t"                                        \
                      "popl %%es"                                               \
                      : "=a" (rc_), "+b" (b_), "+c" (c_), "+d" (d_), "+S" (S_),  \
                        "=D" (word)                                             \
                      : [sel_] "i" (sel), [ds_] "i" (FLAT_RING1_DS),            \
                        RL_HCALL_OFFSET(nr)                                     \
                      : "memory");                                              \
    rc_; })

#endif
