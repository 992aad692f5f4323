/*
 * bootmem.c - RAM and reserved ranges at boot (see bootmem.h).
 * Pure logic, unit-tested on the host.
 */
#include "bootmem.h"

#define PAGE 4096ULL

struct range {
    paddr_t start, end;     /* [start, end) */
};

static struct range ram[BOOTMEM_MAX_RANGES], reserved[BOOTMEM_MAX_RANGES];
static unsigned nr_ram, nr_reserved;

void bootmem_reset(void)
{
    nr_ram = nr_reserved = 0;
}

static int add(struct range *r, unsigned *n, paddr_t start, paddr_t end)
{
    if (start >= end)
        return 0;
    if (*n == BOOTMEM_MAX_RANGES)
        return -1;
    r[(*n)++] = (struct range){ start, end };
    return 0;
}

/* RAM is trimmed inward to whole pages. */
int bootmem_add_ram(paddr_t start, paddr_t end)
{
    return add(ram, &nr_ram, ROUND_UP(start, PAGE), ROUND_DOWN(end, PAGE));
}

/* Reservations are widened outward to whole pages. */
int bootmem_reserve(paddr_t start, paddr_t end)
{
    return add(reserved, &nr_reserved, ROUND_DOWN(start, PAGE), ROUND_UP(end, PAGE));
}

/* The end of the first reservation overlapping [start, end), or 0. */
static paddr_t overlapping_reservation(paddr_t start, paddr_t end)
{
    for (unsigned i = 0; i < nr_reserved; i++)
        if (reserved[i].start < end && start < reserved[i].end)
            return reserved[i].end;
    return 0;
}

paddr_t bootmem_alloc(size_t size, paddr_t limit)
{
    size = ROUND_UP(size, PAGE);
    for (unsigned i = 0; i < nr_ram; i++) {
        paddr_t at = ram[i].start, skip;
        while (at + size <= MIN(ram[i].end, limit)) {
            skip = overlapping_reservation(at, at + size);
            if (!skip) {
                if (bootmem_reserve(at, at + size) < 0)
                    return 0;
                return at;
            }
            at = skip;
        }
    }
    return 0;
}

paddr_t bootmem_ram_top(void)
{
    paddr_t top = 0;

    for (unsigned i = 0; i < nr_ram; i++)
        top = MAX(top, ram[i].end);
    return top;
}

/* Walk each RAM range, cutting out every reservation inside it. */
void bootmem_for_each_free(void (*release)(paddr_t start, paddr_t end))
{
    for (unsigned i = 0; i < nr_ram; i++) {
        paddr_t at = ram[i].start;
        while (at < ram[i].end) {
            paddr_t next_res = ram[i].end, skip = 0;
            for (unsigned r = 0; r < nr_reserved; r++) {
                if (reserved[r].start <= at && at < reserved[r].end)
                    skip = MAX(skip, reserved[r].end);
                else if (reserved[r].start > at && reserved[r].start < next_res)
                    next_res = reserved[r].start;
            }
            if (skip) {
                at = skip;
                continue;
            }
            release(at, next_res);
            at = next_res;
        }
    }
}
