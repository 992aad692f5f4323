/*
 * mm-domid-two: the domain arguments mm-domid-args cannot ask with one
 * domain.  Two domains run this guest.  Each names the other: mapping
 * another domain's frames needs a control domain, which does not exist
 * yet, so mmu_update and mmuext_op refuse it (-EPERM); memory_op tells
 * domain 0 the other's size (8 MiB) but not domain 1 (-EPERM).  Domain 1,
 * unprivileged, also has DOMID_XEN refused as a page owner, and DOMID_IO
 * for mmuext_op, while mmu_update takes DOMID_IO from any domain, as Xen
 * does (docs/memory.md).
 */
#include "../lib/mm.h"

const char test_title[] = "another domain, and the special page owners, by privilege";

#define OTHER_PAGES 2048        /* mem=8M */

static void check(const char *what, long rc, long want)
{
    printf("%s: %ld\n", what, rc);
    if (rc != want)
        test_failure("%s: %ld, expected %ld", what, rc, want);
}

void test_main(void)
{
    bool dom0 = start_info->flags & SIF_PRIVILEGED;
    domid_t other = dom0 ? 1 : 0;
    struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };

    check("mmu_update naming the other domain", hypercall_mmu_update(NULL, 0, NULL, other), -XEN_EPERM);
    check("mmuext_op naming the other domain", hypercall_mmuext_op(&flush, 1, NULL, other), -XEN_EPERM);
    check("mmu_update with the other domain's tables",
          hypercall_mmu_update(NULL, 0, NULL, DOMID_SELF | (uint32_t)(other + 1) << 16), -XEN_EPERM);
    check("current_reservation of the other domain",
          hypercall_memory_op(XENMEM_current_reservation, &other), dom0 ? OTHER_PAGES : -XEN_EPERM);
    check("mmu_update naming DOMID_IO", hypercall_mmu_update(NULL, 0, NULL, DOMID_IO), 0);
    check("mmu_update naming DOMID_XEN", hypercall_mmu_update(NULL, 0, NULL, DOMID_XEN),
          dom0 ? 0 : -XEN_EPERM);
    check("mmuext_op naming DOMID_IO", hypercall_mmuext_op(NULL, 0, NULL, DOMID_IO),
          dom0 ? 0 : -XEN_EPERM);
    test_success();
}
