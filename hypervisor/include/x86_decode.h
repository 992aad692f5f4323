/*
 * x86_decode.h - decoding the IA-32 instructions that a ring-1 PV guest
 * kernel may execute but the hypervisor must emulate (Intel SDM vol. 2):
 * the privileged ones and the I/O ones (#GP), INT n through a gate the
 * guest may not use (#GP), and Xen's forced-emulation CPUID (#UD).
 *
 * The decoder only says what the bytes are.  It does not read guest
 * registers or memory, and it does not check privilege, IOPL, CR4 bits or
 * whether a control or debug register exists: that is the emulator's job.
 */
#ifndef HV_X86_DECODE_H
#define HV_X86_DECODE_H

#include "types.h"

/* The architectural limit: a longer instruction raises #GP (SDM 2.3.11). */
#define X86_MAX_INSN_LEN 15

/* Legacy prefix bytes (SDM 2.1.1).  x86_insn.seg holds one of the X86_SEG_*. */
#define X86_PFX_LOCK    0xF0
#define X86_PFX_REPNE   0xF2
#define X86_PFX_REP     0xF3
#define X86_PFX_OPSIZE  0x66
#define X86_PFX_ADDRSIZE 0x67
#define X86_SEG_ES      0x26
#define X86_SEG_CS      0x2E
#define X86_SEG_SS      0x36
#define X86_SEG_DS      0x3E
#define X86_SEG_FS      0x64
#define X86_SEG_GS      0x65

/*
 * General registers as ModRM and SIB number them.  Under 16-bit
 * addressing the same numbers name BX, BP, SI and DI (the low halves).
 */
#define X86_REG_EAX 0
#define X86_REG_ECX 1
#define X86_REG_EDX 2
#define X86_REG_EBX 3
#define X86_REG_ESP 4
#define X86_REG_EBP 5
#define X86_REG_ESI 6
#define X86_REG_EDI 7
#define X86_REG_NONE 0xFF   /* no base or no index register */

enum x86_op {
    X86_OP_UNKNOWN,     /* an opcode this decoder does not handle; len is 0 */
    X86_OP_CLI,         /* FA */
    X86_OP_STI,         /* FB */
    X86_OP_HLT,         /* F4 */
    X86_OP_IN,          /* E4/E5 ib: port imm8; EC/ED: port in DX */
    X86_OP_OUT,         /* E6/E7 ib: port imm8; EE/EF: port in DX */
    X86_OP_INS,         /* 6C/6D: ES:[E]DI <- port DX */
    X86_OP_OUTS,        /* 6E/6F: port DX <- seg:[E]SI (seg DS unless overridden) */
    X86_OP_MOV_FROM_CR, /* 0F 20 /r: gpr <- CR[cr_dr] */
    X86_OP_MOV_TO_CR,   /* 0F 22 /r: CR[cr_dr] <- gpr */
    X86_OP_MOV_FROM_DR, /* 0F 21 /r: gpr <- DR[cr_dr] */
    X86_OP_MOV_TO_DR,   /* 0F 23 /r: DR[cr_dr] <- gpr */
    X86_OP_CLTS,        /* 0F 06 */
    X86_OP_INVD,        /* 0F 08 */
    X86_OP_WBINVD,      /* 0F 09 (F3 0F 09, WBNOINVD, decodes as this with rep) */
    X86_OP_WRMSR,       /* 0F 30 */
    X86_OP_RDTSC,       /* 0F 31 */
    X86_OP_RDMSR,       /* 0F 32 */
    X86_OP_RDPMC,       /* 0F 33 */
    X86_OP_CPUID,       /* 0F A2 */
    X86_OP_SGDT,        /* 0F 01 /0, memory only */
    X86_OP_SIDT,        /* 0F 01 /1, memory only */
    X86_OP_LGDT,        /* 0F 01 /2, memory only */
    X86_OP_LIDT,        /* 0F 01 /3, memory only */
    X86_OP_SMSW,        /* 0F 01 /4, register or memory */
    X86_OP_LMSW,        /* 0F 01 /6, register or memory */
    X86_OP_INVLPG,      /* 0F 01 /7, memory only */
    X86_OP_XSETBV,      /* 0F 01 D1: XCR[ECX] <- EDX:EAX */
    X86_OP_RDTSCP,      /* 0F 01 F9 */
    X86_OP_SLDT,        /* 0F 00 /0, register or memory */
    X86_OP_STR,         /* 0F 00 /1, register or memory */
    X86_OP_LLDT,        /* 0F 00 /2, register or memory */
    X86_OP_LTR,         /* 0F 00 /3, register or memory */
    X86_OP_XEN_CPUID,   /* 0F 0B 78 65 6E 0F A2: ud2a; .ascii "xen"; cpuid */
    X86_OP_INT,         /* CD ib: INT vector */
    X86_OP_INT3,        /* CC */
    X86_OP_INTO,        /* CE */
    X86_OP_COUNT        /* the number of ops, not an op */
};

/*
 * One decoded instruction.  Fields that do not apply to the op are 0,
 * except the mem_* fields, which are X86_REG_NONE, X86_REG_NONE, 1 and 0
 * when there is no memory operand.
 */
struct x86_insn {
    enum x86_op op;
    uint8_t len;        /* total bytes, prefixes included; 0 for X86_OP_UNKNOWN */

    /* Legacy prefixes, in any order, repeats allowed. */
    uint8_t opsize;     /* operand size in bytes: 4, or 2 with a 66 prefix */
    uint8_t addrsize;   /* address size in bytes: 4, or 2 with a 67 prefix */
    bool lock;          /* an F0 prefix (it makes every form here #UD) */
    bool rep;           /* the last of any F2/F3 prefixes was F3 */
    bool repne;         /* the last of any F2/F3 prefixes was F2 */
    uint8_t seg;        /* 0, or the last segment-override prefix (X86_SEG_*) */

    /* IN, OUT, INS, OUTS. */
    uint8_t io_size;    /* bytes moved per transfer: 1 for the byte forms, else opsize */
    bool port_in_dx;    /* the port is DX (EC-EF, INS, OUTS) */
    uint8_t port;       /* the port, for the imm8 forms (E4-E7) */

    /* ModRM operands. */
    uint8_t cr_dr;      /* MOV CR/DR: the control or debug register, ModRM.reg */
    uint8_t gpr;        /* a register operand: ModRM.rm (X86_REG_*) */
    bool modrm_is_mem;  /* the ModRM operand is memory, described by mem_* */
    uint8_t mem_base;   /* base register, or X86_REG_NONE */
    uint8_t mem_index;  /* index register, or X86_REG_NONE */
    uint8_t mem_scale;  /* index scale: 1, 2, 4 or 8 */
    uint32_t mem_disp;  /* displacement, sign-extended to 32 bits */
    bool mem_ss;        /* the default segment is SS (base [E]BP or ESP), not DS */

    uint8_t vector;     /* INT n: n */
};

/*
 * Decode the instruction at `bytes`, of which `avail` bytes are readable.
 * Reads at most min(avail, X86_MAX_INSN_LEN) bytes, and never past
 * bytes[avail - 1].  Assumes a 32-bit code segment (CS.D = 1).
 *
 * Returns 0 with *insn filled in, or -1 when:
 *   - the instruction runs past `avail` (truncated) or past 15 bytes;
 *   - the opcode is one handled here but the encoding is none of the
 *     forms above: SGDT, SIDT, LGDT, LIDT or INVLPG with a register
 *     operand (0F 01 mod == 3, except D1 and F9), 0F 01 /5, 0F 00 /4-/7,
 *     or the Xen signature not followed by 0F A2.
 * After -1, *insn holds nothing useful.
 * An opcode not handled here returns 0 with X86_OP_UNKNOWN, len 0 and the
 * prefix fields filled in: its length is not worked out.
 *
 * The address of a memory operand is mem_base + mem_index * mem_scale +
 * mem_disp, modulo 2^(8 * addrsize), in segment seg (or SS if mem_ss, DS
 * otherwise).  Under a 67 prefix the 16-bit forms (SDM table 2-1) give
 * [BX+SI], [BX+DI], [BP+SI], [BP+DI] as base + index, [SI], [DI], [BP]
 * and [BX] as a base, and mod 00 rm 110 as [disp16] with neither.
 *
 * MOV to or from CR/DR ignore ModRM.mod: the operand is always the
 * register gpr, and there is never a SIB or displacement (SDM, MOV-Move
 * to/from Control Registers).  The register numbers are not checked:
 * CR1, CR5-CR7 and DR4/DR5 are the emulator's to refuse or alias.
 *
 * Prefixes never make an instruction invalid here: LOCK, or a 66/F2/F3
 * that the SDM says makes a form #UD, is recorded for the emulator.  The
 * Xen signature is recognised only at bytes[0] with no prefixes before
 * or inside it, as Xen does; anywhere else 0F 0B is a plain UD2 (unknown).
 * Bytes that end while they still match the signature ("0F 0B" with
 * avail == 2) are taken as a truncated signature: -1.
 */
int x86_decode(const uint8_t *bytes, size_t avail, struct x86_insn *insn);

/* A short lowercase name for an op ("lgdt"), for messages; "?" if out of range. */
const char *x86_op_name(enum x86_op op);

#endif /* HV_X86_DECODE_H */
