/*
 * main.c - start of day: from boot.S's jump to the first guest instruction.
 *
 *   serial console -> multiboot info -> boot memory -> page tables, M2P,
 *   frame table -> GDT/IDT/TSS, PIC -> seal read-only tables -> probe
 *   segment limits, choose the isolation mode -> one domain per module ->
 *   the scheduler
 */
#include "hv.h"
#include "serial.h"
#include "multiboot.h"
#include "bootmem.h"
#include "frame.h"
#include "paging.h"
#include "desc.h"
#include "trap.h"
#include "domain_build.h"
#include "domain.h"
#include "sched.h"
#include "asm.h"
#include "x86.h"
#include "cmdline.h"
#include "bench.h"
#include "isolation.h"

#define LOW_MEMORY_END 0x100000ULL      /* BIOS data, EBDA, option ROMs */

extern char _end[];

static struct boot_info boot_info;

static void release_free_range(paddr_t start, paddr_t end)
{
    frames_release(maddr_to_mfn(start), maddr_to_mfn(end));
}

#define REASON_LEN 160

/* Refuse a module before any domain exists: its RAM goes back to bootmem. */
static void refuse_module(struct boot_module *m, const char *why)
{
    printk("module '%s' refused: %s\n", m->cmdline, why);
    bootmem_unreserve(m->start, m->end);
    m->refused = true;
}

/* The largest module that holds RAM in the direct map, or NULL. */
static struct boot_module *largest_low_module(void)
{
    struct boot_module *largest = NULL;

    for (unsigned i = 0; i < boot_info.nr_modules; i++) {
        struct boot_module *m = &boot_info.modules[i];
        if (!m->refused && m->start < DIRECTMAP_SIZE &&
            (!largest || m->end - m->start > largest->end - largest->start))
            largest = m;
    }
    return largest;
}

/*
 * The frame table, the M2P and the hypervisor's L1s are allocated from
 * bootmem in the direct map, around the modules.  A module so big that
 * they do not fit there would stop the hypervisor before anything runs:
 * refuse modules instead, the largest first, until they fit, so that the
 * others still become domains.
 */
static void make_room_for_boot_tables(paddr_t bytes)
{
    struct boot_module *m;
    char why[REASON_LEN];

    while (bootmem_largest_free(DIRECTMAP_SIZE) < bytes && (m = largest_low_module())) {
        snprintf(why, sizeof(why), "its %llu KiB at %#llx leave no room in the first %u MiB "
                 "of RAM for the hypervisor's boot tables (%llu KiB)",
                 (unsigned long long)((m->end - m->start) >> 10),
                 (unsigned long long)m->start, DIRECTMAP_SIZE >> 20,
                 (unsigned long long)(bytes >> 10));
        refuse_module(m, why);
    }
}

/*
 * The domain builder reads a module through the direct map.  A loader
 * may put modules anywhere, and a big one pushes the next ones up: move a
 * module that reaches above the direct map into free RAM below it, page
 * by page through the map cache, or refuse it if there is no room.
 */
static void move_into_direct_map(struct boot_module *m)
{
    paddr_t size = m->end - m->start, to = bootmem_alloc((size_t)size, DIRECTMAP_SIZE);

    char why[REASON_LEN];

    if (!to) {
        snprintf(why, sizeof(why), "it lies above the first %u MiB of RAM (at %#llx), and "
                 "its %llu KiB do not fit in what is free there", DIRECTMAP_SIZE >> 20,
                 (unsigned long long)m->start, (unsigned long long)(size >> 10));
        refuse_module(m, why);
        return;
    }
    for (paddr_t done = 0; done < size;) {
        paddr_t from = m->start + done;
        paddr_t n = MIN(size - done, PAGE_SIZE - from % PAGE_SIZE);
        const uint8_t *page = map_domain_page(maddr_to_mfn(from));
        memcpy((uint8_t *)maddr_to_virt(to) + done, page + from % PAGE_SIZE, (size_t)n);
        unmap_domain_page(page);
        done += n;
    }
    printk("multiboot: module '%s' moved from %#llx to %#llx, into the direct map\n",
           m->cmdline, (unsigned long long)m->start, (unsigned long long)to);
    bootmem_unreserve(m->start, m->end);
    m->start = to;
    m->end = to + size;
}

static void memory_init(void)
{
    paddr_t ram_top = bootmem_ram_top(), table;
    uint32_t nr_frames = (uint32_t)(ram_top >> PAGE_SHIFT);
    uint32_t directmap_frames = MIN(nr_frames, DIRECTMAP_SIZE >> PAGE_SHIFT);
    paddr_t table_bytes = ROUND_UP((paddr_t)nr_frames * sizeof(struct frame_info), PAGE_SIZE);

    make_room_for_boot_tables(table_bytes + paging_boot_bytes(nr_frames));
    table = bootmem_alloc((size_t)table_bytes, DIRECTMAP_SIZE);
    if (!table)
        panic("no memory for the frame table (%u frames)", nr_frames);
    paging_init(ram_top, nr_frames);
    for (unsigned i = 0; i < boot_info.nr_modules; i++)
        if (!boot_info.modules[i].refused && boot_info.modules[i].end > DIRECTMAP_SIZE)
            move_into_direct_map(&boot_info.modules[i]);
    frames_init(maddr_to_virt(table), nr_frames, directmap_frames);
    bootmem_for_each_free(release_free_range);
    printk("memory: RAM up to %llu MiB, %u frames free (%u direct-mapped)\n",
           (unsigned long long)(ram_top >> 20), frames_free_count(), directmap_frames);
}

/*
 * Build a domain from each module, then free the modules' frames.  The
 * free count without any domain (now plus what the domains took) is what
 * domains_finish() must find again when they are all gone.
 */
static void build_domains(void)
{
    uint32_t free_before = frames_free_count(), released = 0;
    unsigned built = 0;

    for (unsigned i = 0; i < boot_info.nr_modules; i++)
        if (!boot_info.modules[i].refused && domain_build(&boot_info.modules[i]) == 0)
            built++;
    /* The modules' frames are no longer needed (a refused one's are free already). */
    for (unsigned i = 0; i < boot_info.nr_modules; i++) {
        uint32_t before = frames_free_count();
        if (boot_info.modules[i].refused)
            continue;
        frames_release(maddr_to_mfn(boot_info.modules[i].start),
                       maddr_to_mfn(ROUND_UP(boot_info.modules[i].end, PAGE_SIZE)));
        released += frames_free_count() - before;
    }
    domains_set_free_baseline(free_before + released);
    printk("%u of %u modules built into domains\n", built, boot_info.nr_modules);
}

/* Called from boot.S with the physical address of the multiboot info. */
void start_of_day(uint32_t mbi_pa) __attribute__((noreturn));

void start_of_day(uint32_t mbi_pa)
{
    serial_init();
    printk("Ringleader hypervisor: x86_32 PAE, Xen %u.%u PV ABI\n",
           RL_VERSION_MAJOR, RL_VERSION_MINOR);
    bootmem_reserve(0, LOW_MEMORY_END);
    bootmem_reserve(HV_LOAD_PADDR, virt_to_maddr(_end));
    multiboot_parse(mbi_pa, &boot_info);
    if (boot_info.cmdline[0])
        printk("command line: %s\n", boot_info.cmdline);
    if (cmdline_flag(boot_info.cmdline, "bench"))
        bench_enable();
    memory_init();
    desc_init();
    trap_init();
    /* x87 errors as #MF (NE); WAIT honours TS (MP); no emulation, no TS;
     * FXSAVE covers SSE, which guests may then use. */
    write_cr0((read_cr0() | CR0_NE | CR0_MP) & ~(CR0_EM | CR0_TS));
    if (!cpu_has_fxsr())
        panic("this CPU has no FXSAVE/FXRSTOR (CPUID.1:EDX.FXSR): Ringleader needs them");
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    paging_seal_ro_after_init();
    isolation_start(boot_info.cmdline, segment_limits_enforced());
    build_domains();
    sched_start();
}
