/*
 * elf.h - ELF32 structures (System V ABI, i386 supplement) and the parser
 * for PV guest kernels: header and segment checks plus the Xen notes.
 */
#ifndef HV_ELF_H
#define HV_ELF_H

#include "types.h"

#define EI_NIDENT 16
#define ELFMAG "\177ELF"
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_386 3
#define PT_LOAD 1
#define PT_NOTE 4
#define SHT_SYMTAB 2
#define SHT_STRTAB 3

typedef struct {
    uint8_t e_ident[EI_NIDENT];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;
_Static_assert(sizeof(Elf32_Ehdr) == 52, "Elf32_Ehdr layout");

typedef struct {
    uint32_t p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;
_Static_assert(sizeof(Elf32_Phdr) == 32, "Elf32_Phdr layout");

typedef struct {
    uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info, sh_addralign, sh_entsize;
} Elf32_Shdr;
_Static_assert(sizeof(Elf32_Shdr) == 40, "Elf32_Shdr layout");

typedef struct {
    uint32_t n_namesz, n_descsz, n_type;
} Elf32_Nhdr;

#define GUEST_MAX_SEGMENTS 16
#define GUEST_NOTE_STR 64
#define ELF_ADDR_UNSET 0xFFFFFFFFU

/* A loadable segment, with its load address already translated. */
struct guest_segment {
    uint32_t file_offset, filesz, memsz;
    vaddr_t va;         /* p_paddr - paddr_offset + virt_base, as Xen loads */
};

/*
 * The BSD_SYMTAB note asks for the kernel's symbol table to be loaded
 * after its image, as Xen's libelf does (elf_load_bsdsyms):
 *
 *   va (kend rounded up to 4)   struct bsd_symtab_header: a size word, an
 *                               ELF header in the room of a 64-bit one,
 *                               section headers 0 (null), 1 (the symbol
 *                               table) and 2 (its string table)
 *   va + BSD_SYMTAB_DATA        the symbol table
 *   str_va (4-aligned after it) the string table: the new kend
 *
 * Offsets in the headers count from the ELF header (va + 4); the size
 * word counts from there to the end of the string table.
 */
#define BSD_SYMTAB_SHOFF 64     /* libelf's room for the ELF header */
#define BSD_SYMTAB_DATA 260     /* libelf's 4 + 64 + 3 x 64-byte headers */

struct bsd_symtab_header {
    uint32_t size;
    Elf32_Ehdr ehdr;
    uint8_t ehdr_room[BSD_SYMTAB_SHOFF - sizeof(Elf32_Ehdr)];
    Elf32_Shdr shdr[3];
} __attribute__((packed));
_Static_assert(sizeof(struct bsd_symtab_header) == 188, "BSD_SYMTAB header layout");

struct guest_symtab {
    vaddr_t va;                 /* 0: nothing to load */
    vaddr_t str_va;
    Elf32_Shdr sym, str;        /* the image's own section headers */
};

/* What the domain builder needs from a guest kernel image. */
struct guest_image {
    vaddr_t entry;
    vaddr_t virt_base;
    uint32_t paddr_offset;
    vaddr_t hypercall_page;     /* ELF_ADDR_UNSET: none */
    vaddr_t kstart, kend;       /* virtual extent of all segments (and symtab) */
    struct guest_symtab symtab;
    char xen_version[GUEST_NOTE_STR];
    char loader[GUEST_NOTE_STR];
    char guest_os[GUEST_NOTE_STR];
    char pae_mode[GUEST_NOTE_STR];
    unsigned nr_segments;
    struct guest_segment seg[GUEST_MAX_SEGMENTS];
};

/*
 * Parse and check a guest image of `size` bytes.  Returns 0, or -1 with a
 * one-line reason in `err`.  Never reads outside [image, image + size).
 */
int elf_parse_guest(const void *image, size_t size, struct guest_image *gi,
                    char *err, size_t errlen);

/* The headers to load at gi->symtab.va, built from the parsed image. */
void elf_symtab_header(const void *image, const struct guest_image *gi,
                       struct bsd_symtab_header *h);

#endif /* HV_ELF_H */
