/*
 * test_decode.c - x86_decode(): a table of encodings with every field the
 * decoder should produce, each of them cut short at every length, and a
 * table of encodings it must refuse.
 *
 * Every decode reads from an exactly-sized heap copy of the bytes, so
 * AddressSanitizer reports a read past bytes[avail - 1].  The byte
 * sequences were checked against objdump -m i386 (and i8086 addressing
 * for the 67-prefixed ones).
 */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "x86_decode.h"

#define NONE X86_REG_NONE
#define EAX X86_REG_EAX
#define ECX X86_REG_ECX
#define EDX X86_REG_EDX
#define EBX X86_REG_EBX
#define ESP X86_REG_ESP
#define EBP X86_REG_EBP
#define ESI X86_REG_ESI
#define EDI X86_REG_EDI

/* The bytes of a case, and how many there are. */
#define BYTES(...) .bytes = { __VA_ARGS__ }, .n = sizeof((const uint8_t[]){ __VA_ARGS__ })
/* A memory operand: base + index * scale + disp. */
#define MEM(b, i, s, d) .modrm_is_mem = true, .mem_base = (b), .mem_index = (i), \
                        .mem_scale = (s), .mem_disp = (d)
#define P3(p) p, p, p
#define P7(p) P3(p), P3(p), p
#define P12(p) P3(p), P3(p), P3(p), P3(p)
#define P14(p) P7(p), P7(p)

struct decode_case {
    const char *text;
    uint8_t bytes[2 * X86_MAX_INSN_LEN];
    size_t n;
    /*
     * The expected result.  opsize and addrsize 0 stand for 4; without
     * modrm_is_mem the mem_* fields are the no-operand values.
     */
    struct x86_insn want;
};

static const struct decode_case good[] = {
    /* One-byte and two-byte forms without operands. */
    { "cli", BYTES(0xFA), { .op = X86_OP_CLI, .len = 1 } },
    { "sti", BYTES(0xFB), { .op = X86_OP_STI, .len = 1 } },
    { "hlt", BYTES(0xF4), { .op = X86_OP_HLT, .len = 1 } },
    { "int3", BYTES(0xCC), { .op = X86_OP_INT3, .len = 1 } },
    { "into", BYTES(0xCE), { .op = X86_OP_INTO, .len = 1 } },
    { "int $0x80", BYTES(0xCD, 0x80), { .op = X86_OP_INT, .len = 2, .vector = 0x80 } },
    { "int $0x82", BYTES(0xCD, 0x82), { .op = X86_OP_INT, .len = 2, .vector = 0x82 } },
    { "int $0", BYTES(0xCD, 0x00), { .op = X86_OP_INT, .len = 2, .vector = 0 } },
    { "data16 int $0xff", BYTES(0x66, 0xCD, 0xFF),
      { .op = X86_OP_INT, .len = 3, .opsize = 2, .vector = 0xFF } },
    { "clts", BYTES(0x0F, 0x06), { .op = X86_OP_CLTS, .len = 2 } },
    { "invd", BYTES(0x0F, 0x08), { .op = X86_OP_INVD, .len = 2 } },
    { "wbinvd", BYTES(0x0F, 0x09), { .op = X86_OP_WBINVD, .len = 2 } },
    { "wbnoinvd (rep wbinvd)", BYTES(0xF3, 0x0F, 0x09),
      { .op = X86_OP_WBINVD, .len = 3, .rep = true } },
    { "wrmsr", BYTES(0x0F, 0x30), { .op = X86_OP_WRMSR, .len = 2 } },
    { "rdtsc", BYTES(0x0F, 0x31), { .op = X86_OP_RDTSC, .len = 2 } },
    { "rdmsr", BYTES(0x0F, 0x32), { .op = X86_OP_RDMSR, .len = 2 } },
    { "rdpmc", BYTES(0x0F, 0x33), { .op = X86_OP_RDPMC, .len = 2 } },
    { "cpuid", BYTES(0x0F, 0xA2), { .op = X86_OP_CPUID, .len = 2 } },
    { "ud2a; .ascii \"xen\"; cpuid", BYTES(0x0F, 0x0B, 'x', 'e', 'n', 0x0F, 0xA2),
      { .op = X86_OP_XEN_CPUID, .len = 7 } },
    { "xsetbv", BYTES(0x0F, 0x01, 0xD1), { .op = X86_OP_XSETBV, .len = 3 } },
    { "rdtscp", BYTES(0x0F, 0x01, 0xF9), { .op = X86_OP_RDTSCP, .len = 3 } },
    { "lock cli", BYTES(0xF0, 0xFA), { .op = X86_OP_CLI, .len = 2, .lock = true } },

    /* I/O: immediate and DX ports, byte / dword / word (66) sizes. */
    { "in $0x60,%al", BYTES(0xE4, 0x60),
      { .op = X86_OP_IN, .len = 2, .io_size = 1, .port = 0x60 } },
    { "in $0x71,%eax", BYTES(0xE5, 0x71),
      { .op = X86_OP_IN, .len = 2, .io_size = 4, .port = 0x71 } },
    { "in $0x71,%ax", BYTES(0x66, 0xE5, 0x71),
      { .op = X86_OP_IN, .len = 3, .opsize = 2, .io_size = 2, .port = 0x71 } },
    { "data16 in $0xff,%al", BYTES(0x66, 0xE4, 0xFF),
      { .op = X86_OP_IN, .len = 3, .opsize = 2, .io_size = 1, .port = 0xFF } },
    { "in (%dx),%al", BYTES(0xEC), { .op = X86_OP_IN, .len = 1, .io_size = 1, .port_in_dx = true } },
    { "in (%dx),%eax", BYTES(0xED), { .op = X86_OP_IN, .len = 1, .io_size = 4, .port_in_dx = true } },
    { "in (%dx),%ax", BYTES(0x66, 0xED),
      { .op = X86_OP_IN, .len = 2, .opsize = 2, .io_size = 2, .port_in_dx = true } },
    { "in (%dx),%ax (66 66)", BYTES(0x66, 0x66, 0xED),
      { .op = X86_OP_IN, .len = 3, .opsize = 2, .io_size = 2, .port_in_dx = true } },
    { "out %al,$0x80", BYTES(0xE6, 0x80),
      { .op = X86_OP_OUT, .len = 2, .io_size = 1, .port = 0x80 } },
    { "out %eax,$0x43", BYTES(0xE7, 0x43),
      { .op = X86_OP_OUT, .len = 2, .io_size = 4, .port = 0x43 } },
    { "out %ax,$0x43", BYTES(0x66, 0xE7, 0x43),
      { .op = X86_OP_OUT, .len = 3, .opsize = 2, .io_size = 2, .port = 0x43 } },
    { "out %al,(%dx)", BYTES(0xEE), { .op = X86_OP_OUT, .len = 1, .io_size = 1, .port_in_dx = true } },
    { "out %eax,(%dx)", BYTES(0xEF), { .op = X86_OP_OUT, .len = 1, .io_size = 4, .port_in_dx = true } },
    { "out %ax,(%dx)", BYTES(0x66, 0xEF),
      { .op = X86_OP_OUT, .len = 2, .opsize = 2, .io_size = 2, .port_in_dx = true } },
    { "insb", BYTES(0x6C), { .op = X86_OP_INS, .len = 1, .io_size = 1, .port_in_dx = true } },
    { "insl", BYTES(0x6D), { .op = X86_OP_INS, .len = 1, .io_size = 4, .port_in_dx = true } },
    { "insw", BYTES(0x66, 0x6D),
      { .op = X86_OP_INS, .len = 2, .opsize = 2, .io_size = 2, .port_in_dx = true } },
    { "outsb", BYTES(0x6E), { .op = X86_OP_OUTS, .len = 1, .io_size = 1, .port_in_dx = true } },
    { "outsl", BYTES(0x6F), { .op = X86_OP_OUTS, .len = 1, .io_size = 4, .port_in_dx = true } },
    { "outsw", BYTES(0x66, 0x6F),
      { .op = X86_OP_OUTS, .len = 2, .opsize = 2, .io_size = 2, .port_in_dx = true } },
    { "rep outsb", BYTES(0xF3, 0x6E),
      { .op = X86_OP_OUTS, .len = 2, .rep = true, .io_size = 1, .port_in_dx = true } },
    { "rep insw", BYTES(0xF3, 0x66, 0x6D),
      { .op = X86_OP_INS, .len = 3, .opsize = 2, .rep = true, .io_size = 2, .port_in_dx = true } },
    { "rep outsl %fs:(%si),(%dx)", BYTES(0x64, 0x67, 0xF3, 0x6F),
      { .op = X86_OP_OUTS, .len = 4, .addrsize = 2, .rep = true, .seg = X86_SEG_FS,
        .io_size = 4, .port_in_dx = true } },
    { "repne outsb", BYTES(0xF2, 0x6E),
      { .op = X86_OP_OUTS, .len = 2, .repne = true, .io_size = 1, .port_in_dx = true } },
    { "repne rep outsb: the last wins", BYTES(0xF2, 0xF3, 0x6E),
      { .op = X86_OP_OUTS, .len = 3, .rep = true, .io_size = 1, .port_in_dx = true } },
    { "rep repne outsb: the last wins", BYTES(0xF3, 0xF2, 0x6E),
      { .op = X86_OP_OUTS, .len = 3, .repne = true, .io_size = 1, .port_in_dx = true } },
    { "rep outsb %es:(%esi),(%dx)", BYTES(0x26, 0xF3, 0x6E),
      { .op = X86_OP_OUTS, .len = 3, .rep = true, .seg = X86_SEG_ES, .io_size = 1,
        .port_in_dx = true } },

    /* MOV CR/DR: mod is ignored, never a SIB or displacement. */
    { "mov %cr0,%eax", BYTES(0x0F, 0x20, 0xC0),
      { .op = X86_OP_MOV_FROM_CR, .len = 3, .cr_dr = 0, .gpr = EAX } },
    { "mov %cr3,%ebx", BYTES(0x0F, 0x20, 0xDB),
      { .op = X86_OP_MOV_FROM_CR, .len = 3, .cr_dr = 3, .gpr = EBX } },
    { "mov %cr2,%edx", BYTES(0x0F, 0x20, 0xD2),
      { .op = X86_OP_MOV_FROM_CR, .len = 3, .cr_dr = 2, .gpr = EDX } },
    { "mov %eax,%cr3", BYTES(0x0F, 0x22, 0xD8),
      { .op = X86_OP_MOV_TO_CR, .len = 3, .cr_dr = 3, .gpr = EAX } },
    { "mov %edi,%cr4", BYTES(0x0F, 0x22, 0xE7),
      { .op = X86_OP_MOV_TO_CR, .len = 3, .cr_dr = 4, .gpr = EDI } },
    { "mov %eax,%cr5 (not checked)", BYTES(0x0F, 0x22, 0xE8),
      { .op = X86_OP_MOV_TO_CR, .len = 3, .cr_dr = 5, .gpr = EAX } },
    { "mov %eax,%db7", BYTES(0x0F, 0x23, 0xF8),
      { .op = X86_OP_MOV_TO_DR, .len = 3, .cr_dr = 7, .gpr = EAX } },
    { "mov %db6,%esi", BYTES(0x0F, 0x21, 0xF6),
      { .op = X86_OP_MOV_FROM_DR, .len = 3, .cr_dr = 6, .gpr = ESI } },
    { "mov %eax,%cr3, mod 00", BYTES(0x0F, 0x22, 0x18),
      { .op = X86_OP_MOV_TO_CR, .len = 3, .cr_dr = 3, .gpr = EAX } },
    { "mov %cr0,%ebp, mod 00 rm 101 (no disp32)", BYTES(0x0F, 0x20, 0x05),
      { .op = X86_OP_MOV_FROM_CR, .len = 3, .cr_dr = 0, .gpr = EBP } },
    { "mov %esp,%cr0, mod 01 rm 100 (no SIB, no disp8)", BYTES(0x0F, 0x22, 0x44),
      { .op = X86_OP_MOV_TO_CR, .len = 3, .cr_dr = 0, .gpr = ESP } },
    { "mov %db7,%edi, mod 10 (no disp32)", BYTES(0x0F, 0x21, 0xBF),
      { .op = X86_OP_MOV_FROM_DR, .len = 3, .cr_dr = 7, .gpr = EDI } },
    { "mov %ecx,%db2, mod 01", BYTES(0x0F, 0x23, 0x51),
      { .op = X86_OP_MOV_TO_DR, .len = 3, .cr_dr = 2, .gpr = ECX } },
    { "addr16 mov %cr0,%esi, mod 00 rm 110 (no disp16)", BYTES(0x67, 0x0F, 0x20, 0x06),
      { .op = X86_OP_MOV_FROM_CR, .len = 4, .addrsize = 2, .cr_dr = 0, .gpr = ESI } },
    { "lock mov %cr0,%eax", BYTES(0xF0, 0x0F, 0x20, 0xC0),
      { .op = X86_OP_MOV_FROM_CR, .len = 4, .lock = true, .cr_dr = 0, .gpr = EAX } },

    /* 0F 01 memory forms, 32-bit addressing: every ModRM/SIB/disp shape. */
    { "lgdt (%eax)", BYTES(0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 3, MEM(EAX, NONE, 1, 0) } },
    { "lgdt 0x8(%ebp)", BYTES(0x0F, 0x01, 0x55, 0x08),
      { .op = X86_OP_LGDT, .len = 4, MEM(EBP, NONE, 1, 8), .mem_ss = true } },
    { "lgdt -0x4(%ebp)", BYTES(0x0F, 0x01, 0x55, 0xFC),
      { .op = X86_OP_LGDT, .len = 4, MEM(EBP, NONE, 1, 0xFFFFFFFC), .mem_ss = true } },
    { "lgdt 0xc0101000", BYTES(0x0F, 0x01, 0x15, 0x00, 0x10, 0x10, 0xC0),
      { .op = X86_OP_LGDT, .len = 7, MEM(NONE, NONE, 1, 0xC0101000) } },
    { "lgdt (%esp)", BYTES(0x0F, 0x01, 0x14, 0x24),
      { .op = X86_OP_LGDT, .len = 4, MEM(ESP, NONE, 1, 0), .mem_ss = true } },
    { "lgdt 0x10(%esp)", BYTES(0x0F, 0x01, 0x54, 0x24, 0x10),
      { .op = X86_OP_LGDT, .len = 5, MEM(ESP, NONE, 1, 0x10), .mem_ss = true } },
    { "lgdt 0x100(%esp)", BYTES(0x0F, 0x01, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00),
      { .op = X86_OP_LGDT, .len = 8, MEM(ESP, NONE, 1, 0x100), .mem_ss = true } },
    { "lgdt (%ebx,%esi,4)", BYTES(0x0F, 0x01, 0x14, 0xB3),
      { .op = X86_OP_LGDT, .len = 4, MEM(EBX, ESI, 4, 0) } },
    { "lgdt 0x1000(,%ecx,8): SIB base 101, mod 00", BYTES(0x0F, 0x01, 0x14, 0xCD, 0x00, 0x10, 0x00, 0x00),
      { .op = X86_OP_LGDT, .len = 8, MEM(NONE, ECX, 8, 0x1000) } },
    { "lgdt 0x2000: SIB, no base, no index (scale ignored)",
      BYTES(0x0F, 0x01, 0x14, 0xE5, 0x00, 0x20, 0x00, 0x00),
      { .op = X86_OP_LGDT, .len = 8, MEM(NONE, NONE, 1, 0x2000) } },
    { "lgdt 0x20(%ebp,%eax,2): SIB base 101, mod 01", BYTES(0x0F, 0x01, 0x54, 0x45, 0x20),
      { .op = X86_OP_LGDT, .len = 5, MEM(EBP, EAX, 2, 0x20), .mem_ss = true } },
    { "lgdt 0x12345678(%ebp,%edi,1): SIB base 101, mod 10",
      BYTES(0x0F, 0x01, 0x94, 0x3D, 0x78, 0x56, 0x34, 0x12),
      { .op = X86_OP_LGDT, .len = 8, MEM(EBP, EDI, 1, 0x12345678), .mem_ss = true } },
    { "lgdt 0x12345678(%ebx)", BYTES(0x0F, 0x01, 0x93, 0x78, 0x56, 0x34, 0x12),
      { .op = X86_OP_LGDT, .len = 7, MEM(EBX, NONE, 1, 0x12345678) } },
    { "lgdt (%esi,%ebp,1): an EBP index keeps DS", BYTES(0x0F, 0x01, 0x14, 0x2E),
      { .op = X86_OP_LGDT, .len = 4, MEM(ESI, EBP, 1, 0) } },
    { "data16 lgdt (%eax)", BYTES(0x66, 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 4, .opsize = 2, MEM(EAX, NONE, 1, 0) } },
    { "lidt (%eax)", BYTES(0x0F, 0x01, 0x18),
      { .op = X86_OP_LIDT, .len = 3, MEM(EAX, NONE, 1, 0) } },
    { "lidt -0x10(%ebp)", BYTES(0x0F, 0x01, 0x5D, 0xF0),
      { .op = X86_OP_LIDT, .len = 4, MEM(EBP, NONE, 1, 0xFFFFFFF0), .mem_ss = true } },
    { "lidt 0x12345678", BYTES(0x0F, 0x01, 0x1D, 0x78, 0x56, 0x34, 0x12),
      { .op = X86_OP_LIDT, .len = 7, MEM(NONE, NONE, 1, 0x12345678) } },
    { "lidt 0x4(%esp)", BYTES(0x0F, 0x01, 0x5C, 0x24, 0x04),
      { .op = X86_OP_LIDT, .len = 5, MEM(ESP, NONE, 1, 4), .mem_ss = true } },
    { "sgdt (%eax)", BYTES(0x0F, 0x01, 0x00),
      { .op = X86_OP_SGDT, .len = 3, MEM(EAX, NONE, 1, 0) } },
    { "sgdt 0x7f(%ecx)", BYTES(0x0F, 0x01, 0x41, 0x7F),
      { .op = X86_OP_SGDT, .len = 4, MEM(ECX, NONE, 1, 0x7F) } },
    { "sgdt 0xc0000000", BYTES(0x0F, 0x01, 0x05, 0x00, 0x00, 0x00, 0xC0),
      { .op = X86_OP_SGDT, .len = 7, MEM(NONE, NONE, 1, 0xC0000000) } },
    { "sgdt (%esp)", BYTES(0x0F, 0x01, 0x04, 0x24),
      { .op = X86_OP_SGDT, .len = 4, MEM(ESP, NONE, 1, 0), .mem_ss = true } },
    { "sidt (%edx)", BYTES(0x0F, 0x01, 0x0A),
      { .op = X86_OP_SIDT, .len = 3, MEM(EDX, NONE, 1, 0) } },
    { "sidt 0x80(%edi,%edx,2)", BYTES(0x0F, 0x01, 0x8C, 0x57, 0x80, 0x00, 0x00, 0x00),
      { .op = X86_OP_SIDT, .len = 8, MEM(EDI, EDX, 2, 0x80) } },
    { "invlpg (%eax)", BYTES(0x0F, 0x01, 0x38),
      { .op = X86_OP_INVLPG, .len = 3, MEM(EAX, NONE, 1, 0) } },
    { "invlpg 0x10(%ebp)", BYTES(0x0F, 0x01, 0x7D, 0x10),
      { .op = X86_OP_INVLPG, .len = 4, MEM(EBP, NONE, 1, 0x10), .mem_ss = true } },
    { "invlpg 0xc0000000", BYTES(0x0F, 0x01, 0x3D, 0x00, 0x00, 0x00, 0xC0),
      { .op = X86_OP_INVLPG, .len = 7, MEM(NONE, NONE, 1, 0xC0000000) } },
    { "invlpg (%esp,%eax,1)", BYTES(0x0F, 0x01, 0x3C, 0x04),
      { .op = X86_OP_INVLPG, .len = 4, MEM(ESP, EAX, 1, 0), .mem_ss = true } },
    { "invlpg 0x1000(,%eax,4)", BYTES(0x0F, 0x01, 0x3C, 0x85, 0x00, 0x10, 0x00, 0x00),
      { .op = X86_OP_INVLPG, .len = 8, MEM(NONE, EAX, 4, 0x1000) } },
    { "invlpg -0x40000000(%edi)", BYTES(0x0F, 0x01, 0xBF, 0x00, 0x00, 0x00, 0xC0),
      { .op = X86_OP_INVLPG, .len = 7, MEM(EDI, NONE, 1, 0xC0000000) } },
    { "invlpg -0x80(%ebx,%ecx,8)", BYTES(0x0F, 0x01, 0x7C, 0xCB, 0x80),
      { .op = X86_OP_INVLPG, .len = 5, MEM(EBX, ECX, 8, 0xFFFFFF80) } },
    { "smsw %eax", BYTES(0x0F, 0x01, 0xE0), { .op = X86_OP_SMSW, .len = 3, .gpr = EAX } },
    { "smsw %ax", BYTES(0x66, 0x0F, 0x01, 0xE0),
      { .op = X86_OP_SMSW, .len = 4, .opsize = 2, .gpr = EAX } },
    { "smsw (%ebx)", BYTES(0x0F, 0x01, 0x23),
      { .op = X86_OP_SMSW, .len = 3, MEM(EBX, NONE, 1, 0) } },
    { "lmsw %dx", BYTES(0x0F, 0x01, 0xF2), { .op = X86_OP_LMSW, .len = 3, .gpr = EDX } },
    { "lmsw 0x8(%esi)", BYTES(0x0F, 0x01, 0x76, 0x08),
      { .op = X86_OP_LMSW, .len = 4, MEM(ESI, NONE, 1, 8) } },

    /* 0F 01 memory forms, 16-bit addressing (67): no SIB, disp16. */
    { "addr16 lgdt (%bx,%si)", BYTES(0x67, 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 4, .addrsize = 2, MEM(EBX, ESI, 1, 0) } },
    { "addr16 lgdt (%bp,%di)", BYTES(0x67, 0x0F, 0x01, 0x13),
      { .op = X86_OP_LGDT, .len = 4, .addrsize = 2, MEM(EBP, EDI, 1, 0), .mem_ss = true } },
    { "addr16 lgdt (%si): rm 100 is no SIB", BYTES(0x67, 0x0F, 0x01, 0x14),
      { .op = X86_OP_LGDT, .len = 4, .addrsize = 2, MEM(ESI, NONE, 1, 0) } },
    { "addr16 lgdt 0x1234: mod 00 rm 110", BYTES(0x67, 0x0F, 0x01, 0x16, 0x34, 0x12),
      { .op = X86_OP_LGDT, .len = 6, .addrsize = 2, MEM(NONE, NONE, 1, 0x1234) } },
    { "addr16 lgdt 0x10(%bp,%di)", BYTES(0x67, 0x0F, 0x01, 0x53, 0x10),
      { .op = X86_OP_LGDT, .len = 5, .addrsize = 2, MEM(EBP, EDI, 1, 0x10), .mem_ss = true } },
    { "addr16 lgdt -0x2(%bp): mod 01 rm 110", BYTES(0x67, 0x0F, 0x01, 0x56, 0xFE),
      { .op = X86_OP_LGDT, .len = 5, .addrsize = 2, MEM(EBP, NONE, 1, 0xFFFFFFFE),
        .mem_ss = true } },
    { "addr16 lgdt -0x8000(%bx): mod 10", BYTES(0x67, 0x0F, 0x01, 0x97, 0x00, 0x80),
      { .op = X86_OP_LGDT, .len = 6, .addrsize = 2, MEM(EBX, NONE, 1, 0xFFFF8000) } },
    { "addr16 lidt (%si)", BYTES(0x67, 0x0F, 0x01, 0x1C),
      { .op = X86_OP_LIDT, .len = 4, .addrsize = 2, MEM(ESI, NONE, 1, 0) } },
    { "addr16 lidt 0x7fff(%bp,%si)", BYTES(0x67, 0x0F, 0x01, 0x9A, 0xFF, 0x7F),
      { .op = X86_OP_LIDT, .len = 6, .addrsize = 2, MEM(EBP, ESI, 1, 0x7FFF), .mem_ss = true } },
    { "addr16 sgdt 0x1234(%bp,%si)", BYTES(0x67, 0x0F, 0x01, 0x82, 0x34, 0x12),
      { .op = X86_OP_SGDT, .len = 6, .addrsize = 2, MEM(EBP, ESI, 1, 0x1234), .mem_ss = true } },
    { "addr16 sidt (%bx,%di)", BYTES(0x67, 0x0F, 0x01, 0x09),
      { .op = X86_OP_SIDT, .len = 4, .addrsize = 2, MEM(EBX, EDI, 1, 0) } },
    { "addr16 invlpg (%di)", BYTES(0x67, 0x0F, 0x01, 0x3D),
      { .op = X86_OP_INVLPG, .len = 4, .addrsize = 2, MEM(EDI, NONE, 1, 0) } },
    { "addr16 invlpg (%bx)", BYTES(0x67, 0x0F, 0x01, 0x3F),
      { .op = X86_OP_INVLPG, .len = 4, .addrsize = 2, MEM(EBX, NONE, 1, 0) } },
    { "addr16 invlpg 0x4(%di)", BYTES(0x67, 0x0F, 0x01, 0x7D, 0x04),
      { .op = X86_OP_INVLPG, .len = 5, .addrsize = 2, MEM(EDI, NONE, 1, 4) } },

    /* 0F 00: register and memory forms. */
    { "sldt %eax", BYTES(0x0F, 0x00, 0xC0), { .op = X86_OP_SLDT, .len = 3, .gpr = EAX } },
    { "sldt 0x1000", BYTES(0x0F, 0x00, 0x05, 0x00, 0x10, 0x00, 0x00),
      { .op = X86_OP_SLDT, .len = 7, MEM(NONE, NONE, 1, 0x1000) } },
    { "str %ecx", BYTES(0x0F, 0x00, 0xC9), { .op = X86_OP_STR, .len = 3, .gpr = ECX } },
    { "str (%ebx)", BYTES(0x0F, 0x00, 0x0B),
      { .op = X86_OP_STR, .len = 3, MEM(EBX, NONE, 1, 0) } },
    { "lldt %ax", BYTES(0x0F, 0x00, 0xD0), { .op = X86_OP_LLDT, .len = 3, .gpr = EAX } },
    { "lldt (%eax)", BYTES(0x0F, 0x00, 0x10),
      { .op = X86_OP_LLDT, .len = 3, MEM(EAX, NONE, 1, 0) } },
    { "addr16 lldt 0x1234", BYTES(0x67, 0x0F, 0x00, 0x16, 0x34, 0x12),
      { .op = X86_OP_LLDT, .len = 6, .addrsize = 2, MEM(NONE, NONE, 1, 0x1234) } },
    { "ltr %bx", BYTES(0x0F, 0x00, 0xDB), { .op = X86_OP_LTR, .len = 3, .gpr = EBX } },
    { "ltr 0x8(%esp)", BYTES(0x0F, 0x00, 0x5C, 0x24, 0x08),
      { .op = X86_OP_LTR, .len = 5, MEM(ESP, NONE, 1, 8), .mem_ss = true } },

    /* Segment overrides, and prefixes up to the 15-byte limit. */
    { "lgdt %cs:(%eax)", BYTES(0x2E, 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 4, .seg = X86_SEG_CS, MEM(EAX, NONE, 1, 0) } },
    { "invlpg %ss:(%eax)", BYTES(0x36, 0x0F, 0x01, 0x38),
      { .op = X86_OP_INVLPG, .len = 4, .seg = X86_SEG_SS, MEM(EAX, NONE, 1, 0) } },
    { "lidt %ds:(%eax)", BYTES(0x3E, 0x0F, 0x01, 0x18),
      { .op = X86_OP_LIDT, .len = 4, .seg = X86_SEG_DS, MEM(EAX, NONE, 1, 0) } },
    { "sgdt %es:(%eax)", BYTES(0x26, 0x0F, 0x01, 0x00),
      { .op = X86_OP_SGDT, .len = 4, .seg = X86_SEG_ES, MEM(EAX, NONE, 1, 0) } },
    { "lgdt %fs:0x1000", BYTES(0x64, 0x0F, 0x01, 0x15, 0x00, 0x10, 0x00, 0x00),
      { .op = X86_OP_LGDT, .len = 8, .seg = X86_SEG_FS, MEM(NONE, NONE, 1, 0x1000) } },
    { "invlpg %gs:-0x40000000(%edi)", BYTES(0x65, 0x0F, 0x01, 0xBF, 0x00, 0x00, 0x00, 0xC0),
      { .op = X86_OP_INVLPG, .len = 8, .seg = X86_SEG_GS, MEM(EDI, NONE, 1, 0xC0000000) } },
    { "lgdt %cs:%gs:(%eax): the last override wins", BYTES(0x2E, 0x65, 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 5, .seg = X86_SEG_GS, MEM(EAX, NONE, 1, 0) } },
    { "all eleven prefixes, lgdt (%bx,%si)",
      BYTES(0xF0, 0xF2, 0xF3, 0x2E, 0x36, 0x3E, 0x26, 0x64, 0x65, 0x66, 0x67, 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 14, .opsize = 2, .addrsize = 2, .lock = true, .rep = true,
        .seg = X86_SEG_GS, MEM(EBX, ESI, 1, 0) } },
    { "14 prefixes + cli: 15 bytes", BYTES(P14(0x3E), 0xFA),
      { .op = X86_OP_CLI, .len = 15, .seg = X86_SEG_DS } },
    { "12 prefixes + lgdt (%eax): 15 bytes", BYTES(P12(0x66), 0x0F, 0x01, 0x10),
      { .op = X86_OP_LGDT, .len = 15, .opsize = 2, MEM(EAX, NONE, 1, 0) } },
    { "7 prefixes + lgdt 0x100(%esp): 15 bytes",
      BYTES(P7(0x36), 0x0F, 0x01, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00),
      { .op = X86_OP_LGDT, .len = 15, .seg = X86_SEG_SS, MEM(ESP, NONE, 1, 0x100),
        .mem_ss = true } },
    { "13 prefixes + int $0x80: 15 bytes", BYTES(P12(0xF3), 0xF2, 0xCD, 0x80),
      { .op = X86_OP_INT, .len = 15, .repne = true, .vector = 0x80 } },

    /* Opcodes not handled: len 0, prefixes still recorded. */
    { "nop", BYTES(0x90), { .op = X86_OP_UNKNOWN } },
    { "data16 nop", BYTES(0x66, 0x90), { .op = X86_OP_UNKNOWN, .opsize = 2 } },
    { "pause", BYTES(0xF3, 0x90), { .op = X86_OP_UNKNOWN, .rep = true } },
    { "iret", BYTES(0xCF), { .op = X86_OP_UNKNOWN } },
    { "syscall", BYTES(0x0F, 0x05), { .op = X86_OP_UNKNOWN } },
    { "ud2 (not the Xen signature)", BYTES(0x0F, 0x0B, 0x00, 0x00, 0x00),
      { .op = X86_OP_UNKNOWN } },
    { "ud2 \"xe\" then not \"n\"", BYTES(0x0F, 0x0B, 'x', 'e', 'N', 0x0F, 0xA2),
      { .op = X86_OP_UNKNOWN } },
    { "ds ud2a; .ascii \"xen\": prefixed, not the signature",
      BYTES(0x3E, 0x0F, 0x0B, 'x', 'e', 'n', 0x0F, 0xA2),
      { .op = X86_OP_UNKNOWN, .seg = X86_SEG_DS } },
};

/* Encodings that must be refused.  Truncations of the good ones are tested separately. */
static const struct decode_case bad[] = {
    { "nothing", BYTES() },
    { "a lone prefix", BYTES(0xF3) },
    { "prefixes only", BYTES(0x66, 0x67, 0x2E) },
    { "0F alone", BYTES(0x0F) },
    { "16 prefixes", BYTES(P14(0x66), 0x66, 0x66) },
    { "16 prefixes and more bytes", BYTES(P14(0x66), 0x66, 0x66, 0xFA, 0x90, 0x90) },
    { "15 prefixes + cli: 16 bytes", BYTES(P14(0x3E), 0x3E, 0xFA) },
    { "13 prefixes + lgdt (%eax): 16 bytes", BYTES(P12(0x66), 0x66, 0x0F, 0x01, 0x10) },
    { "8 prefixes + lgdt 0x100(%esp): 16 bytes",
      BYTES(P7(0x36), 0x36, 0x0F, 0x01, 0x94, 0x24, 0x00, 0x01, 0x00, 0x00) },
    { "14 prefixes + int $0x80: 16 bytes", BYTES(P14(0xF3), 0xCD, 0x80) },
    { "0F 01 D0: lgdt, mod 3 (XGETBV)", BYTES(0x0F, 0x01, 0xD0) },
    { "0F 01 D2: lgdt, mod 3", BYTES(0x0F, 0x01, 0xD2) },
    { "0F 01 D3: lgdt, mod 3", BYTES(0x0F, 0x01, 0xD3) },
    { "0F 01 D7: lgdt, mod 3 (ENCLU)", BYTES(0x0F, 0x01, 0xD7) },
    { "67 0F 01 D0: lgdt, mod 3", BYTES(0x67, 0x0F, 0x01, 0xD0) },
    { "0F 01 D8: lidt, mod 3 (VMRUN)", BYTES(0x0F, 0x01, 0xD8) },
    { "0F 01 DF: lidt, mod 3 (INVLPGA)", BYTES(0x0F, 0x01, 0xDF) },
    { "0F 01 C0: sgdt, mod 3 (ENCLV)", BYTES(0x0F, 0x01, 0xC0) },
    { "0F 01 C1: sgdt, mod 3 (VMCALL)", BYTES(0x0F, 0x01, 0xC1) },
    { "0F 01 C8: sidt, mod 3 (MONITOR)", BYTES(0x0F, 0x01, 0xC8) },
    { "0F 01 F8: invlpg, mod 3 (SWAPGS)", BYTES(0x0F, 0x01, 0xF8) },
    { "0F 01 FF: invlpg, mod 3 (TLBSYNC)", BYTES(0x0F, 0x01, 0xFF) },
    { "0F 01 /5, memory", BYTES(0x0F, 0x01, 0x28) },
    { "0F 01 EE: /5, mod 3 (RDPKRU)", BYTES(0x0F, 0x01, 0xEE) },
    { "0F 00 /4 (VERR)", BYTES(0x0F, 0x00, 0x20) },
    { "0F 00 /5 (VERW), register", BYTES(0x0F, 0x00, 0xE8) },
    { "0F 00 /6", BYTES(0x0F, 0x00, 0x30) },
    { "0F 00 /7", BYTES(0x0F, 0x00, 0xF8) },
    { "Xen signature + nop", BYTES(0x0F, 0x0B, 'x', 'e', 'n', 0x90, 0x90) },
    { "Xen signature + 0F A3", BYTES(0x0F, 0x0B, 'x', 'e', 'n', 0x0F, 0xA3) },
    { "Xen signature + data16 cpuid", BYTES(0x0F, 0x0B, 'x', 'e', 'n', 0x66, 0x0F, 0xA2) },
    { "Xen signature + rdtsc", BYTES(0x0F, 0x0B, 'x', 'e', 'n', 0x0F, 0x31) },
    { "ud2: may be the start of the Xen signature", BYTES(0x0F, 0x0B) },
    { "ud2a; .ascii \"xe\"", BYTES(0x0F, 0x0B, 'x', 'e') },
};

/* ---- helpers ---- */

static struct x86_insn expected(const struct decode_case *dc)
{
    struct x86_insn w = dc->want;

    if (!w.opsize)
        w.opsize = 4;
    if (!w.addrsize)
        w.addrsize = 4;
    if (!w.modrm_is_mem) {
        w.mem_base = w.mem_index = X86_REG_NONE;
        w.mem_scale = 1;
    }
    return w;
}

/*
 * Decode the first n bytes of `bytes` from a heap copy of exactly n bytes,
 * telling the decoder that `avail` are readable (normally n).
 */
static int decode_from_heap(const uint8_t *bytes, size_t n, size_t avail, struct x86_insn *insn)
{
    uint8_t *buf = malloc(n);
    int rc;

    ck_assert_ptr_nonnull(buf);
    if (n)
        memcpy(buf, bytes, n);
    memset(insn, 0xA5, sizeof(*insn));     /* every field must be written */
    rc = x86_decode(buf, avail, insn);
    free(buf);
    return rc;
}

#define CHECK_FIELD(f) \
    ck_assert_msg(got->f == want->f, "%s: " #f " is %#x, expected %#x", text, \
                  (unsigned)got->f, (unsigned)want->f)

static void check_insn(const char *text, const struct x86_insn *got, const struct x86_insn *want)
{
    ck_assert_msg(got->op == want->op, "%s: decoded as %s, expected %s", text,
                  x86_op_name(got->op), x86_op_name(want->op));
    CHECK_FIELD(len);
    CHECK_FIELD(opsize);
    CHECK_FIELD(addrsize);
    CHECK_FIELD(lock);
    CHECK_FIELD(rep);
    CHECK_FIELD(repne);
    CHECK_FIELD(seg);
    CHECK_FIELD(io_size);
    CHECK_FIELD(port_in_dx);
    CHECK_FIELD(port);
    CHECK_FIELD(cr_dr);
    CHECK_FIELD(gpr);
    CHECK_FIELD(modrm_is_mem);
    CHECK_FIELD(mem_base);
    CHECK_FIELD(mem_index);
    CHECK_FIELD(mem_scale);
    CHECK_FIELD(mem_disp);
    CHECK_FIELD(mem_ss);
    CHECK_FIELD(vector);
}

/* ---- good encodings ---- */

START_TEST(decodes_known_forms)
{
    const struct decode_case *dc = &good[_i];
    struct x86_insn insn, want = expected(dc);

    ck_assert_msg(decode_from_heap(dc->bytes, dc->n, dc->n, &insn) == 0, "%s: refused", dc->text);
    check_insn(dc->text, &insn, &want);
    if (want.op != X86_OP_UNKNOWN)
        ck_assert_msg(want.len == dc->n, "%s: the table's len is not its byte count", dc->text);
}
END_TEST

/* Bytes after the instruction change nothing. */
START_TEST(trailing_bytes_are_ignored)
{
    const struct decode_case *dc = &good[_i];
    struct x86_insn insn, want = expected(dc);
    uint8_t bytes[2 * X86_MAX_INSN_LEN];

    memset(bytes, 0x0F, sizeof(bytes));     /* a byte that would change most decodes */
    memcpy(bytes, dc->bytes, dc->n);
    ck_assert_msg(decode_from_heap(bytes, sizeof(bytes), sizeof(bytes), &insn) == 0,
                  "%s: refused", dc->text);
    check_insn(dc->text, &insn, &want);
}
END_TEST

/* Every proper prefix of a good instruction is truncated: -1. */
START_TEST(truncation_at_every_length_is_refused)
{
    const struct decode_case *dc = &good[_i];
    struct x86_insn insn;

    if (dc->want.op == X86_OP_UNKNOWN)
        return;
    for (size_t n = 0; n < dc->n; n++)
        ck_assert_msg(decode_from_heap(dc->bytes, n, n, &insn) == -1,
                      "%s: cut to %zu bytes, decoded as %s", dc->text, n, x86_op_name(insn.op));
}
END_TEST

/* The table covers every op. */
START_TEST(table_covers_every_op)
{
    for (int op = 0; op < X86_OP_COUNT; op++) {
        bool found = false;

        for (size_t i = 0; i < ARRAY_SIZE(good); i++)
            found |= good[i].want.op == (enum x86_op)op;
        ck_assert_msg(found, "no test case for %s", x86_op_name((enum x86_op)op));
    }
}
END_TEST

/* ---- refused encodings ---- */

START_TEST(refuses_bad_encodings)
{
    const struct decode_case *dc = &bad[_i];
    struct x86_insn insn;

    ck_assert_msg(decode_from_heap(dc->bytes, dc->n, dc->n, &insn) == -1,
                  "%s: decoded as %s, len %u", dc->text, x86_op_name(insn.op), insn.len);
}
END_TEST

/*
 * At most 15 bytes are read, whatever avail says: 16 prefixes in a 15-byte
 * buffer that claims 64 are refused without touching byte 15, and a
 * 15-byte instruction there decodes.
 */
START_TEST(reads_at_most_15_bytes)
{
    static const uint8_t prefixes[] = { P14(0x2E), 0x2E };
    static const uint8_t cli15[] = { P14(0x2E), 0xFA };
    struct x86_insn insn;

    ck_assert_int_eq(decode_from_heap(prefixes, sizeof(prefixes), 64, &insn), -1);
    ck_assert_int_eq(decode_from_heap(cli15, sizeof(cli15), 64, &insn), 0);
    ck_assert_uint_eq(insn.op, X86_OP_CLI);
    ck_assert_uint_eq(insn.len, 15);
}
END_TEST

START_TEST(every_op_has_a_name)
{
    for (int op = 0; op < X86_OP_COUNT; op++) {
        const char *name = x86_op_name((enum x86_op)op);

        ck_assert_str_ne(name, "?");
        for (int other = 0; other < op; other++)
            ck_assert_str_ne(name, x86_op_name((enum x86_op)other));
    }
    ck_assert_str_eq(x86_op_name(X86_OP_COUNT), "?");
    ck_assert_str_eq(x86_op_name((enum x86_op)-1), "?");
}
END_TEST

Suite *decode_suite(void)
{
    Suite *s = suite_create("x86_decode");
    TCase *tc_good = tcase_create("good_encodings");
    TCase *tc_bad = tcase_create("bad_encodings");

    tcase_add_loop_test(tc_good, decodes_known_forms, 0, ARRAY_SIZE(good));
    tcase_add_loop_test(tc_good, trailing_bytes_are_ignored, 0, ARRAY_SIZE(good));
    tcase_add_test(tc_good, table_covers_every_op);
    tcase_add_test(tc_good, every_op_has_a_name);
    suite_add_tcase(s, tc_good);

    tcase_add_loop_test(tc_bad, truncation_at_every_length_is_refused, 0, ARRAY_SIZE(good));
    tcase_add_loop_test(tc_bad, refuses_bad_encodings, 0, ARRAY_SIZE(bad));
    tcase_add_test(tc_bad, reads_at_most_15_bytes);
    suite_add_tcase(s, tc_bad);
    return s;
}
