/*
 * grant_table.c - grant_table_op before there are grant tables.
 *
 * Each command answers as Xen 4.17 (common/grant_table.c, and for a
 * 32-bit guest common/compat/grant_table.c) answers up to the point where
 * it would use the caller's grant table, and -ENOSYS from there:
 *   - a count of 2^31 or more, or continuation bits in cmd (which only
 *     cache_flush may carry): -EINVAL, before anything else;
 *   - a batch command (map, unmap, transfer, copy...) with no items is 0;
 *     with an unreadable first item (or, where Xen checks it first, an
 *     array that is no guest address range): -EFAULT;
 *   - setup_table, query_size, get_status_frames take one item (-EINVAL
 *     otherwise); a domain that does not exist gets GNTST_bad_domain in
 *     the item's status (and another domain GNTST_permission_denied: no
 *     domain is privileged), with 0 returned, as Xen does;
 *   - get_version of a domain that does not exist is -ESRCH (another
 *     domain's -EPERM); set_version of neither 1 nor 2 is -EINVAL.
 * dump_table is gone from Xen 4.17 (-ENOSYS).
 */
#include "hv.h"
#include "hypercall.h"
#include "guest_access.h"
#include "domain.h"
#include "sched.h"
#include "memlayout.h"
#include "../../hypercall-abi/grant_table.h"

#define COMPAT_PFN_SIZE 4               /* setup_table's frame_list entries */
#define STATUS_FRAME_SIZE 8             /* get_status_frames' */

/* The batch commands: their item on x86_32, and whether Xen checks the
 * whole array's address range first (those it does not translate). */
static const struct {
    uint8_t size;
    bool range_first;
} batch_item[] = {
    [GNTTABOP_map_grant_ref] = { 32, true },
    [GNTTABOP_unmap_grant_ref] = { 24, true },
    [GNTTABOP_transfer] = { 16, false },
    [GNTTABOP_copy] = { 24, false },
    [GNTTABOP_unmap_and_replace] = { 24, true },
    [GNTTABOP_swap_grant_ref] = { 12, true },
    [GNTTABOP_cache_flush] = { 16, true },
};

/* Is [va, va + n * size) a guest address range?  n * size may exceed 32 bits. */
static bool array_ok(vaddr_t va, uint32_t n, uint32_t size)
{
    uint64_t len = (uint64_t)n * size;

    return len <= HYPERVISOR_VIRT_START && guest_range_ok(va, (size_t)len);
}

static long batch(uint32_t cmd, vaddr_t uop, uint32_t count)
{
    uint8_t first[32];

    if (count == 0)
        return 0;
    if (batch_item[cmd].range_first && !array_ok(uop, count, batch_item[cmd].size))
        return -XEN_EFAULT;
    if (copy_from_guest(first, uop, batch_item[cmd].size) < 0)
        return -XEN_EFAULT;
    return -XEN_ENOSYS;
}

/*
 * The domain an item names, as a status: GNTST_okay for the caller (whose
 * table does not exist yet), else what Xen writes into the item.
 */
static int16_t domain_status(domid_t dom)
{
    const struct domain *d = domain_by_id(dom);

    if (!d)
        return GNTST_bad_domain;
    return d == current_domain() ? GNTST_okay : GNTST_permission_denied;
}

/* Write a refusal's status into the guest's item; -ENOSYS for the caller. */
static long put_status(int16_t status, vaddr_t field)
{
    if (status == GNTST_okay)
        return -XEN_ENOSYS;
    return copy_to_guest(field, &status, sizeof(status)) < 0 ? -XEN_EFAULT : 0;
}

static long setup_table(vaddr_t uop, uint32_t count)
{
    struct gnttab_setup_table op;

    if (count > 1)
        return -XEN_EINVAL;
    if (count == 0)
        return 0;
    if (copy_from_guest(&op, uop, sizeof(op)) < 0 ||
        !array_ok(op.frame_list, op.nr_frames, COMPAT_PFN_SIZE))
        return -XEN_EFAULT;
    return put_status(domain_status(op.dom), uop + offsetof(struct gnttab_setup_table, status));
}

static long query_size(vaddr_t uop, uint32_t count)
{
    struct gnttab_query_size op;

    if (count != 1)
        return -XEN_EINVAL;
    if (copy_from_guest(&op, uop, sizeof(op)) < 0)
        return -XEN_EFAULT;
    return put_status(domain_status(op.dom), uop + offsetof(struct gnttab_query_size, status));
}

static long get_status_frames(vaddr_t uop, uint32_t count)
{
    struct gnttab_get_status_frames op;

    if (count != 1)
        return -XEN_EINVAL;
    if (copy_from_guest(&op, uop, sizeof(op)) < 0 ||
        !array_ok(op.frame_list, op.nr_frames, STATUS_FRAME_SIZE))
        return -XEN_EFAULT;
    return put_status(domain_status(op.dom),
                      uop + offsetof(struct gnttab_get_status_frames, status));
}

static long get_version(vaddr_t uop)
{
    struct gnttab_get_version op;

    if (copy_from_guest(&op, uop, sizeof(op)) < 0)
        return -XEN_EFAULT;
    switch (domain_status(op.dom)) {
    case GNTST_bad_domain:
        return -XEN_ESRCH;
    case GNTST_permission_denied:
        return -XEN_EPERM;
    default:
        return -XEN_ENOSYS;
    }
}

static long set_version(vaddr_t uop)
{
    struct gnttab_set_version op;

    if (copy_from_guest(&op, uop, sizeof(op)) < 0)
        return -XEN_EFAULT;
    return op.version == 1 || op.version == 2 ? -XEN_ENOSYS : -XEN_EINVAL;
}

/* grant_table_op(cmd, uop, count): see hypercall-abi/grant_table.h. */
long do_grant_table_op(const uint32_t args[HYPERCALL_NR_ARGS])
{
    const uint32_t cmd = args[0] & GNTTABOP_CMD_MASK, count = args[2];
    const vaddr_t uop = args[1];

    if ((int32_t)count < 0 || (cmd != GNTTABOP_cache_flush && cmd != args[0]))
        return -XEN_EINVAL;
    switch (cmd) {
    case GNTTABOP_setup_table:
        return setup_table(uop, count);
    case GNTTABOP_query_size:
        return query_size(uop, count);
    case GNTTABOP_get_status_frames:
        return get_status_frames(uop, count);
    case GNTTABOP_get_version:
        return get_version(uop);
    case GNTTABOP_set_version:
        return set_version(uop);
    default:
        if (cmd < ARRAY_SIZE(batch_item) && batch_item[cmd].size)
            return batch(cmd, uop, count);
        return -XEN_ENOSYS;
    }
}
