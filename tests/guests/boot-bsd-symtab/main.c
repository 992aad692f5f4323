/*
 * boot-bsd-symtab: a kernel with the BSD_SYMTAB note ("yes") finds its own
 * symbol table after its image, laid out as Xen's libelf loads it
 * (elf_load_bsdsyms): at the image's end rounded up to 4 bytes a 32-bit
 * size, then an ELF header (the image's own, with no program headers and
 * e_shoff 64), three section headers -- null, the symbol table, its
 * string table, each sh_offset counted from the ELF header -- and the two
 * tables themselves, the symbol table 256 bytes after the ELF header and
 * the string table after it, 4-byte aligned.  The size counts from the
 * ELF header to the end of the string table.  The guest looks up its own
 * test_main there, and checks that the P2M list comes after it all.
 */
#include "../lib/test.h"
#include "../lib/expect.h"
#include "../../../hypercall-abi/elfnote.h"

const char test_title[] = "the BSD_SYMTAB note loads the symbol table after the image";

#define STR(x) #x
#define XSTR(x) STR(x)
__asm__(".pushsection .note.Xen, \"a\", @note\n\t"
        ".balign 4\n\t"
        ".long 4, 4, " XSTR(XEN_ELFNOTE_BSD_SYMTAB) "\n\t"
        ".asciz \"Xen\"\n\t"
        ".asciz \"yes\"\n\t"
        ".popsection");

struct elf32_ehdr {
    uint8_t e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version, e_entry, e_phoff, e_shoff, e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};
struct elf32_shdr {
    uint32_t sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info, sh_addralign, sh_entsize;
};
struct elf32_sym {
    uint32_t st_name, st_value, st_size;
    uint8_t st_info, st_other;
    uint16_t st_shndx;
};
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHDR_OFFSET 64          /* libelf's: the size of its 64-bit ELF header */
#define SYMTAB_OFFSET 256       /* after the size word and 64-bit headers */

extern char _end[];

static bool headers_as_libelf(const struct elf32_ehdr *eh, const struct elf32_shdr *sh)
{
    if (memcmp(eh->e_ident, "\177ELF", 4) || eh->e_ident[4] != 1 || eh->e_type != 2)
        test_failure("no ELF header of this image at %p", (const void *)eh);
    else if (eh->e_shoff != SHDR_OFFSET || eh->e_shnum != 3 || eh->e_shentsize != 40 ||
             eh->e_ehsize != 52 || eh->e_phoff || eh->e_phnum || eh->e_phentsize ||
             eh->e_shstrndx)
        test_failure("ELF header: shoff %u shnum %u shentsize %u ehsize %u phoff %u phnum %u",
                     eh->e_shoff, eh->e_shnum, eh->e_shentsize, eh->e_ehsize, eh->e_phoff,
                     eh->e_phnum);
    else if (sh[1].sh_type != SHT_SYMTAB || sh[1].sh_link != 2 || sh[1].sh_offset != SYMTAB_OFFSET)
        test_failure("symtab header: type %u link %u offset %u", sh[1].sh_type, sh[1].sh_link,
                     sh[1].sh_offset);
    else if (sh[2].sh_type != SHT_STRTAB ||
             sh[2].sh_offset != SYMTAB_OFFSET + ((sh[1].sh_size + 3) & ~3U))
        test_failure("strtab header: type %u offset %u", sh[2].sh_type, sh[2].sh_offset);
    else
        return true;
    return false;
}

static const struct elf32_sym *lookup(const char *base, const struct elf32_shdr *sh,
                                      const char *name)
{
    const struct elf32_sym *sym = (const void *)(base + sh[1].sh_offset);
    const char *str = base + sh[2].sh_offset;

    for (unsigned i = 0; i < sh[1].sh_size / sizeof(*sym); i++)
        if (sym[i].st_name < sh[2].sh_size && !strcmp(str + sym[i].st_name, name))
            return &sym[i];
    return NULL;
}

void test_main(void)
{
    const uint32_t *size = (const uint32_t *)(((uintptr_t)_end + 3) & ~3U);
    const char *base = (const char *)(size + 1);
    const struct elf32_ehdr *eh = (const void *)base;
    const struct elf32_shdr *sh = (const void *)(base + SHDR_OFFSET);
    const struct elf32_sym *sym;

    printf("symbol table header at %p, size %u\n", (const void *)size, *size);
    if (!headers_as_libelf(eh, sh))
        return;
    expect_rc("the size word", *size, sh[2].sh_offset + sh[2].sh_size);
    sym = lookup(base, sh, "test_main");
    if (!sym)
        test_failure("test_main is not in the loaded symbol table");
    else
        expect_rc("test_main's value", sym->st_value, (uint32_t)(uintptr_t)test_main);
    if (start_info->mfn_list < (uintptr_t)base + *size)
        test_failure("the P2M list at %#x overlaps the symbol table (to %p)",
                     start_info->mfn_list, base + *size);
    test_success();
}
