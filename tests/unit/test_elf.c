/*
 * test_elf.c - elf_parse_guest(): a good PV guest image built in memory,
 * and many malformed ones made by changing one thing in it.
 *
 * Every parse runs on an exactly-sized heap copy of the image, so
 * AddressSanitizer reports any read outside [image, image + size).
 */
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "elf.h"
#include "../../hypercall-abi/elfnote.h"

#define NR_PH       4
#define NOTE_OFF    0x100U
#define LOAD_OFF    0x400U
#define LOAD_SIZE   0x200U
#define IMG_SIZE    (LOAD_OFF + LOAD_SIZE)
#define LOAD_MEMSZ  0x2000U
#define VIRT_BASE   0xC0000000U
#define ENTRY       (VIRT_BASE + 0x20)
#define HC_PAGE     (VIRT_BASE + 0x1000)
#define NOTE(t)     (1U << (t))     /* a set of note types, for std_notes() */

enum { PH_NOTE, PH_LOAD, PH_EXTRA };

/* The guest image: header, program headers, note area, segment data. */
static struct image {
    Elf32_Ehdr eh;
    Elf32_Phdr ph[NR_PH];
    uint8_t pad[NOTE_OFF - sizeof(Elf32_Ehdr) - NR_PH * sizeof(Elf32_Phdr)];
    uint8_t notes[LOAD_OFF - NOTE_OFF];
    uint8_t load[LOAD_SIZE];
} img;
_Static_assert(offsetof(struct image, notes) == NOTE_OFF, "note area offset");
_Static_assert(sizeof(struct image) == IMG_SIZE, "image size");

static uint32_t notes_used;
static struct guest_image gi;
static char err[128];

/* ---- the image builder ---- */

static void add_note(const char *name, uint32_t type, const void *desc, uint32_t descsz)
{
    Elf32_Nhdr nh = { (uint32_t)strlen(name) + 1, descsz, type };
    uint32_t name_pad = ROUND_UP(nh.n_namesz, 4), at = notes_used;

    ck_assert_uint_le(at + sizeof(nh) + name_pad + ROUND_UP(descsz, 4), sizeof(img.notes));
    memcpy(img.notes + at, &nh, sizeof(nh));
    memcpy(img.notes + at + sizeof(nh), name, nh.n_namesz);
    memcpy(img.notes + at + sizeof(nh) + name_pad, desc, descsz);
    notes_used += sizeof(nh) + name_pad + ROUND_UP(descsz, 4);
    img.ph[PH_NOTE].p_filesz = notes_used;
}

static void xen_str(uint32_t type, const char *s)
{
    add_note(XEN_ELFNOTE_NAME, type, s, (uint32_t)strlen(s) + 1);
}

static void xen_num(uint32_t type, uint32_t v)
{
    uint8_t le[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

    add_note(XEN_ELFNOTE_NAME, type, le, sizeof(le));
}

static void clear_notes(void)
{
    memset(img.notes, 0, sizeof(img.notes));
    notes_used = 0;
    img.ph[PH_NOTE].p_filesz = 0;
}

/* A bare note header (and a 4-byte name) whose sizes the test chooses. */
static void raw_note(uint32_t namesz, uint32_t descsz, uint32_t type, const char name[4])
{
    Elf32_Nhdr nh = { namesz, descsz, type };

    memcpy(img.notes + notes_used, &nh, sizeof(nh));
    notes_used += sizeof(nh);
    if (name) {
        memcpy(img.notes + notes_used, name, 4);
        notes_used += 4;
    }
    img.ph[PH_NOTE].p_filesz = notes_used;
}

/* Append the notes of a good guest, minus the types in `skip`. */
static void append_std_notes(uint32_t skip)
{
    static const struct { uint32_t type; const char *str; uint32_t num; } std[] = {
        { XEN_ELFNOTE_GUEST_OS, "Ringleader-test", 0 },
        { XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 0 },
        { XEN_ELFNOTE_LOADER, "generic", 0 },
        { XEN_ELFNOTE_PAE_MODE, "yes", 0 },
        { XEN_ELFNOTE_VIRT_BASE, NULL, VIRT_BASE },
        { XEN_ELFNOTE_ENTRY, NULL, ENTRY },
        { XEN_ELFNOTE_HYPERCALL_PAGE, NULL, HC_PAGE },
    };

    for (size_t i = 0; i < ARRAY_SIZE(std); i++) {
        if (skip & NOTE(std[i].type))
            continue;
        if (std[i].str)
            xen_str(std[i].type, std[i].str);
        else
            xen_num(std[i].type, std[i].num);
    }
}

/* Replace the notes with those of a good guest, minus the types in `skip`. */
static void std_notes(uint32_t skip)
{
    clear_notes();
    append_std_notes(skip);
}

static void build_headers(void)
{
    memset(&img, 0, sizeof(img));
    memcpy(img.eh.e_ident, ELFMAG, 4);
    img.eh.e_ident[EI_CLASS] = ELFCLASS32;
    img.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    img.eh.e_ident[EI_VERSION] = EV_CURRENT;
    img.eh.e_type = ET_EXEC;
    img.eh.e_machine = EM_386;
    img.eh.e_version = EV_CURRENT;
    img.eh.e_entry = ENTRY;
    img.eh.e_phoff = offsetof(struct image, ph);
    img.eh.e_ehsize = sizeof(Elf32_Ehdr);
    img.eh.e_phentsize = sizeof(Elf32_Phdr);
    img.eh.e_phnum = 2;
    img.ph[PH_NOTE] = (Elf32_Phdr){ .p_type = PT_NOTE, .p_offset = NOTE_OFF, .p_align = 4 };
    img.ph[PH_LOAD] = (Elf32_Phdr){
        .p_type = PT_LOAD, .p_offset = LOAD_OFF, .p_vaddr = VIRT_BASE, .p_paddr = 0,
        .p_filesz = LOAD_SIZE, .p_memsz = LOAD_MEMSZ, .p_flags = 7, .p_align = 0x1000,
    };
    memset(img.load, 0x90, sizeof(img.load));
}

static void build_good(void)
{
    build_headers();
    std_notes(0);
}

/* The legacy form: no PT_NOTE, a "__xen_guest" section found via .shstrtab. */
#define LEGACY_TEXT "GUEST_OS=linux,XEN_VER=xen-3.0,VIRT_BASE=0xC0000000,PAE=yes," \
                    "LOADER=generic,HYPERCALL_PAGE=0x2"
enum { SH_TEXT = 0x20, SH_TABLE = 0x100, SH_GUEST = 2 };

static void build_legacy(const char *text)
{
    static const char shstrtab[] = "\0.shstrtab\0__xen_guest";
    Elf32_Shdr sh[3] = {
        [1] = { .sh_name = 1, .sh_type = 3, .sh_offset = NOTE_OFF, .sh_size = sizeof(shstrtab) },
        [SH_GUEST] = { .sh_name = 11, .sh_type = 1, .sh_offset = NOTE_OFF + SH_TEXT,
                       .sh_size = (uint32_t)strlen(text) },
    };

    build_headers();
    ck_assert_uint_lt(strlen(text), SH_TABLE - SH_TEXT);
    img.ph[PH_NOTE].p_type = 0;
    img.ph[PH_LOAD].p_paddr = VIRT_BASE;    /* old Xen Linux: LMA = VMA */
    memcpy(img.notes, shstrtab, sizeof(shstrtab));
    memcpy(img.notes + SH_TEXT, text, strlen(text));
    memcpy(img.notes + SH_TABLE, sh, sizeof(sh));
    img.eh.e_shoff = NOTE_OFF + SH_TABLE;
    img.eh.e_shentsize = sizeof(Elf32_Shdr);
    img.eh.e_shnum = 3;
    img.eh.e_shstrndx = 1;
}

static Elf32_Shdr *legacy_shdr(unsigned i)
{
    return (Elf32_Shdr *)(img.notes + SH_TABLE) + i;
}

/* ---- parsing ---- */

static int parse_prefix(size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    int rc;

    ck_assert_ptr_nonnull(copy);
    memcpy(copy, &img, size);
    memset(err, 0, sizeof(err));
    rc = elf_parse_guest(copy, size, &gi, err, sizeof(err));
    free(copy);
    return rc;
}

static int parse(void)
{
    return parse_prefix(IMG_SIZE);
}

/* Whatever was accepted must describe segments inside the file and extent. */
static void check_accepted_invariants(void)
{
    ck_assert_uint_gt(gi.nr_segments, 0);
    ck_assert_uint_le(gi.nr_segments, GUEST_MAX_SEGMENTS);
    ck_assert_uint_ge(gi.entry, gi.kstart);
    ck_assert_uint_lt(gi.entry, gi.kend);
    for (unsigned i = 0; i < gi.nr_segments; i++) {
        const struct guest_segment *s = &gi.seg[i];
        ck_assert_uint_le((uint64_t)s->file_offset + s->filesz, IMG_SIZE);
        ck_assert_uint_le(s->filesz, s->memsz);
        ck_assert_msg(s->va >= gi.kstart && (uint64_t)s->va + s->memsz <= gi.kend,
                      "segment %u [%#x, +%#x) lies outside [kstart %#x, kend %#x)",
                      i, s->va, s->memsz, gi.kstart, gi.kend);
    }
}

/* ---- good images ---- */

START_TEST(parses_good_image)
{
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.entry, ENTRY);
    ck_assert_uint_eq(gi.virt_base, VIRT_BASE);
    ck_assert_uint_eq(gi.paddr_offset, 0);
    ck_assert_uint_eq(gi.hypercall_page, HC_PAGE);
    ck_assert_str_eq(gi.xen_version, "xen-3.0");
    ck_assert_str_eq(gi.loader, "generic");
    ck_assert_str_eq(gi.guest_os, "Ringleader-test");
    ck_assert_str_eq(gi.pae_mode, "yes");
    ck_assert_uint_eq(gi.nr_segments, 1);
    ck_assert_uint_eq(gi.seg[0].file_offset, LOAD_OFF);
    ck_assert_uint_eq(gi.seg[0].filesz, LOAD_SIZE);
    ck_assert_uint_eq(gi.seg[0].memsz, LOAD_MEMSZ);
    ck_assert_uint_eq(gi.seg[0].va, VIRT_BASE);
    ck_assert_uint_eq(gi.kstart, VIRT_BASE);
    ck_assert_uint_eq(gi.kend, VIRT_BASE + LOAD_MEMSZ);
}
END_TEST

START_TEST(entry_defaults_to_e_entry)
{
    std_notes(NOTE(XEN_ELFNOTE_ENTRY));
    img.eh.e_entry = VIRT_BASE + 0x180;
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.entry, VIRT_BASE + 0x180);
}
END_TEST

START_TEST(entry_note_overrides_e_entry)
{
    img.eh.e_entry = 0x1234;
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.entry, ENTRY);
}
END_TEST

START_TEST(accepts_8_byte_numeric_note)
{
    static const uint8_t le64[8] = { 0x00, 0x00, 0x00, 0xC0, 0, 0, 0, 0 };

    std_notes(NOTE(XEN_ELFNOTE_VIRT_BASE));
    add_note(XEN_ELFNOTE_NAME, XEN_ELFNOTE_VIRT_BASE, le64, sizeof(le64));
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.virt_base, 0xC0000000U);
}
END_TEST

/* Segment va = p_paddr - PADDR_OFFSET + VIRT_BASE (no note: offset 0). */
static const struct {
    uint32_t virt_base, paddr_offset, p_paddr, va;
    bool has_offset;
} translations[] = {
    { 0xC0000000, 0, 0x00000000, 0xC0000000, false },
    { 0xC0000000, 0, 0x00100000, 0xC0100000, true },
    { 0xC0000000, 0xC0000000, 0xC0000000, 0xC0000000, true },
    { 0xC0000000, 0xC0000000, 0xC0100000, 0xC0100000, true },
    { 0x80000000, 0x00001000, 0x00003000, 0x80002000, true },
    { 0x00000000, 0, 0x00400000, 0x00400000, false },
};

START_TEST(paddr_offset_translates_segments)
{
    uint32_t va = translations[_i].va;

    std_notes(NOTE(XEN_ELFNOTE_VIRT_BASE) | NOTE(XEN_ELFNOTE_ENTRY) |
              NOTE(XEN_ELFNOTE_HYPERCALL_PAGE));
    xen_num(XEN_ELFNOTE_VIRT_BASE, translations[_i].virt_base);
    if (translations[_i].has_offset)
        xen_num(XEN_ELFNOTE_PADDR_OFFSET, translations[_i].paddr_offset);
    xen_num(XEN_ELFNOTE_ENTRY, va);
    img.ph[PH_LOAD].p_paddr = translations[_i].p_paddr;
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.paddr_offset, translations[_i].paddr_offset);
    ck_assert_uint_eq(gi.seg[0].va, va);
    ck_assert_uint_eq(gi.kstart, va);
    ck_assert_uint_eq(gi.kend, va + LOAD_MEMSZ);
    ck_assert_uint_eq(gi.hypercall_page, ELF_ADDR_UNSET);
}
END_TEST

START_TEST(skips_foreign_and_unknown_notes)
{
    clear_notes();
    add_note("GNU", 3, "\1\2\3\4\5", 5);        /* odd size: padded */
    add_note("Xenon", XEN_ELFNOTE_PAE_MODE, "no", 3);
    xen_str(XEN_ELFNOTE_FEATURES, "writable_page_tables");
    xen_num(99, 0);
    append_std_notes(0);
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_str_eq(gi.pae_mode, "yes");
}
END_TEST

/* libelf's rules: XEN_VERSION and LOADER are prefixes; GUEST_OS linux* stands in for LOADER. */
static const struct {
    uint32_t type;
    const char *value;
    uint32_t drop;      /* standard notes left out */
} accepted_notes[] = {
    { XEN_ELFNOTE_XEN_VERSION, "xen-3.0-unstable", NOTE(XEN_ELFNOTE_XEN_VERSION) },
    { XEN_ELFNOTE_LOADER, "generic-v2", NOTE(XEN_ELFNOTE_LOADER) },
    { XEN_ELFNOTE_GUEST_OS, "linux", NOTE(XEN_ELFNOTE_LOADER) | NOTE(XEN_ELFNOTE_GUEST_OS) },
    { XEN_ELFNOTE_GUEST_OS, "linux-2.6.18", NOTE(XEN_ELFNOTE_LOADER) | NOTE(XEN_ELFNOTE_GUEST_OS) },
};

START_TEST(accepts_libelf_note_variants)
{
    std_notes(accepted_notes[_i].drop);
    xen_str(accepted_notes[_i].type, accepted_notes[_i].value);
    ck_assert_msg(parse() == 0, "note %u \"%s\" rejected: %s", accepted_notes[_i].type,
                  accepted_notes[_i].value, err);
}
END_TEST

static const char *const pae_modes[] = { "yes", "yes[extended-cr3]", "bimodal" };

START_TEST(accepts_pae_modes)
{
    std_notes(NOTE(XEN_ELFNOTE_PAE_MODE));
    xen_str(XEN_ELFNOTE_PAE_MODE, pae_modes[_i]);
    ck_assert_msg(parse() == 0, "PAE_MODE %s rejected: %s", pae_modes[_i], err);
    ck_assert_str_eq(gi.pae_mode, pae_modes[_i]);
}
END_TEST

START_TEST(note_strings_are_bounded)
{
    char long_os[101];

    memset(long_os, 'a', 100);
    long_os[100] = '\0';
    std_notes(NOTE(XEN_ELFNOTE_GUEST_OS) | NOTE(XEN_ELFNOTE_LOADER));
    xen_str(XEN_ELFNOTE_GUEST_OS, long_os);
    add_note(XEN_ELFNOTE_NAME, XEN_ELFNOTE_LOADER, "generic", 7);   /* no NUL */
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(strlen(gi.guest_os), GUEST_NOTE_STR - 1);
    ck_assert_str_eq(gi.loader, "generic");
}
END_TEST

START_TEST(extent_covers_all_segments)
{
    img.eh.e_phnum = 4;
    img.ph[PH_EXTRA] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = LOAD_OFF,
                                     .p_paddr = 0x4000, .p_filesz = 0x100, .p_memsz = 0x1000 };
    img.ph[PH_EXTRA + 1] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_paddr = 0x8000 };  /* empty */
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.nr_segments, 2);
    ck_assert_uint_eq(gi.seg[1].va, VIRT_BASE + 0x4000);
    ck_assert_uint_eq(gi.kstart, VIRT_BASE);
    ck_assert_uint_eq(gi.kend, VIRT_BASE + 0x5000);
}
END_TEST

START_TEST(reads_legacy_xen_guest_section)
{
    build_legacy(LEGACY_TEXT);
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_str_eq(gi.guest_os, "linux");
    ck_assert_str_eq(gi.xen_version, "xen-3.0");
    ck_assert_str_eq(gi.loader, "generic");
    ck_assert_str_eq(gi.pae_mode, "yes");
    ck_assert_uint_eq(gi.paddr_offset, gi.virt_base);   /* the legacy default */
    ck_assert_uint_eq(gi.seg[0].va, VIRT_BASE);
    ck_assert_uint_eq(gi.entry, ENTRY);
}
END_TEST

START_TEST(legacy_section_needs_pae)
{
    build_legacy("GUEST_OS=linux,XEN_VER=xen-3.0,LOADER=generic");
    ck_assert_int_eq(parse(), -1);
    ck_assert_ptr_nonnull(strstr(err, "PAE_MODE"));
}
END_TEST

START_TEST(truncated_legacy_section_is_rejected)
{
    build_legacy(LEGACY_TEXT);
    legacy_shdr(SH_GUEST)->sh_size = IMG_SIZE;
    ck_assert_int_eq(parse(), -1);
    ck_assert_ptr_nonnull(strstr(err, "__xen_guest"));
}
END_TEST

/* _i = 0: notes form, 1: legacy form.  The segment data is last in both. */
START_TEST(truncated_image_is_rejected_at_every_length)
{
    if (_i)
        build_legacy(LEGACY_TEXT);
    for (size_t len = 0; len < IMG_SIZE; len++) {
        ck_assert_msg(parse_prefix(len) == -1, "accepted at %zu of %u bytes", len, IMG_SIZE);
        ck_assert_msg(err[0] != '\0', "no reason given at %zu bytes", len);
    }
    ck_assert_msg(parse_prefix(IMG_SIZE) == 0, "full image rejected: %s", err);
}
END_TEST

START_TEST(corrupted_headers_and_notes_are_handled)
{
    static const uint8_t values[] = { 0x00, 0x01, 0x7F, 0x80, 0xFF };

    for (size_t at = 0; at < LOAD_OFF; at++)
        for (size_t v = 0; v < sizeof(values); v++) {
            build_good();
            ((uint8_t *)&img)[at] = values[v];
            if (parse() == 0)
                check_accepted_invariants();
            else
                ck_assert_msg(err[0] != '\0', "byte %zu = %#x: no reason", at, values[v]);
        }
}
END_TEST

/* ---- malformed images: one change each, and the reason expected ---- */

static void bad_magic(void) { img.eh.e_ident[1] = 'e'; }
static void class_64(void) { img.eh.e_ident[EI_CLASS] = 2; }
static void big_endian(void) { img.eh.e_ident[EI_DATA] = 2; }
static void machine_x86_64(void) { img.eh.e_machine = 62; }
static void type_dyn(void) { img.eh.e_type = 3; }
static void phentsize_40(void) { img.eh.e_phentsize = 40; }
static void phnum_0(void) { img.eh.e_phnum = 0; }
static void phdrs_past_end(void) { img.eh.e_phoff = IMG_SIZE - sizeof(Elf32_Phdr); }
static void phoff_huge(void) { img.eh.e_phoff = 0xFFFFFFE0; }
static void phnum_huge(void) { img.eh.e_phnum = 0xFFFF; }
static void notes_past_end(void) { img.ph[PH_NOTE].p_filesz = IMG_SIZE; }
static void notes_offset_huge(void) { img.ph[PH_NOTE].p_offset = 0xFFFFFFF0; }
static void notes_size_wraps(void) { img.ph[PH_NOTE].p_filesz = 0xFFFFFF80; }
static void set_first_note(size_t field, uint32_t v) { memcpy(img.notes + field, &v, 4); }
static void namesz_huge(void) { set_first_note(offsetof(Elf32_Nhdr, n_namesz), 0xFFFFFFFF); }
static void descsz_huge(void) { set_first_note(offsetof(Elf32_Nhdr, n_descsz), 0xFFFFFFFF); }
/* Sizes that round up to 2^32 (0 in 32 bits), with good notes after them. */
static void namesz_wraps(void)
{
    clear_notes();
    raw_note(0xFFFFFFFD, 0, 1, NULL);
    append_std_notes(0);
}
static void descsz_wraps(void)
{
    clear_notes();
    raw_note(4, 0xFFFFFFFD, XEN_ELFNOTE_GUEST_VERSION, "Xen");
    append_std_notes(0);
}
/* A string note claiming 4 GiB, with no NUL before the end of the image. */
static void descsz_huge_unterminated(void)
{
    clear_notes();
    raw_note(4, 0xFFFFFFFF, XEN_ELFNOTE_LOADER, "Xen");
    memset(img.notes + notes_used, 'A', sizeof(img.notes) - notes_used);
    img.ph[PH_NOTE].p_filesz = sizeof(img.notes);
}
static void namesz_fills(void) { set_first_note(offsetof(Elf32_Nhdr, n_namesz), notes_used); }
static void last_note_cut(void) { img.ph[PH_NOTE].p_filesz -= 4; }
static void no_xen_version(void) { std_notes(NOTE(XEN_ELFNOTE_XEN_VERSION)); }
static void xen_version_2(void)
{
    std_notes(NOTE(XEN_ELFNOTE_XEN_VERSION));
    xen_str(XEN_ELFNOTE_XEN_VERSION, "xen-2.0");
}
static void no_loader(void) { std_notes(NOTE(XEN_ELFNOTE_LOADER)); }
static void loader_elf(void)
{
    std_notes(NOTE(XEN_ELFNOTE_LOADER));
    xen_str(XEN_ELFNOTE_LOADER, "elfloader");
}
static void gnu_linux_no_loader(void)
{
    std_notes(NOTE(XEN_ELFNOTE_LOADER) | NOTE(XEN_ELFNOTE_GUEST_OS));
    xen_str(XEN_ELFNOTE_GUEST_OS, "gnu/linux");
}
static void no_pae_mode(void) { std_notes(NOTE(XEN_ELFNOTE_PAE_MODE)); }
static void pae_mode_no(void)
{
    std_notes(NOTE(XEN_ELFNOTE_PAE_MODE));
    xen_str(XEN_ELFNOTE_PAE_MODE, "no");
}
static void only_gnu_notes(void)
{
    clear_notes();
    add_note("GNU", 1, "abcd", 4);
}
static void empty_notes(void) { img.ph[PH_NOTE].p_filesz = 0; }
static void entry_2_bytes(void)
{
    std_notes(NOTE(XEN_ELFNOTE_ENTRY));
    add_note(XEN_ELFNOTE_NAME, XEN_ELFNOTE_ENTRY, "\x20\x00", 2);
}
static void virt_base_above_4g(void)
{
    static const uint8_t le64[8] = { 0, 0, 0, 0xC0, 1, 0, 0, 0 };

    std_notes(NOTE(XEN_ELFNOTE_VIRT_BASE));
    add_note(XEN_ELFNOTE_NAME, XEN_ELFNOTE_VIRT_BASE, le64, 8);
}
static void filesz_over_memsz(void) { img.ph[PH_LOAD].p_filesz = LOAD_MEMSZ + 1; }
static void load_past_end(void) { img.ph[PH_LOAD].p_offset = IMG_SIZE - 0x100; }
static void load_offset_huge(void) { img.ph[PH_LOAD].p_offset = 0xFFFFFF00; }
static void load_wraps_4g(void) { img.ph[PH_LOAD].p_paddr = 0x3FFFF000; }
/* va = p_paddr - PADDR_OFFSET + VIRT_BASE = 0 - 0xC0001000 + 0xC0000000 < 0 */
static void load_below_zero(void) { xen_num(XEN_ELFNOTE_PADDR_OFFSET, VIRT_BASE + 0x1000); }
static void no_load(void) { img.ph[PH_LOAD].p_type = 0; }
static void load_empty(void) { img.ph[PH_LOAD].p_filesz = img.ph[PH_LOAD].p_memsz = 0; }
static void entry_at_kend(void)
{
    std_notes(NOTE(XEN_ELFNOTE_ENTRY));
    xen_num(XEN_ELFNOTE_ENTRY, VIRT_BASE + LOAD_MEMSZ);
}
static void entry_below(void)
{
    std_notes(NOTE(XEN_ELFNOTE_ENTRY));
    xen_num(XEN_ELFNOTE_ENTRY, VIRT_BASE - 4);
}
static void e_entry_outside(void)
{
    std_notes(NOTE(XEN_ELFNOTE_ENTRY));
    img.eh.e_entry = 0x1000;
}

static const struct malformed {
    const char *what;
    void (*mutate)(void);
    const char *reason;     /* expected in the error message */
} malformed[] = {
    { "bad magic", bad_magic, "not an ELF" },
    { "64-bit class", class_64, "32-bit" },
    { "big-endian", big_endian, "little-endian" },
    { "x86-64 machine", machine_x86_64, "i386" },
    { "ET_DYN", type_dyn, "executable" },
    { "phentsize 40", phentsize_40, "program header" },
    { "no phdrs", phnum_0, "program header" },
    { "phdr table past the end", phdrs_past_end, "program header table is truncated" },
    { "phoff near 4 GiB", phoff_huge, "program header table is truncated" },
    { "65535 phdrs", phnum_huge, "program header table is truncated" },
    { "note segment past the end", notes_past_end, "note segment" },
    { "note offset near 4 GiB", notes_offset_huge, "note segment" },
    { "note offset + size wraps", notes_size_wraps, "note segment" },
    { "namesz 0xFFFFFFFF", namesz_huge, "runs past" },
    { "descsz 0xFFFFFFFF", descsz_huge, "runs past" },
    { "namesz rounds up to 4 GiB", namesz_wraps, "runs past" },
    { "descsz rounds up to 4 GiB", descsz_wraps, "runs past" },
    { "unterminated string, descsz 4 GiB", descsz_huge_unterminated, "runs past" },
    { "namesz = whole note area", namesz_fills, "runs past" },
    { "last note cut short", last_note_cut, "runs past" },
    { "no XEN_VERSION", no_xen_version, "XEN_VERSION" },
    { "XEN_VERSION xen-2.0", xen_version_2, "XEN_VERSION" },
    { "no LOADER", no_loader, "LOADER" },
    { "LOADER elfloader", loader_elf, "LOADER" },
    { "GUEST_OS gnu/linux, no LOADER", gnu_linux_no_loader, "LOADER" },
    { "no PAE_MODE", no_pae_mode, "PAE_MODE" },
    { "PAE_MODE no", pae_mode_no, "PAE_MODE" },
    { "only GNU notes", only_gnu_notes, "no Xen ELF notes" },
    { "empty note segment", empty_notes, "no Xen ELF notes" },
    { "2-byte ENTRY", entry_2_bytes, "bad numeric value" },
    { "64-bit VIRT_BASE above 4 GiB", virt_base_above_4g, "bad numeric value" },
    { "filesz > memsz", filesz_over_memsz, "filesz > memsz" },
    { "segment data past the end", load_past_end, "truncated" },
    { "segment offset near 4 GiB", load_offset_huge, "truncated" },
    { "segment wraps 4 GiB", load_wraps_4g, "wraps" },
    { "segment va below 0", load_below_zero, "wraps" },
    { "no PT_LOAD", no_load, "no loadable segment" },
    { "only an empty PT_LOAD", load_empty, "no loadable segment" },
    { "ENTRY at kend", entry_at_kend, "entry point" },
    { "ENTRY below kstart", entry_below, "entry point" },
    { "e_entry outside, no ENTRY", e_entry_outside, "entry point" },
};

START_TEST(rejects_malformed_image)
{
    const struct malformed *m = &malformed[_i];

    m->mutate();
    ck_assert_msg(parse() == -1, "%s: accepted", m->what);
    ck_assert_msg(err[0] != '\0', "%s: empty error message", m->what);
    ck_assert_msg(strstr(err, m->reason) != NULL, "%s: error \"%s\" does not say \"%s\"",
                  m->what, err, m->reason);
}
END_TEST

/* ---- regressions ---- */

/* Legacy values are C numbers ("0x..." as Linux writes them), read as
 * Xen's strtoull(s, NULL, 0) does. */
START_TEST(legacy_hex_values_with_0x_prefix)
{
    build_legacy(LEGACY_TEXT);
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_msg(gi.virt_base == 0xC0000000U,
                  "legacy VIRT_BASE=0xC0000000 parsed as %#x", gi.virt_base);
    ck_assert_msg(gi.hypercall_page == 0xC0002000U,
                  "legacy HYPERCALL_PAGE=0x2 gave %#x", gi.hypercall_page);
}
END_TEST

/*
 * A segment ending exactly at 4 GiB must be refused: kend is a 32-bit
 * address and would wrap to 0, leaving the segment outside [kstart, kend)
 * and so outside the domain-memory check in layout.c.
 */
START_TEST(segment_ending_at_4gib_is_refused)
{
    img.eh.e_phnum = 3;
    img.ph[PH_EXTRA] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = LOAD_OFF,
                                     .p_paddr = 0x3FFFF000, .p_filesz = 0x100,
                                     .p_memsz = 0x1000 };   /* va [0xFFFFF000, 4 GiB) */
    ck_assert_msg(parse() < 0, "segment [%#x, 4 GiB) accepted, [kstart %#x, kend %#x)",
                  gi.seg[1].va, gi.kstart, gi.kend);
    ck_assert_msg(strstr(err, "wraps"), "error \"%s\" does not say \"wraps\"", err);
}
END_TEST

/* ---- BSD_SYMTAB ---- */

/* A section table in the segment's file bytes: null, .symtab, .strtab. */
enum { SYM_SHDRS = 0x100, SYM_DATA = 0x180, SYM_SIZE = 32, STR_DATA = 0x1A0, STR_SIZE = 13 };

static Elf32_Shdr *sym_shdr(unsigned i)
{
    return (Elf32_Shdr *)(img.load + SYM_SHDRS) + i;
}

static void build_symtab(void)
{
    build_good();
    xen_str(XEN_ELFNOTE_BSD_SYMTAB, "yes");
    img.eh.e_shoff = LOAD_OFF + SYM_SHDRS;
    img.eh.e_shentsize = sizeof(Elf32_Shdr);
    img.eh.e_shnum = 3;
    *sym_shdr(1) = (Elf32_Shdr){ .sh_name = 1, .sh_type = SHT_SYMTAB, .sh_offset = LOAD_OFF + SYM_DATA,
                                 .sh_size = SYM_SIZE, .sh_link = 2, .sh_entsize = 16 };
    *sym_shdr(2) = (Elf32_Shdr){ .sh_name = 9, .sh_type = SHT_STRTAB,
                                 .sh_offset = LOAD_OFF + STR_DATA, .sh_size = STR_SIZE };
}

#define KEND (VIRT_BASE + LOAD_MEMSZ)   /* without the symbols: 4-aligned */

START_TEST(symtab_is_placed_as_libelf_loads_it)
{
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.symtab.va, KEND);
    ck_assert_uint_eq(gi.symtab.str_va, KEND + BSD_SYMTAB_DATA + SYM_SIZE);
    ck_assert_uint_eq(gi.kend, KEND + BSD_SYMTAB_DATA + SYM_SIZE + STR_SIZE);
    ck_assert_uint_eq(gi.symtab.sym.sh_offset, LOAD_OFF + SYM_DATA);
    ck_assert_uint_eq(gi.symtab.str.sh_size, STR_SIZE);
}
END_TEST

START_TEST(symtab_header_is_libelfs)
{
    struct bsd_symtab_header h;
    static const uint8_t zero[sizeof(Elf32_Shdr)];

    ck_assert_msg(parse() == 0, "rejected: %s", err);
    memset(&h, 0xAA, sizeof(h));
    elf_symtab_header(&img, &gi, &h);
    ck_assert_uint_eq(h.size, BSD_SYMTAB_DATA - 4 + SYM_SIZE + STR_SIZE);
    ck_assert_mem_eq(h.ehdr.e_ident, ELFMAG, 4);
    ck_assert_uint_eq(h.ehdr.e_entry, ENTRY);
    ck_assert_uint_eq(h.ehdr.e_shoff, BSD_SYMTAB_SHOFF);
    ck_assert_uint_eq(h.ehdr.e_shnum, 3);
    ck_assert_uint_eq(h.ehdr.e_shentsize, sizeof(Elf32_Shdr));
    ck_assert_uint_eq(h.ehdr.e_ehsize, sizeof(Elf32_Ehdr));
    ck_assert_uint_eq(h.ehdr.e_phoff + h.ehdr.e_phnum + h.ehdr.e_phentsize + h.ehdr.e_shstrndx, 0);
    ck_assert_mem_eq(h.ehdr_room, zero, sizeof(h.ehdr_room));
    ck_assert_mem_eq(&h.shdr[0], zero, sizeof(h.shdr[0]));
    ck_assert_uint_eq(h.shdr[1].sh_type, SHT_SYMTAB);
    ck_assert_uint_eq(h.shdr[1].sh_offset, BSD_SYMTAB_DATA - 4);
    ck_assert_uint_eq(h.shdr[1].sh_link, 2);
    ck_assert_uint_eq(h.shdr[1].sh_size, SYM_SIZE);
    ck_assert_uint_eq(h.shdr[2].sh_type, SHT_STRTAB);
    ck_assert_uint_eq(h.shdr[2].sh_offset, BSD_SYMTAB_DATA - 4 + SYM_SIZE);
}
END_TEST

/* The string table starts 4-aligned after an odd-sized symbol table. */
START_TEST(string_table_is_4_aligned)
{
    sym_shdr(1)->sh_size = SYM_SIZE - 3;
    ck_assert_msg(parse() == 0, "rejected: %s", err);
    ck_assert_uint_eq(gi.symtab.str_va, KEND + BSD_SYMTAB_DATA + SYM_SIZE);
}
END_TEST

/* What leaves the image loaded without symbols, as libelf does. */
static const struct {
    const char *why;
    const char *note;           /* the note's value; NULL: as built */
    uint32_t sym_type, link, str_type;
} no_symbols[] = {
    { "note \"no\"", "no", SHT_SYMTAB, 2, SHT_STRTAB },
    { "note \"yes \"", "yes ", SHT_SYMTAB, 2, SHT_STRTAB },
    { "no SHT_SYMTAB", NULL, 1, 2, SHT_STRTAB },
    { "link 0", NULL, SHT_SYMTAB, 0, SHT_STRTAB },
    { "link past the table", NULL, SHT_SYMTAB, 3, SHT_STRTAB },
    { "link to no SHT_STRTAB", NULL, SHT_SYMTAB, 2, 1 },
};

START_TEST(loads_no_symbols_when_libelf_would_not)
{
    if (no_symbols[_i].note) {
        std_notes(0);
        xen_str(XEN_ELFNOTE_BSD_SYMTAB, no_symbols[_i].note);
    }
    sym_shdr(1)->sh_type = no_symbols[_i].sym_type;
    sym_shdr(1)->sh_link = no_symbols[_i].link;
    sym_shdr(2)->sh_type = no_symbols[_i].str_type;
    ck_assert_msg(parse() == 0, "%s: rejected: %s", no_symbols[_i].why, err);
    ck_assert_msg(gi.symtab.va == 0, "%s: symbols placed at %#x", no_symbols[_i].why, gi.symtab.va);
    ck_assert_uint_eq(gi.kend, KEND);
}
END_TEST

START_TEST(truncated_symbols_are_refused)
{
    sym_shdr(_i + 1)->sh_size = IMG_SIZE;
    ck_assert_int_eq(parse(), -1);
    ck_assert_ptr_nonnull(strstr(err, "symbol table"));
}
END_TEST

START_TEST(truncated_section_table_is_refused)
{
    img.eh.e_shnum = 100;
    ck_assert_int_eq(parse(), -1);
    ck_assert_ptr_nonnull(strstr(err, "section header table"));
}
END_TEST

START_TEST(symbols_wrapping_4gib_are_refused)
{
    img.eh.e_phnum = 3;
    img.ph[PH_EXTRA] = (Elf32_Phdr){ .p_type = PT_LOAD, .p_offset = LOAD_OFF,
                                     .p_paddr = 0x3FFFE000, .p_filesz = 0x100,
                                     .p_memsz = 0x1F00 };   /* to 0xFFFFFF00 */
    ck_assert_int_eq(parse(), -1);
    ck_assert_ptr_nonnull(strstr(err, "wraps"));
}
END_TEST

Suite *elf_suite(void)
{
    Suite *s = suite_create("elf");
    TCase *good = tcase_create("good_images");
    TCase *bad = tcase_create("malformed_images");
    TCase *symtab = tcase_create("bsd_symtab");
    TCase *regressions = tcase_create("regressions");

    tcase_add_checked_fixture(good, build_good, NULL);
    tcase_add_test(good, parses_good_image);
    tcase_add_test(good, entry_defaults_to_e_entry);
    tcase_add_test(good, entry_note_overrides_e_entry);
    tcase_add_test(good, accepts_8_byte_numeric_note);
    tcase_add_loop_test(good, paddr_offset_translates_segments, 0, ARRAY_SIZE(translations));
    tcase_add_test(good, skips_foreign_and_unknown_notes);
    tcase_add_loop_test(good, accepts_libelf_note_variants, 0, ARRAY_SIZE(accepted_notes));
    tcase_add_loop_test(good, accepts_pae_modes, 0, ARRAY_SIZE(pae_modes));
    tcase_add_test(good, note_strings_are_bounded);
    tcase_add_test(good, extent_covers_all_segments);
    tcase_add_test(good, reads_legacy_xen_guest_section);
    suite_add_tcase(s, good);

    tcase_add_checked_fixture(bad, build_good, NULL);
    tcase_add_loop_test(bad, rejects_malformed_image, 0, ARRAY_SIZE(malformed));
    tcase_add_test(bad, legacy_section_needs_pae);
    tcase_add_test(bad, truncated_legacy_section_is_rejected);
    tcase_add_loop_test(bad, truncated_image_is_rejected_at_every_length, 0, 2);
    tcase_add_test(bad, corrupted_headers_and_notes_are_handled);
    tcase_set_timeout(bad, 30);
    suite_add_tcase(s, bad);

    tcase_add_checked_fixture(symtab, build_symtab, NULL);
    tcase_add_test(symtab, symtab_is_placed_as_libelf_loads_it);
    tcase_add_test(symtab, symtab_header_is_libelfs);
    tcase_add_test(symtab, string_table_is_4_aligned);
    tcase_add_loop_test(symtab, loads_no_symbols_when_libelf_would_not, 0, ARRAY_SIZE(no_symbols));
    tcase_add_loop_test(symtab, truncated_symbols_are_refused, 0, 2);
    tcase_add_test(symtab, truncated_section_table_is_refused);
    tcase_add_test(symtab, symbols_wrapping_4gib_are_refused);
    suite_add_tcase(s, symtab);

    tcase_add_checked_fixture(regressions, build_good, NULL);
    tcase_add_test(regressions, legacy_hex_values_with_0x_prefix);
    tcase_add_test(regressions, segment_ending_at_4gib_is_refused);
    suite_add_tcase(s, regressions);
    return s;
}
