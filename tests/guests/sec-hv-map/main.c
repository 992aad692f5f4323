/*
 * sec-hv-map: a hostile guest kernel maps, from ring 1, what it can reach
 * of the hypervisor area, from HYPERVISOR_VIRT_START (0xF5800000) to
 * 4 GiB, beside a witness domain (issue 10).
 *
 * (a) The sweep.  Every page gets a 4-byte read, then a 4-byte write, and
 *     is classified: not present (read #PF error code 0, write #PF 2),
 *     read-only (read, then write #PF 3), read-write, or odd (any other
 *     fault, error code, CR2 or EIP).  A readable word is stored straight
 *     back, so that where the write goes through nothing changes.
 * (b) Named samples, classified the same way: NAME=HEX words on the
 *     command line, which test.conf takes from the hypervisor's symbols
 *     (`nm`) and the fixed map; *NAME=HEX names a pointer variable, and
 *     where it points is sampled too if the pointer can be read.  Two more
 *     the guest finds itself, in the M2P, which it may read: a frame of
 *     another domain (the witness) and one of its own, each at its
 *     direct-map address 0xF8000000 + mfn * 4 KiB.
 *
 * expect=split: a guest's address space keeps, of the hypervisor area,
 * only the M2P, the per-domain GDT pages and LDT window, and the entry
 * area (code and the IDT/TSS page read-only, CPU 0's entry stack
 * read-write, a guard page below it).  The guest passes iff every other
 * page is not present (read #PF 0, write #PF 2), every write but to the
 * entry stack faults, and so does every sample; test.conf adds that the
 * banner names split mode and that the witness finishes intact.
 *
 * expect=segments-hole: segment limits are the only barrier, and the CPU
 * (QEMU's TCG) ignores them, as the hypervisor's banner warned.  The guest
 * only reads, so that it damages nothing it reaches, and passes iff it
 * confirms the hole: hypervisor pages readable beyond what split mode
 * leaves, its own frame's bytes seen through the direct map, and the
 * witness's frame readable there.  That the hole is announced is
 * test.conf's check.
 */
#include "../lib/traps.h"
#include "../lib/expect.h"
#include "../../../guest-kernel/pmap.h"

const char test_title[] = "ring 1 reaches no hypervisor page but the M2P, descriptor pages and entry area";

#define PAGE 4096U
#define HV_START MACH2PHYS_VIRT_START
#define SWEEP_PAGES ((uint32_t)((0x100000000ULL - HV_START) / PAGE))    /* 43008 */

/* The map a split-mode guest sees (issue 10), and the hypervisor's. */
#define MAPCACHE     0xF6800000U
#define GDT_PAGES_VA 0xF6A00000U        /* 16 pages of GDT, read-only */
#define LDT_WINDOW   0xF6A10000U        /* 16 pages, present only in use */
#define LDT_END      0xF6A20000U
#define ENTRY_AREA   0xF6C00000U        /* entry code, IDT+TSS: read-only */
#define ENTRY_END    0xF6E00000U
#define ENTRY_STACK  0xF6C0A000U        /* CPU 0's: the vCPU's own registers */
#define ENTRY_GUARD  (ENTRY_STACK - PAGE)
#define DIRECTMAP    0xF8000000U
#define DIRECTMAP_END 0xFF800000U
#define DIRECTMAP_FRAMES ((DIRECTMAP_END - DIRECTMAP) / PAGE)

#define VEC_PF 14
#define PF_P 1U
#define PF_W 2U
#define M2P_NONE 0xFFFFFFFFU

/* Where a page is, for the report. */
static const struct area {
    uint32_t start, last;               /* last page, so that 4 GiB fits */
    const char *name;
} areas[] = {
    { MACH2PHYS_VIRT_START, MAPCACHE - PAGE, "M2P" },
    { MAPCACHE, GDT_PAGES_VA - PAGE, "map cache" },
    { GDT_PAGES_VA, LDT_WINDOW - PAGE, "GDT pages" },
    { LDT_WINDOW, LDT_END - PAGE, "LDT window" },
    { LDT_END, ENTRY_AREA - PAGE, "per-domain rest" },
    { ENTRY_AREA, ENTRY_END - PAGE, "entry area" },
    { ENTRY_END, DIRECTMAP - PAGE, "unused" },
    { DIRECTMAP, DIRECTMAP_END - PAGE, "direct map" },
    { DIRECTMAP_END, 0xFFFFF000U, "top" },
};

static const char *area_of(uint32_t va)
{
    for (unsigned i = 0; i < ARRAY_SIZE(areas); i++)
        if (va >= areas[i].start && va <= areas[i].last)
            return areas[i].name;
    return "below the hypervisor";
}

enum page_class { C_ABSENT, C_RO, C_RW, C_READABLE, C_ODD, NR_CLASSES };
static const char *const class_names[NR_CLASSES] = {
    "not present", "read-only", "read-write", "readable", "odd",
};

struct access {
    bool ok;
    uint32_t vector, ec, cr2, value;
    bool eip_ok;                        /* the fault was the probe's */
};

static struct access faulted(void)
{
    return (struct access){ false, last_fault.vector, last_fault.error_code, last_fault.cr2, 0,
                            last_fault.eip == fault_insn_eip };
}

static struct access read_word(uint32_t va)
{
    uint32_t v = 0;

    if (EXPECT_FAULT("movl (%1), %0", : "=r" (v) : "r" (va) : "memory").happened)
        return faulted();
    return (struct access){ .ok = true, .value = v };
}

static struct access write_zero(uint32_t va)
{
    if (EXPECT_FAULT("movl %0, (%1)", : : "r" (0), "r" (va) : "memory").happened)
        return faulted();
    return (struct access){ .ok = true };
}

/*
 * Read the word at va and store it back.  The two are one run of
 * instructions without a branch, so under TCG, which takes interrupts
 * only between translated blocks, nothing else (no other domain, no
 * hypervisor code) runs between them: where the store goes through (the
 * hole of segments mode on TCG), it writes the value the word still
 * holds.  A fault in either resumes after the store; `stage` says how far
 * it got.  A word that cannot be read gets a plain write of 0 instead.
 */
static void read_write_back(uint32_t va, struct access *r, struct access *w)
{
    uint32_t v, stage = 0;

    last_fault.happened = false;
    __asm__ volatile ("movl $1f, fault_insn_eip\n\t"
                      "movl $3f, fault_resume_eip\n"
                      "1:\tmovl (%[va]), %[v]\n\t"
                      "movl $1, %[stage]\n\t"
                      "movl $2f, fault_insn_eip\n"
                      "2:\tmovl %[v], (%[va])\n\t"
                      "movl $2, %[stage]\n"
                      "3:\tmovl $0, fault_resume_eip"
                      : [v] "=&r" (v), [stage] "+&r" (stage) : [va] "r" (va) : "memory");
    if (stage == 0) {
        *r = faulted();
        *w = write_zero(va);
        return;
    }
    *r = (struct access){ .ok = true, .value = v };
    *w = stage == 1 ? faulted() : (struct access){ .ok = true };
}

/* The #PF we expect, with this error code, at this address.  A fault in
 * the LDT window is reported at the guest's own LDT address instead, as
 * Xen does (the vCPU's LDT base + offset), so its CR2 is not compared. */
static bool is_pf(struct access a, uint32_t va, uint32_t ec)
{
    bool ldt = va >= LDT_WINDOW && va < LDT_END;

    return !a.ok && a.vector == VEC_PF && a.ec == ec && a.eip_ok && (ldt || a.cr2 == va);
}

static void describe(char *buf, size_t len, struct access a, bool tried, bool read)
{
    if (!tried)
        snprintf(buf, len, "not tried");
    else if (a.ok && read)
        snprintf(buf, len, "ok (%#x)", a.value);
    else if (a.ok)
        snprintf(buf, len, "ok");
    else
        snprintf(buf, len, "%s ec %#x cr2 %#x%s",
                 a.vector == VEC_PF ? "#PF" : a.vector == 13 ? "#GP" : "fault",
                 a.ec, a.cr2, a.eip_ok ? "" : " elsewhere");
}

/* The first odd pages, for the report. */
#define ODD_KEPT 8
static struct { uint32_t va; struct access r, w; } odd[ODD_KEPT];
static unsigned nr_odd;

static bool writes;                     /* expect=split: read, then write */

static enum page_class classify(uint32_t va, struct access *r, struct access *w)
{
    *w = (struct access){ 0 };
    if (!writes) {
        *r = read_word(va);
        return r->ok ? C_READABLE : is_pf(*r, va, 0) ? C_ABSENT : C_ODD;
    }
    read_write_back(va, r, w);
    if (r->ok && w->ok)
        return C_RW;
    if (r->ok && is_pf(*w, va, PF_P | PF_W))
        return C_RO;
    if (is_pf(*r, va, 0) && is_pf(*w, va, PF_W))
        return C_ABSENT;
    return C_ODD;
}

/* What split mode may leave at va (any page may be absent). */
static bool split_allows(uint32_t va, enum page_class c)
{
    if (c == C_ABSENT)
        return true;
    if (va == ENTRY_STACK)
        return c == C_RO || c == C_RW;
    if (c != C_RO)
        return false;
    return (va >= MACH2PHYS_VIRT_START && va < MACH2PHYS_VIRT_END) ||
           (va >= GDT_PAGES_VA && va < LDT_END) ||
           (va >= ENTRY_AREA && va < ENTRY_END && va != ENTRY_GUARD);
}

/* Readable hypervisor memory that split mode would not leave. */
static bool beyond_split(uint32_t va, enum page_class c)
{
    return (c == C_RO || c == C_RW || c == C_READABLE) && !split_allows(va, C_RO) &&
           va != ENTRY_STACK;
}

static bool readable(enum page_class c)
{
    return c == C_RO || c == C_RW || c == C_READABLE;
}

static uint8_t classes[SWEEP_PAGES];
static unsigned counts[NR_CLASSES];

static uint64_t rdtsc(void)
{
    uint64_t t;

    __asm__ volatile ("lfence\n\trdtsc" : "=A" (t) : : "memory");
    return t;
}

static void sweep(void)
{
    uint64_t t0 = rdtsc(), t1;

    for (uint32_t i = 0; i < SWEEP_PAGES; i++) {
        uint32_t va = HV_START + i * PAGE;
        struct access r, w;
        enum page_class c = classify(va, &r, &w);
        classes[i] = (uint8_t)c;
        counts[c]++;
        if (c == C_ODD && nr_odd < ODD_KEPT) {
            odd[nr_odd].va = va;
            odd[nr_odd].r = r;
            odd[nr_odd++].w = w;
        }
    }
    t1 = rdtsc();
    printf("sweep: %u pages %#x-%#x, each read%s, in %llu M TSC cycles\n", SWEEP_PAGES,
           HV_START, HV_START + (SWEEP_PAGES - 1) * PAGE, writes ? " then written" : "",
           (unsigned long long)((t1 - t0) / 1000000));
    printf("sweep: %u not present, %u read-only, %u read-write, %u readable, %u odd\n",
           counts[C_ABSENT], counts[C_RO], counts[C_RW], counts[C_READABLE], counts[C_ODD]);
}

#define RUNS_SHOWN 40

/* Each run of readable pages of one class, marked where split mode
 * forbids it (reading only: where split mode would leave nothing
 * readable); returns the number of pages split mode forbids. */
static uint32_t report_runs(void)
{
    unsigned runs = 0;
    uint32_t forbidden = 0;

    for (uint32_t i = 0; i < SWEEP_PAGES;) {
        uint32_t j = i, bad = 0, beyond = 0, first = HV_START + i * PAGE, last;
        enum page_class c = classes[i];
        for (; j < SWEEP_PAGES && classes[j] == c; j++) {
            bad += !split_allows(HV_START + j * PAGE, c);
            beyond += beyond_split(HV_START + j * PAGE, c);
        }
        forbidden += bad;
        last = HV_START + (j - 1) * PAGE;
        if (readable(c) && runs++ < RUNS_SHOWN)
            printf("run: %-10s %#x-%#x %5u pages, %s%s%s%s\n", class_names[c], first, last,
                   j - i, area_of(first), area_of(first) == area_of(last) ? "" : " to ",
                   area_of(first) == area_of(last) ? "" : area_of(last),
                   writes && bad ? "  <- not allowed in split mode"
                   : beyond ? "  <- split mode leaves nothing here" : "");
        i = j;
    }
    if (runs > RUNS_SHOWN)
        printf("run: ... and %u more readable runs\n", runs - RUNS_SHOWN);
    for (unsigned k = 0; k < nr_odd; k++) {
        char r[64], w[64];
        describe(r, sizeof(r), odd[k].r, true, true);
        describe(w, sizeof(w), odd[k].w, writes, false);
        printf("odd: %#x (%s): read %s, write %s\n", odd[k].va, area_of(odd[k].va), r, w);
    }
    return forbidden;
}

/* Each forbidden page, counted by area. */
static void report_forbidden_areas(void)
{
    for (unsigned a = 0; a < ARRAY_SIZE(areas); a++) {
        uint32_t n = 0, readable_n = 0;
        for (uint32_t va = areas[a].start;; va += PAGE) {
            enum page_class c = classes[(va - HV_START) / PAGE];
            n += !split_allows(va, c);
            readable_n += beyond_split(va, c);
            if (va == areas[a].last)
                break;
        }
        if (n)
            printf("forbidden: %s: %u pages (%u of them readable)\n", areas[a].name, n,
                   readable_n);
    }
}

/* The samples: the command line's, then the guest's own finds. */
#define MAX_SAMPLES 40
static struct sample {
    char name[32];
    uint32_t va;
    bool pointer;
    enum page_class c;
    struct access r, w;
} samples[MAX_SAMPLES];
static unsigned nr_samples;

static struct sample *add_sample(const char *name, size_t len, uint32_t va, bool pointer)
{
    struct sample *s;

    if (nr_samples == MAX_SAMPLES) {
        test_error("more than %u samples", MAX_SAMPLES);
        return NULL;
    }
    s = &samples[nr_samples++];
    if (len > sizeof(s->name) - 1)
        len = sizeof(s->name) - 1;
    memcpy(s->name, name, len);
    s->name[len] = '\0';
    s->va = va & ~3U;                   /* whole words, never across a page */
    s->pointer = pointer;
    return s;
}

static bool parse_hex(const char *s, size_t len, uint32_t *out)
{
    uint32_t v = 0;

    if (len < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || len > 10)
        return false;
    for (size_t i = 2; i < len; i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
        if (d == 16)
            return false;
        v = v << 4 | d;
    }
    *out = v;
    return true;
}

/* The '=' in a word of len bytes, or the word's end. */
static const char *find_eq(const char *word, size_t len)
{
    size_t i = 0;

    while (i < len && word[i] != '=')
        i++;
    return word + i;
}

/* expect=MODE and NAME=HEX / *NAME=HEX words; mem= is the hypervisor's. */
static void parse_cmdline(char *mode, size_t mode_len)
{
    const char *p = start_info->cmd_line;

    mode[0] = '\0';
    while (*p) {
        const char *word = p, *eq;
        size_t len = 0, klen;
        uint32_t va;
        while (p[len] && p[len] != ' ')
            len++;
        p += len;
        while (*p == ' ')
            p++;
        if (!len)
            continue;
        eq = find_eq(word, len);
        klen = (size_t)(eq - word);
        if (eq == word + len)
            test_error("argument '%.*s' is not NAME=VALUE", (int)len, word);
        else if (klen == 6 && !strncmp(word, "expect", 6))
            snprintf(mode, mode_len, "%.*s", (int)(len - 7), eq + 1);
        else if (klen == 3 && !strncmp(word, "mem", 3))
            continue;
        else if (!parse_hex(eq + 1, len - klen - 1, &va) || va < HV_START)
            test_error("sample '%.*s': not an address in the hypervisor area", (int)len, word);
        else if (word[0] == '*')
            add_sample(word + 1, klen - 1, va, true);
        else
            add_sample(word, klen, va, false);
    }
}

/* The M2P entries the guest can read: its readable pages from the start. */
static uint32_t m2p_entries(void)
{
    uint32_t pages = 0;

    while (HV_START + pages * PAGE < MACH2PHYS_VIRT_END && readable(classes[pages]))
        pages++;
    return pages * (PAGE / MACH2PHYS_ENTRY_SIZE);
}

static struct sample *witness, *own;
static uint32_t own_pfn;

/*
 * A frame with a valid pfn in the M2P that the guest's own P2M list does
 * not map back belongs to another domain: beside this one, the witness.
 * One of each kind below the direct map's end becomes a sample at its
 * direct-map address (the builder puts a domain's P2M list there).
 */
static void find_frames(void)
{
    const uint32_t *m2p = (const uint32_t *)(uintptr_t)MACH2PHYS_VIRT_START;
    const uint32_t *p2m = (const uint32_t *)(uintptr_t)start_info->mfn_list;
    uint32_t n = m2p_entries(), foreign = 0, foreign_mapped = 0;

    for (uint32_t mfn = 0; mfn < n; mfn++) {
        uint32_t pfn = m2p[mfn];
        bool direct = mfn < DIRECTMAP_FRAMES;
        if (pfn == M2P_NONE)
            continue;
        if (pfn < start_info->nr_pages && p2m[pfn] == mfn) {
            if (direct && !own) {
                own = add_sample("own-frame", 9, DIRECTMAP + mfn * PAGE, false);
                own_pfn = pfn;
            }
            continue;
        }
        foreign++;
        if (direct && !foreign_mapped++) {
            witness = add_sample("witness-frame", 13, DIRECTMAP + mfn * PAGE, false);
            printf("witness: mfn %#x (its pfn %#x) at %#x\n", mfn, pfn, DIRECTMAP + mfn * PAGE);
        }
    }
    printf("M2P: %u entries readable, %u frames of other domains, %u of them direct-mapped\n",
           n, foreign, foreign_mapped);
    if (!witness)
        test_error("no frame of another domain in the direct map: is the witness running?");
    if (!own)
        test_error("none of this domain's frames is in the direct map");
}

/* Sample each address; a readable pointer adds a sample of its target. */
static unsigned take_samples(void)
{
    unsigned bad = 0;

    for (unsigned i = 0; i < nr_samples; i++) {
        struct sample *s = &samples[i];
        char r[64], w[64];
        bool allowed;
        s->c = classify(s->va, &s->r, &s->w);
        allowed = split_allows(s->va & ~(PAGE - 1), s->c);
        bad += writes && !allowed;
        describe(r, sizeof(r), s->r, true, true);
        describe(w, sizeof(w), s->w, writes, false);
        printf("sample: %-16s %#x %-15s read %s, write %s: %s%s\n", s->name, s->va,
               area_of(s->va), r, w, class_names[s->c],
               !writes ? "" : allowed ? "" : "  <- not allowed in split mode");
        if (s->pointer && s->r.ok) {
            char name[40];
            snprintf(name, sizeof(name), "%s->", s->name);
            if (s->r.value >= HV_START)
                add_sample(name, strlen(name), s->r.value, false);
            else
                printf("sample: %s holds %#x, below the hypervisor area\n", s->name, s->r.value);
        }
    }
    return bad;
}

static void verdict_split(uint32_t forbidden, unsigned bad_samples)
{
    if (forbidden) {
        report_forbidden_areas();
        test_failure("%u pages are reachable (or fault oddly) where split mode leaves nothing",
                     forbidden);
    }
    if (bad_samples)
        test_failure("%u of %u samples are reachable (or fault oddly)", bad_samples, nr_samples);
    if (forbidden || bad_samples)
        return;
    printf("split: no hypervisor page is readable beyond the M2P, descriptor pages and "
           "entry area; every write but to the entry stack faulted\n");
    test_success();
}

static void verdict_hole(void)
{
    uint32_t beyond = 0;
    bool ok = true;

    for (uint32_t i = 0; i < SWEEP_PAGES; i++)
        beyond += beyond_split(HV_START + i * PAGE, classes[i]);
    if (!beyond) {
        test_failure("no hypervisor page beyond the M2P, descriptor pages and entry area "
                     "is readable: the hole the banner warned of is not there (%u odd pages)",
                     counts[C_ODD]);
        ok = false;
    }
    if (own && own->r.ok) {
        if (memcmp(pfn_to_virt(_pfn(own_pfn)), (const void *)(uintptr_t)own->va, PAGE))
            test_failure("own pfn %#x reads differently through the direct map at %#x",
                         own_pfn, own->va);
        else
            printf("hole: own pfn %#x reads the same through the direct map at %#x\n",
                   own_pfn, own->va);
    } else if (own) {
        test_failure("own frame not readable through the direct map at %#x", own->va);
        ok = false;
    }
    if (witness && witness->r.ok)
        printf("hole: the witness's frame at %#x reads %#x\n", witness->va, witness->r.value);
    else if (witness) {
        test_failure("the witness's frame is not readable at %#x", witness->va);
        ok = false;
    }
    if (!ok || !own || !witness)
        return;
    printf("hole confirmed: %u hypervisor pages readable from ring 1 beyond the M2P, "
           "descriptor pages and entry area\n", beyond);
    test_success();
}

void test_main(void)
{
    char mode[24];
    uint32_t forbidden;
    unsigned bad_samples;

    expect_rc("set_trap_table", traps_init(), 0);
    parse_cmdline(mode, sizeof(mode));
    if (!strcmp(mode, "split")) {
        writes = true;
    } else if (strcmp(mode, "segments-hole")) {
        test_error("expect=%s: expected expect=split or expect=segments-hole", mode);
        return;
    }
    printf("expect=%s: %s\n", mode, writes ? "read, then write back, every page"
                                           : "only read, to damage nothing");
    sweep();
    forbidden = report_runs();
    find_frames();
    bad_samples = take_samples();
    if (writes)
        verdict_split(forbidden, bad_samples);
    else
        verdict_hole();
}
