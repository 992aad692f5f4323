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

/* Remove the reservation made for exactly [start, end) (widened as above). */
int bootmem_unreserve(paddr_t start, paddr_t end)
{
    struct range r = { ROUND_DOWN(start, PAGE), ROUND_UP(end, PAGE) };

    for (unsigned i = 0; i < nr_reserved; i++)
        if (reserved[i].start == r.start && reserved[i].end == r.end) {
            reserved[i] = reserved[--nr_reserved];
            return 0;
        }
    return -1;
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

/*
 * In RAM range r, from `at` on: skip the reservations covering `at` and
 * find the next free piece, [*start, *end) up to the next reservation.
 * False when the range has no free RAM left.
 */
static bool next_free(const struct range *r, paddr_t at, paddr_t *start, paddr_t *end)
{
    while (at < r->end) {
        paddr_t next_res = r->end, skip = 0;
        for (unsigned i = 0; i < nr_reserved; i++) {
            if (reserved[i].start <= at && at < reserved[i].end)
                skip = MAX(skip, reserved[i].end);
            else if (reserved[i].start > at && reserved[i].start < next_res)
                next_res = reserved[i].start;
        }
        if (!skip) {
            *start = at;
            *end = next_res;
            return true;
        }
        at = skip;
    }
    return false;
}

/* Walk each RAM range, cutting out every reservation inside it. */
void bootmem_for_each_free(void (*release)(paddr_t start, paddr_t end))
{
    paddr_t start, end;

    for (unsigned i = 0; i < nr_ram; i++)
        for (paddr_t at = ram[i].start; next_free(&ram[i], at, &start, &end); at = end)
            release(start, end);
}

/*
 * First-fit allocations whose page-rounded sizes add up to no more than
 * this all succeed: they pack from the start of this piece if not before.
 */
paddr_t bootmem_largest_free(paddr_t limit)
{
    paddr_t start, end, largest = 0;

    for (unsigned i = 0; i < nr_ram; i++)
        for (paddr_t at = ram[i].start; next_free(&ram[i], at, &start, &end); at = end)
            if (start < limit)
                largest = MAX(largest, MIN(end, limit) - start);
    return largest;
}
