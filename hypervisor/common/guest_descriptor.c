/*
 * guest_descriptor.c - the rules for a guest's own segment descriptors
 * (see guest_descriptor.h).
 *
 * Why these rules: a guest segment must not reach the hypervisor above
 * GUEST_SEGMENT_MAX_ADDR (segment limits are what keep a ring-1 kernel
 * out, docs/security.md), must not run or be used at ring 0, and must not
 * be a system descriptor, which could switch tasks or stacks behind the
 * hypervisor's back.
 */
#include "guest_descriptor.h"
#include "../../hypercall-abi/arch-x86_32.h"

#define D_S        (1U << 12)       /* code or data */
#define D_P        (1U << 15)
#define D_DPL_MASK (3U << 13)
#define D_G        (1U << 23)       /* 4 KiB granularity */
#define D_TYPE_CODE (1U << 11)
#define D_TYPE_DOWN (1U << 10)      /* data: expand-down */
#define D_TYPE_ACCESSED (1U << 8)
#define D_DPL1     (1U << 13)
#define D_LIMIT_HI 0x000F0000U

static uint32_t base_of(uint32_t lo, uint32_t hi)
{
    return (lo >> 16) | (hi & 0xFF) << 16 | (hi & 0xFF000000U);
}

static uint32_t limit_field(uint32_t lo, uint32_t hi)
{
    return (lo & 0xFFFF) | (hi & D_LIMIT_HI);
}

bool descriptor_check(uint32_t *lo, uint32_t *hi)
{
    uint32_t base = base_of(*lo, *hi), limit = limit_field(*lo, *hi);
    uint64_t last;

    if (!(*hi & D_P))
        return true;
    if (!(*hi & D_S))
        return false;
    /* As Xen: a DPL-0 segment becomes DPL 1 -- it can never be ring 0's.
     * Accessed is set ahead, so loading it never writes the read-only GDT. */
    if ((*hi & D_DPL_MASK) == 0)
        *hi |= D_DPL1;
    *hi |= D_TYPE_ACCESSED;
    if (base >= GUEST_SEGMENT_MAX_ADDR)
        return false;
    if (!(*hi & D_TYPE_CODE) && (*hi & D_TYPE_DOWN))
        return false;               /* expand-down: its range is above the limit */
    last = (uint64_t)base + ((*hi & D_G) ? (uint64_t)limit * 4096 + 4095 : limit);
    if (last < GUEST_SEGMENT_MAX_ADDR)
        return true;
    /* Cut back in whole pages: it needs at least one below the hole. */
    if (!(*hi & D_G) || GUEST_SEGMENT_MAX_ADDR - base < 4096)
        return false;
    limit = (GUEST_SEGMENT_MAX_ADDR - base) / 4096 - 1;
    *lo = (*lo & 0xFFFF0000U) | (limit & 0xFFFF);
    *hi = (*hi & ~D_LIMIT_HI) | (limit & D_LIMIT_HI);
    return true;
}
