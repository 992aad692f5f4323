/*
 * boot-start-info: the domain builder's start-of-day state, as Xen's
 * PV builder defines it (public/xen.h): start_info contents, the order
 * and alignment of the bootstrap region (P2M list, start_info, page
 * tables, stack), a consistent P2M/M2P, the 512 KiB of mapped padding,
 * the filled hypercall page and the initial segment registers.
 * Run with a command line "mem=12M check".
 */
#include "../lib/test.h"

const char test_title[] = "start_info and the bootstrap region follow Xen's rules";

extern char _end[];
#define PG 4096U
#define EXPECTED_PAGES (12U << 8)       /* mem=12M */
#define PADDING (512U << 10)

static uint32_t round_up_page(uint32_t v)
{
    return (v + PG - 1) & ~(PG - 1);
}

static bool aligned(uint32_t va)
{
    return va % PG == 0;
}

static void check_start_info(const struct start_info *si)
{
    uint32_t si_va = (uint32_t)(uintptr_t)si, end = round_up_page((uint32_t)(uintptr_t)_end);

    if (strcmp(si->magic, XEN_START_INFO_MAGIC))
        test_failure("magic is '%.32s'", si->magic);
    if (si->nr_pages != EXPECTED_PAGES)
        test_failure("nr_pages %u, expected %u", si->nr_pages, EXPECTED_PAGES);
    if (strcmp(si->cmd_line, "mem=12M check"))
        test_failure("cmd_line is '%s'", si->cmd_line);
    if (si->mfn_list != end)
        test_failure("P2M list at %#x, expected right after the image (%#x)", si->mfn_list, end);
    if (si_va != si->mfn_list + round_up_page(si->nr_pages * 4))
        test_failure("start_info at %#x, expected right after the P2M list", si_va);
    if (si->pt_base != si_va + PG)
        test_failure("page tables at %#x, expected right after start_info", si->pt_base);
    if (si->nr_pt_frames < 3)
        test_failure("only %u page-table frames", si->nr_pt_frames);
    if (boot_esp != si->pt_base + (si->nr_pt_frames + 1) * PG)
        test_failure("boot ESP %#x, expected the top of the page after the tables", boot_esp);
    if (!si->shared_info || !aligned(si->shared_info))
        test_failure("shared_info machine address %#x", si->shared_info);
    if (si->mod_start || si->mod_len)
        test_failure("a module where none was given");
}

/* Every pseudo-physical page maps to a machine frame that maps back. */
static void check_p2m(const struct start_info *si)
{
    const uint32_t *p2m = (const uint32_t *)(uintptr_t)si->mfn_list;
    const uint32_t *m2p = (const uint32_t *)(uintptr_t)MACH2PHYS_VIRT_START;

    for (uint32_t pfn = 0; pfn < si->nr_pages; pfn++)
        if (m2p[p2m[pfn]] != pfn) {
            test_failure("pfn %#x -> mfn %#x -> pfn %#x", pfn, p2m[pfn], m2p[p2m[pfn]]);
            return;
        }
}

static void check_mappings(const struct start_info *si)
{
    const volatile uint32_t *pad = (const volatile uint32_t *)(uintptr_t)(boot_esp + PADDING - 4);
    const uint8_t *stub = hypercall_page + __HYPERVISOR_console_io * HYPERCALL_STUB_SIZE;
    uint16_t cs, ds, ss;

    if (*pad != 0)
        test_failure("padding after the boot stack is not zeroed");
    if (stub[0] != 0xB8 || stub[1] != __HYPERVISOR_console_io || stub[5] != 0xCD || stub[6] != 0x82)
        test_failure("hypercall page stub for console_io is not 'mov $18, %%eax; int $0x82'");
    __asm__ ("mov %%cs, %0; mov %%ds, %1; mov %%ss, %2" : "=r" (cs), "=r" (ds), "=r" (ss));
    if (cs != FLAT_RING1_CS || ds != FLAT_RING1_DS || ss != FLAT_RING1_SS)
        test_failure("segments cs %#x ds %#x ss %#x are not the flat ring-1 ones", cs, ds, ss);
    if (!(si->flags & SIF_INITDOMAIN))
        test_failure("the first domain is not flagged SIF_INITDOMAIN");
}

void test_main(void)
{
    check_start_info(start_info);
    check_p2m(start_info);
    check_mappings(start_info);
    test_success();
}
