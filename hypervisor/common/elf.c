/*
 * elf.c - parse and check a PV guest kernel: an ELF32 i386 executable
 * with Xen's ELF notes, read either from PT_NOTE segments or from a legacy
 * "__xen_guest" section ("KEY=VALUE,..." text).
 *
 * The rules are Xen's (libelf): XEN_VERSION must start with "xen-3.0", and
 * LOADER with "generic" or else GUEST_OS with "linux"; PAE_MODE must be "yes",
 * "yes[extended-cr3]" or "bimodal", since this is a PAE hypervisor.  ENTRY
 * defaults to e_entry and VIRT_BASE and PADDR_OFFSET to 0.  A segment is
 * loaded at p_paddr - PADDR_OFFSET + VIRT_BASE.
 *
 * With the BSD_SYMTAB note ("yes", or the legacy key), the symbol table
 * and its string table are also loaded after the image, laid out as
 * libelf lays them out (elf.h); kend then covers them.
 *
 * Every offset and size read from the image is bounds-checked against the
 * image size before use: the input is untrusted.  Pure logic, unit-tested
 * on the host.
 */
#include "elf.h"
#include "../lib/lib.h"
#include "../../hypercall-abi/elfnote.h"

struct parse {
    const uint8_t *image;
    size_t size;
    struct guest_image *gi;
    char *err;
    size_t errlen;
    bool have_entry, have_xen_notes, want_symtab;
};

static int fail(struct parse *p, const char *msg, uint32_t value)
{
    snprintf(p->err, p->errlen, msg, value);
    return -1;
}

/* Is [off, off + len) inside the image? */
static bool in_image(const struct parse *p, uint32_t off, uint32_t len)
{
    return off <= p->size && len <= p->size - off;
}

static int check_header(struct parse *p, const Elf32_Ehdr *eh)
{
    if (p->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) != 0)
        return fail(p, "not an ELF image", 0);
    if (eh->e_ident[EI_CLASS] != ELFCLASS32)
        return fail(p, "not a 32-bit ELF image (class %u)", eh->e_ident[EI_CLASS]);
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return fail(p, "not a little-endian ELF image", 0);
    if (eh->e_machine != EM_386)
        return fail(p, "not an i386 ELF image (machine %u)", eh->e_machine);
    if (eh->e_type != ET_EXEC)
        return fail(p, "not an executable ELF image (type %u)", eh->e_type);
    if (eh->e_phnum == 0 || eh->e_phentsize != sizeof(Elf32_Phdr))
        return fail(p, "bad program header table (entry size %u)", eh->e_phentsize);
    if (!in_image(p, eh->e_phoff, (uint32_t)eh->e_phnum * sizeof(Elf32_Phdr)))
        return fail(p, "program header table is truncated (offset %#x)", eh->e_phoff);
    return 0;
}

static void copy_note_string(char *dst, const uint8_t *desc, uint32_t len)
{
    size_t n = strnlen((const char *)desc, len);

    n = MIN(n, (size_t)GUEST_NOTE_STR - 1);
    memcpy(dst, desc, n);
    dst[n] = '\0';
}

static int note_value(struct parse *p, uint32_t type, const uint8_t *desc, uint32_t len,
                      uint32_t *out)
{
    if (len == 4)
        *out = desc[0] | desc[1] << 8 | desc[2] << 16 | (uint32_t)desc[3] << 24;
    else if (len == 8 && desc[4] == 0 && desc[5] == 0 && desc[6] == 0 && desc[7] == 0)
        *out = desc[0] | desc[1] << 8 | desc[2] << 16 | (uint32_t)desc[3] << 24;
    else
        return fail(p, "Xen note %u has a bad numeric value", type);
    return 0;
}

static int apply_note(struct parse *p, uint32_t type, const uint8_t *desc, uint32_t len)
{
    struct guest_image *gi = p->gi;

    p->have_xen_notes = true;
    switch (type) {
    case XEN_ELFNOTE_ENTRY:
        p->have_entry = true;
        return note_value(p, type, desc, len, &gi->entry);
    case XEN_ELFNOTE_VIRT_BASE:
        return note_value(p, type, desc, len, &gi->virt_base);
    case XEN_ELFNOTE_PADDR_OFFSET:
        return note_value(p, type, desc, len, &gi->paddr_offset);
    case XEN_ELFNOTE_HYPERCALL_PAGE:
        return note_value(p, type, desc, len, &gi->hypercall_page);
    case XEN_ELFNOTE_XEN_VERSION:
        copy_note_string(gi->xen_version, desc, len);
        break;
    case XEN_ELFNOTE_LOADER:
        copy_note_string(gi->loader, desc, len);
        break;
    case XEN_ELFNOTE_GUEST_OS:
        copy_note_string(gi->guest_os, desc, len);
        break;
    case XEN_ELFNOTE_PAE_MODE:
        copy_note_string(gi->pae_mode, desc, len);
        break;
    case XEN_ELFNOTE_BSD_SYMTAB: {
        char yes[GUEST_NOTE_STR];
        copy_note_string(yes, desc, len);
        p->want_symtab = !strcmp(yes, "yes");      /* exactly, as libelf */
        break;
    }
    default:    /* notes we do not need are allowed */
        break;
    }
    return 0;
}

/* Walk one note area; notes with a name other than "Xen" are skipped. */
static int parse_notes(struct parse *p, uint32_t off, uint32_t len)
{
    uint32_t end = off + len;

    while (end - off >= sizeof(Elf32_Nhdr)) {
        Elf32_Nhdr nh;
        uint32_t name_sz, desc_sz;

        memcpy(&nh, p->image + off, sizeof(nh));
        name_sz = ROUND_UP((uint64_t)nh.n_namesz, 4);
        desc_sz = ROUND_UP((uint64_t)nh.n_descsz, 4);
        if (nh.n_namesz > end - off || nh.n_descsz > end - off ||
            name_sz + desc_sz > end - off - sizeof(nh))
            return fail(p, "note at offset %#x runs past its segment", off);
        off += sizeof(nh);
        if (nh.n_namesz == sizeof(XEN_ELFNOTE_NAME) &&
            memcmp(p->image + off, XEN_ELFNOTE_NAME, sizeof(XEN_ELFNOTE_NAME)) == 0 &&
            apply_note(p, nh.n_type, p->image + off + name_sz, nh.n_descsz) < 0)
            return -1;
        off += name_sz + desc_sz;
    }
    return 0;
}

/* Legacy "__xen_guest" section: "GUEST_OS=linux,XEN_VER=xen-3.0,...". */
static void parse_legacy_pair(struct guest_image *gi, const char *key, const char *val)
{
    if (!strcmp(key, "XEN_VER"))
        strlcpy(gi->xen_version, val, GUEST_NOTE_STR);
    else if (!strcmp(key, "LOADER"))
        strlcpy(gi->loader, val, GUEST_NOTE_STR);
    else if (!strcmp(key, "GUEST_OS"))
        strlcpy(gi->guest_os, val, GUEST_NOTE_STR);
    else if (!strcmp(key, "PAE"))
        strlcpy(gi->pae_mode, val, GUEST_NOTE_STR);
}

/* A number as C (and Xen's strtoull(s, NULL, 0)) reads it: 0x hex, 0 octal. */
static uint32_t parse_number(const char *s)
{
    unsigned base = 10;
    uint32_t v = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0') {
        base = 8;
    }
    for (; *s; s++) {
        unsigned d = (*s >= '0' && *s <= '9') ? (unsigned)(*s - '0') :
                     (*s >= 'a' && *s <= 'f') ? (unsigned)(*s - 'a' + 10) :
                     (*s >= 'A' && *s <= 'F') ? (unsigned)(*s - 'A' + 10) : 16;
        if (d >= base)
            break;
        v = v * base + d;
    }
    return v;
}

static void parse_legacy(struct parse *p, const char *text, uint32_t len)
{
    char buf[512], *item = buf;

    len = (uint32_t)MIN((size_t)len, sizeof(buf) - 1);
    memcpy(buf, text, len);
    buf[len] = '\0';
    p->have_xen_notes = true;
    while (item && *item) {
        char *next = strchr(item, ','), *eq;
        if (next)
            *next++ = '\0';
        eq = strchr(item, '=');
        if (eq) {
            *eq = '\0';
            if (!strcmp(item, "BSD_SYMTAB"))
                p->want_symtab = true;              /* any value, as libelf */
            else if (!strcmp(item, "VIRT_BASE"))
                p->gi->virt_base = parse_number(eq + 1);
            else if (!strcmp(item, "HYPERCALL_PAGE"))
                p->gi->hypercall_page = parse_number(eq + 1);   /* a page number */
            else
                parse_legacy_pair(p->gi, item, eq + 1);
        }
        item = next;
    }
}

/* The section header table, if the image has a usable one; else NULL. */
static const Elf32_Shdr *section_table(struct parse *p, const Elf32_Ehdr *eh)
{
    if (eh->e_shnum == 0 || eh->e_shentsize != sizeof(Elf32_Shdr) ||
        !in_image(p, eh->e_shoff, (uint32_t)eh->e_shnum * sizeof(Elf32_Shdr)))
        return NULL;
    return (const Elf32_Shdr *)(p->image + eh->e_shoff);
}

static int find_legacy_section(struct parse *p, const Elf32_Ehdr *eh)
{
    const Elf32_Shdr *sh = section_table(p, eh), *strtab;

    if (!sh || eh->e_shstrndx >= eh->e_shnum)
        return 0;
    strtab = &sh[eh->e_shstrndx];
    if (!in_image(p, strtab->sh_offset, strtab->sh_size))
        return 0;
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        static const char name[] = "__xen_guest";
        if (sh[i].sh_name >= strtab->sh_size ||
            strtab->sh_size - sh[i].sh_name < sizeof(name) ||
            memcmp(p->image + strtab->sh_offset + sh[i].sh_name, name, sizeof(name)))
            continue;
        if (!in_image(p, sh[i].sh_offset, sh[i].sh_size))
            return fail(p, "__xen_guest section is truncated", 0);
        parse_legacy(p, (const char *)p->image + sh[i].sh_offset, sh[i].sh_size);
        if (p->gi->hypercall_page != ELF_ADDR_UNSET)
            p->gi->hypercall_page = p->gi->virt_base + (p->gi->hypercall_page << 12);
        /* The legacy interface's default: paddr offset = virt base. */
        p->gi->paddr_offset = p->gi->virt_base;
    }
    return 0;
}

/* Place the two tables after kend, as elf_load_bsdsyms does (elf.h). */
static int place_symtab(struct parse *p, const Elf32_Shdr *sym, const Elf32_Shdr *str)
{
    struct guest_image *gi = p->gi;
    uint64_t va = ROUND_UP((uint64_t)gi->kend, 4);
    uint64_t str_va = ROUND_UP(va + BSD_SYMTAB_DATA + sym->sh_size, 4);

    if (!in_image(p, sym->sh_offset, sym->sh_size) || !in_image(p, str->sh_offset, str->sh_size))
        return fail(p, "symbol table at file offset %#x is truncated", sym->sh_offset);
    if (str_va + str->sh_size > 0xFFFFFFFFULL)
        return fail(p, "symbol table after %#x wraps the address space", gi->kend);
    gi->symtab = (struct guest_symtab){ (vaddr_t)va, (vaddr_t)str_va, *sym, *str };
    gi->kend = (vaddr_t)(str_va + str->sh_size);
    return 0;
}

/*
 * BSD_SYMTAB: the first SHT_SYMTAB section whose sh_link names another
 * section, as libelf's elf_init picks it.  Nothing is loaded if there is
 * none or that section is no SHT_STRTAB: libelf only warns about a
 * kernel that asked for symbols it lacks.
 */
static int find_symtab(struct parse *p, const Elf32_Ehdr *eh)
{
    const Elf32_Shdr *sh = section_table(p, eh);

    if (!sh)
        return eh->e_shnum ? fail(p, "section header table is truncated (offset %#x)",
                                  eh->e_shoff) : 0;
    for (unsigned i = 1; i < eh->e_shnum; i++) {
        uint32_t link = sh[i].sh_link;
        if (sh[i].sh_type != SHT_SYMTAB)
            continue;
        if (link == 0 || link >= eh->e_shnum || sh[link].sh_type != SHT_STRTAB)
            return 0;
        return place_symtab(p, &sh[i], &sh[link]);
    }
    return 0;
}

void elf_symtab_header(const void *image, const struct guest_image *gi,
                       struct bsd_symtab_header *h)
{
    const struct guest_symtab *st = &gi->symtab;
    vaddr_t base = st->va + sizeof(h->size);    /* offsets count from the ELF header */

    memset(h, 0, sizeof(*h));
    h->size = st->str_va + st->str.sh_size - base;
    memcpy(&h->ehdr, image, sizeof(h->ehdr));
    h->ehdr.e_version = EV_CURRENT;
    h->ehdr.e_phoff = 0;
    h->ehdr.e_shoff = BSD_SYMTAB_SHOFF;
    h->ehdr.e_ehsize = sizeof(Elf32_Ehdr);
    h->ehdr.e_phentsize = h->ehdr.e_phnum = 0;
    h->ehdr.e_shentsize = sizeof(Elf32_Shdr);
    h->ehdr.e_shnum = ARRAY_SIZE(h->shdr);
    h->ehdr.e_shstrndx = 0;
    h->shdr[1] = st->sym;
    h->shdr[1].sh_offset = st->va + BSD_SYMTAB_DATA - base;
    h->shdr[1].sh_link = 2;
    h->shdr[2] = st->str;
    h->shdr[2].sh_offset = st->str_va - base;
}

static int add_segment(struct parse *p, const Elf32_Phdr *ph)
{
    struct guest_image *gi = p->gi;
    struct guest_segment *s;
    uint64_t va = (uint64_t)ph->p_paddr - gi->paddr_offset + gi->virt_base;

    if (ph->p_memsz == 0)
        return 0;
    if (gi->nr_segments == GUEST_MAX_SEGMENTS)
        return fail(p, "more than %u loadable segments", GUEST_MAX_SEGMENTS);
    if (ph->p_filesz > ph->p_memsz)
        return fail(p, "segment at %#x has filesz > memsz", ph->p_paddr);
    if (!in_image(p, ph->p_offset, ph->p_filesz))
        return fail(p, "segment at file offset %#x is truncated", ph->p_offset);
    /* The end must be representable too: kend is a 32-bit address. */
    if (va > 0xFFFFFFFFULL || va + ph->p_memsz > 0xFFFFFFFFULL)
        return fail(p, "segment at %#x wraps the address space", ph->p_paddr);
    s = &gi->seg[gi->nr_segments++];
    *s = (struct guest_segment){ ph->p_offset, ph->p_filesz, ph->p_memsz, (vaddr_t)va };
    gi->kstart = MIN(gi->kstart, s->va);
    gi->kend = MAX(gi->kend, s->va + s->memsz);
    return 0;
}

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static int check_notes(struct parse *p)
{
    const struct guest_image *gi = p->gi;

    if (!p->have_xen_notes)
        return fail(p, "no Xen ELF notes (not a PV guest kernel)", 0);
    if (!starts_with(gi->xen_version, "xen-3.0"))
        return fail(p, "XEN_VERSION note missing or not \"xen-3.0\"", 0);
    if (!starts_with(gi->loader, "generic") && !starts_with(gi->guest_os, "linux"))
        return fail(p, "LOADER note missing or not \"generic\" (and GUEST_OS not linux)", 0);
    if (strcmp(gi->pae_mode, "yes") && strcmp(gi->pae_mode, "yes[extended-cr3]") &&
        strcmp(gi->pae_mode, "bimodal"))
        return fail(p, "PAE_MODE note missing or not \"yes\": this hypervisor is PAE-only", 0);
    return 0;
}

int elf_parse_guest(const void *image, size_t size, struct guest_image *gi,
                    char *err, size_t errlen)
{
    struct parse p = { image, size, gi, err, errlen, false, false, false };
    const Elf32_Ehdr *eh = image;
    const Elf32_Phdr *ph;

    memset(gi, 0, sizeof(*gi));
    gi->hypercall_page = ELF_ADDR_UNSET;
    gi->kstart = 0xFFFFFFFFU;
    if (check_header(&p, eh) < 0)
        return -1;
    ph = (const Elf32_Phdr *)(p.image + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_NOTE) {
            if (!in_image(&p, ph[i].p_offset, ph[i].p_filesz))
                return fail(&p, "note segment at offset %#x is truncated", ph[i].p_offset);
            if (parse_notes(&p, ph[i].p_offset, ph[i].p_filesz) < 0)
                return -1;
        }
    if (!p.have_xen_notes && find_legacy_section(&p, eh) < 0)
        return -1;
    if (check_notes(&p) < 0)
        return -1;
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && add_segment(&p, &ph[i]) < 0)
            return -1;
    if (gi->nr_segments == 0)
        return fail(&p, "no loadable segment", 0);
    if (p.want_symtab && find_symtab(&p, eh) < 0)
        return -1;
    if (!p.have_entry)
        gi->entry = eh->e_entry;
    if (gi->entry < gi->kstart || gi->entry >= gi->kend)
        return fail(&p, "entry point %#x is outside the loaded image", gi->entry);
    return 0;
}
