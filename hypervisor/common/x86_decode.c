/*
 * x86_decode.c - decode the privileged and I/O instructions a ring-1 PV
 * guest traps on, for the emulator (Intel SDM vol. 2, chapter 2).
 *
 * An instruction, as decoded here:
 *
 *   prefixes     opcode          ModRM      SIB      disp      imm
 *   0-14 bytes   1 or 2 bytes    0 or 1     0 or 1   0,1,2,4   0 or 1
 *   F0 F2 F3     xx | 0F xx      mod reg rm                    ib (port,
 *   2E 36 3E 26                                                 vector)
 *   64 65 66 67
 *
 * plus Xen's forced-emulation CPUID, the 7 bytes 0F 0B 'x' 'e' 'n' 0F A2.
 *
 * Every byte is fetched through a cursor whose limit is min(avail, 15),
 * so a truncated instruction and one longer than 15 bytes fail the same
 * way, and nothing past either limit is ever read.  Pure logic, no
 * library calls: unit-tested on the host.
 */
#include "x86_decode.h"

struct cursor {
    const uint8_t *bytes;
    size_t limit;       /* min(avail, X86_MAX_INSN_LEN) */
    size_t pos;
};

static bool fetch(struct cursor *c, uint8_t *b)
{
    if (c->pos >= c->limit)
        return false;
    *b = c->bytes[c->pos++];
    return true;
}

/* A little-endian displacement of 0, 1, 2 or 4 bytes, sign-extended. */
static bool fetch_disp(struct cursor *c, unsigned size, uint32_t *disp)
{
    uint32_t v = 0;
    uint8_t b;

    for (unsigned i = 0; i < size; i++) {
        if (!fetch(c, &b))
            return false;
        v |= (uint32_t)b << (8 * i);
    }
    if (size == 1 && (v & 0x80))
        v |= 0xFFFFFF00U;
    else if (size == 2 && (v & 0x8000))
        v |= 0xFFFF0000U;
    *disp = v;
    return true;
}

/* Record one legacy prefix; false if `b` is not a prefix. */
static bool take_prefix(struct x86_insn *insn, uint8_t b)
{
    switch (b) {
    case X86_PFX_LOCK:
        insn->lock = true;
        break;
    case X86_PFX_REPNE:
        insn->repne = true;
        insn->rep = false;
        break;
    case X86_PFX_REP:
        insn->rep = true;
        insn->repne = false;
        break;
    case X86_SEG_ES: case X86_SEG_CS: case X86_SEG_SS:
    case X86_SEG_DS: case X86_SEG_FS: case X86_SEG_GS:
        insn->seg = b;
        break;
    case X86_PFX_OPSIZE:
        insn->opsize = 2;
        break;
    case X86_PFX_ADDRSIZE:
        insn->addrsize = 2;
        break;
    default:
        return false;
    }
    return true;
}

/*
 * 32-bit addressing (SDM table 2-2 and 2-3).  rm 100 brings a SIB byte;
 * base 101 with mod 00, whether in rm or in the SIB, means disp32 and no
 * base.  SIB index 100 means no index.
 */
static bool decode_mem32(struct cursor *c, struct x86_insn *insn, unsigned mod, unsigned rm)
{
    unsigned base = rm, disp_size = mod == 1 ? 1 : mod == 2 ? 4 : 0;
    uint8_t sib;

    if (rm == X86_REG_ESP) {
        if (!fetch(c, &sib))
            return false;
        base = sib & 7;
        if (((sib >> 3) & 7) != X86_REG_ESP) {
            insn->mem_index = (sib >> 3) & 7;
            insn->mem_scale = (uint8_t)(1 << (sib >> 6));
        }
    }
    if (mod == 0 && base == X86_REG_EBP) {
        disp_size = 4;
    } else {
        insn->mem_base = (uint8_t)base;
        insn->mem_ss = base == X86_REG_ESP || base == X86_REG_EBP;
    }
    return fetch_disp(c, disp_size, &insn->mem_disp);
}

/* 16-bit addressing (SDM table 2-1): no SIB; mod 00 rm 110 is [disp16]. */
static bool decode_mem16(struct cursor *c, struct x86_insn *insn, unsigned mod, unsigned rm)
{
    static const uint8_t base16[8] = {
        X86_REG_EBX, X86_REG_EBX, X86_REG_EBP, X86_REG_EBP,
        X86_REG_ESI, X86_REG_EDI, X86_REG_EBP, X86_REG_EBX,
    };
    unsigned disp_size = mod == 1 ? 1 : mod == 2 ? 2 : 0;

    if (rm < 4)
        insn->mem_index = rm & 1 ? X86_REG_EDI : X86_REG_ESI;
    if (mod == 0 && rm == 6) {
        disp_size = 2;
    } else {
        insn->mem_base = base16[rm];
        insn->mem_ss = base16[rm] == X86_REG_EBP;
    }
    return fetch_disp(c, disp_size, &insn->mem_disp);
}

/* A ModRM byte and what follows it; *reg gets ModRM.reg (the /digit). */
static bool decode_modrm(struct cursor *c, struct x86_insn *insn, unsigned *reg)
{
    uint8_t modrm;
    unsigned mod, rm;

    if (!fetch(c, &modrm))
        return false;
    mod = modrm >> 6;
    *reg = (modrm >> 3) & 7;
    rm = modrm & 7;
    if (mod == 3) {
        insn->gpr = (uint8_t)rm;
        return true;
    }
    insn->modrm_is_mem = true;
    if (insn->addrsize == 2)
        return decode_mem16(c, insn, mod, rm);
    return decode_mem32(c, insn, mod, rm);
}

/* 0F 20-23: ModRM.mod is ignored, the operand is always a register. */
static bool decode_mov_crdr(struct cursor *c, struct x86_insn *insn)
{
    uint8_t modrm;

    if (!fetch(c, &modrm))
        return false;
    insn->cr_dr = (modrm >> 3) & 7;
    insn->gpr = modrm & 7;
    return true;
}

/* 0F 00: group 6.  /0-/3 take a register or memory operand. */
static bool decode_group6(struct cursor *c, struct x86_insn *insn)
{
    static const enum x86_op ops[4] = { X86_OP_SLDT, X86_OP_STR, X86_OP_LLDT, X86_OP_LTR };
    unsigned reg;

    if (!decode_modrm(c, insn, &reg) || reg >= 4)
        return false;
    insn->op = ops[reg];
    return true;
}

/*
 * 0F 01: group 7.  /0-/3 and /7 take memory only: with mod == 3 the same
 * slots encode other instructions (VMCALL, MONITOR, XGETBV, SWAPGS...),
 * of which only XSETBV and RDTSCP are decoded.  /4 and /6 take either.
 */
static bool decode_group7(struct cursor *c, struct x86_insn *insn)
{
    static const enum x86_op ops[8] = {
        X86_OP_SGDT, X86_OP_SIDT, X86_OP_LGDT, X86_OP_LIDT,
        X86_OP_SMSW, X86_OP_UNKNOWN, X86_OP_LMSW, X86_OP_INVLPG,
    };
    unsigned reg, rm;

    if (!decode_modrm(c, insn, &reg) || reg == 5)
        return false;
    if (insn->modrm_is_mem || reg == 4 || reg == 6) {
        insn->op = ops[reg];
        return true;
    }
    rm = insn->gpr;
    insn->gpr = 0;          /* rm is part of the opcode, not a register */
    if (reg == 2 && rm == 1)
        insn->op = X86_OP_XSETBV;
    else if (reg == 7 && rm == 1)
        insn->op = X86_OP_RDTSCP;
    return insn->op != X86_OP_UNKNOWN;
}

/* Opcodes 0F xx.  Returns false for a bad encoding; an unknown op is not one. */
static bool decode_0f(struct cursor *c, struct x86_insn *insn)
{
    uint8_t b;

    if (!fetch(c, &b))
        return false;
    switch (b) {
    case 0x00: return decode_group6(c, insn);
    case 0x01: return decode_group7(c, insn);
    case 0x06: insn->op = X86_OP_CLTS; break;
    case 0x08: insn->op = X86_OP_INVD; break;
    case 0x09: insn->op = X86_OP_WBINVD; break;
    case 0x20: insn->op = X86_OP_MOV_FROM_CR; return decode_mov_crdr(c, insn);
    case 0x21: insn->op = X86_OP_MOV_FROM_DR; return decode_mov_crdr(c, insn);
    case 0x22: insn->op = X86_OP_MOV_TO_CR; return decode_mov_crdr(c, insn);
    case 0x23: insn->op = X86_OP_MOV_TO_DR; return decode_mov_crdr(c, insn);
    case 0x30: insn->op = X86_OP_WRMSR; break;
    case 0x31: insn->op = X86_OP_RDTSC; break;
    case 0x32: insn->op = X86_OP_RDMSR; break;
    case 0x33: insn->op = X86_OP_RDPMC; break;
    case 0xA2: insn->op = X86_OP_CPUID; break;
    default:   break;       /* X86_OP_UNKNOWN */
    }
    return true;
}

/* IN, OUT, INS, OUTS: bit 0 of the opcode selects byte or opsize transfers. */
static bool decode_io(struct cursor *c, struct x86_insn *insn, uint8_t b, enum x86_op op)
{
    insn->op = op;
    insn->io_size = (b & 1) ? insn->opsize : 1;
    insn->port_in_dx = !(b >= 0xE4 && b <= 0xE7);
    return insn->port_in_dx || fetch(c, &insn->port);
}

/* One-byte opcodes.  Returns false for a bad encoding; an unknown op is not one. */
static bool decode_1byte(struct cursor *c, struct x86_insn *insn, uint8_t b)
{
    switch (b) {
    case 0x0F: return decode_0f(c, insn);
    case 0xFA: insn->op = X86_OP_CLI; break;
    case 0xFB: insn->op = X86_OP_STI; break;
    case 0xF4: insn->op = X86_OP_HLT; break;
    case 0xCC: insn->op = X86_OP_INT3; break;
    case 0xCE: insn->op = X86_OP_INTO; break;
    case 0xCD: insn->op = X86_OP_INT; return fetch(c, &insn->vector);
    case 0xE4: case 0xE5: case 0xEC: case 0xED: return decode_io(c, insn, b, X86_OP_IN);
    case 0xE6: case 0xE7: case 0xEE: case 0xEF: return decode_io(c, insn, b, X86_OP_OUT);
    case 0x6C: case 0x6D: return decode_io(c, insn, b, X86_OP_INS);
    case 0x6E: case 0x6F: return decode_io(c, insn, b, X86_OP_OUTS);
    default:   break;       /* X86_OP_UNKNOWN */
    }
    return true;
}

/*
 * Xen's forced-emulation prefix (Linux XEN_EMULATE_PREFIX), at bytes[0]
 * only.  Returns 1 if it is there, 0 if not, -1 if the bytes stop while
 * they still match it (truncated) or it is not followed by CPUID.
 */
static int decode_xen_cpuid(struct cursor *c, struct x86_insn *insn)
{
    static const uint8_t sig[] = { 0x0F, 0x0B, 'x', 'e', 'n', 0x0F, 0xA2 };
    uint8_t b;

    for (unsigned i = 0; i < sizeof(sig); i++) {
        if (!fetch(c, &b))
            return -1;
        if (b == sig[i])
            continue;
        if (i < 5) {
            c->pos = 0;         /* not the signature: decode from the start */
            return 0;
        }
        return -1;              /* the signature, but no CPUID after it */
    }
    insn->op = X86_OP_XEN_CPUID;
    return 1;
}

int x86_decode(const uint8_t *bytes, size_t avail, struct x86_insn *insn)
{
    struct cursor c = { bytes, MIN(avail, (size_t)X86_MAX_INSN_LEN), 0 };
    uint8_t b;
    int xen;

    *insn = (struct x86_insn){ .op = X86_OP_UNKNOWN, .opsize = 4, .addrsize = 4,
                               .mem_base = X86_REG_NONE, .mem_index = X86_REG_NONE,
                               .mem_scale = 1 };
    xen = decode_xen_cpuid(&c, insn);
    if (xen < 0)
        return -1;
    if (xen == 0) {
        do {
            if (!fetch(&c, &b))
                return -1;
        } while (take_prefix(insn, b));
        if (!decode_1byte(&c, insn, b))
            return -1;
    }
    insn->len = insn->op == X86_OP_UNKNOWN ? 0 : (uint8_t)c.pos;
    return 0;
}

const char *x86_op_name(enum x86_op op)
{
    static const char *const names[X86_OP_COUNT] = {
        [X86_OP_UNKNOWN] = "unknown", [X86_OP_CLI] = "cli", [X86_OP_STI] = "sti",
        [X86_OP_HLT] = "hlt", [X86_OP_IN] = "in", [X86_OP_OUT] = "out",
        [X86_OP_INS] = "ins", [X86_OP_OUTS] = "outs",
        [X86_OP_MOV_FROM_CR] = "mov from cr", [X86_OP_MOV_TO_CR] = "mov to cr",
        [X86_OP_MOV_FROM_DR] = "mov from dr", [X86_OP_MOV_TO_DR] = "mov to dr",
        [X86_OP_CLTS] = "clts", [X86_OP_INVD] = "invd", [X86_OP_WBINVD] = "wbinvd",
        [X86_OP_WRMSR] = "wrmsr", [X86_OP_RDTSC] = "rdtsc", [X86_OP_RDMSR] = "rdmsr",
        [X86_OP_RDPMC] = "rdpmc", [X86_OP_CPUID] = "cpuid",
        [X86_OP_SGDT] = "sgdt", [X86_OP_SIDT] = "sidt", [X86_OP_LGDT] = "lgdt",
        [X86_OP_LIDT] = "lidt", [X86_OP_SMSW] = "smsw", [X86_OP_LMSW] = "lmsw",
        [X86_OP_INVLPG] = "invlpg", [X86_OP_XSETBV] = "xsetbv", [X86_OP_RDTSCP] = "rdtscp",
        [X86_OP_SLDT] = "sldt", [X86_OP_STR] = "str", [X86_OP_LLDT] = "lldt",
        [X86_OP_LTR] = "ltr", [X86_OP_XEN_CPUID] = "xen cpuid", [X86_OP_INT] = "int",
        [X86_OP_INT3] = "int3", [X86_OP_INTO] = "into",
    };

    if ((unsigned)op >= X86_OP_COUNT || !names[op])
        return "?";
    return names[op];
}
