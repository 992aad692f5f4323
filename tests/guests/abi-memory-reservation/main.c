/*
 * abi-memory-reservation: memory_op's reservation queries.  The current
 * reservation is the domain's pages (start_info's nr_pages), the maximum is
 * at least that, the highest RAM page is above every frame the domain has;
 * an unknown domain is -ESRCH, an unreadable argument -EFAULT, an unknown
 * command -ENOSYS.
 */
#include "../lib/expect.h"

const char test_title[] = "memory_op reservation queries answer as Xen's do";

#define NO_SUCH_DOMAIN 0x7FE0
#define UNMAPPED_VA 0x40000000U
#define UNKNOWN_MEMORY_OP 63

void test_main(void)
{
    domid_t self = DOMID_SELF, nobody = NO_SUCH_DOMAIN;
    long cur = hypercall_memory_op(XENMEM_current_reservation, &self);
    long max = hypercall_memory_op(XENMEM_maximum_reservation, &self);
    long ram = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);
    const uint32_t *p2m = (const uint32_t *)(uintptr_t)start_info->mfn_list;

    printf("current %ld, maximum %ld, maximum RAM page %ld\n", cur, max, ram);
    expect_rc("current_reservation(DOMID_SELF)", cur, start_info->nr_pages);
    if (max < cur)
        test_failure("maximum reservation %ld is below the current %ld", max, cur);
    for (uint32_t pfn = 0; pfn < start_info->nr_pages; pfn++)
        if (p2m[pfn] >= (uint32_t)ram) {
            test_failure("pfn %#x is frame %#x, not below maximum_ram_page %#lx",
                         pfn, p2m[pfn], ram);
            break;
        }
    expect_rc("current_reservation of no such domain",
              hypercall_memory_op(XENMEM_current_reservation, &nobody), -XEN_ESRCH);
    expect_rc("maximum_reservation with an unmapped argument",
              hypercall_memory_op(XENMEM_maximum_reservation, (void *)(uintptr_t)UNMAPPED_VA),
              -XEN_EFAULT);
    expect_rc("an unknown memory_op", hypercall_memory_op(UNKNOWN_MEMORY_OP, NULL), -XEN_ENOSYS);
    test_success();
}
