/*
 * fake_mm_env.c - fakes of what mm.c calls outside itself (see
 * fake_mm_env.h), so hypervisor/common/mm.c is compiled unchanged.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "hv.h"
#include "paging.h"
#include "mm.h"
#include "fake_mm_env.h"

static pte_t memory[FAKE_NR_FRAMES][L1_ENTRIES] __attribute__((aligned(4096)));

int fake_maps_open;
unsigned fake_maps_total;
unsigned fake_pte_stores;
unsigned fake_hv_slot_copies;
unsigned fake_entry_writes;
struct fake_entry_write fake_last_entry_write;
void (*fake_pte_store_hook)(pte_t *slot, pte_t value);
char fake_panic_msg[256];
jmp_buf *volatile fake_panic_jmp;

void fake_mm_reset(void)
{
    memset(memory, 0, sizeof(memory));
    fake_maps_open = 0;
    fake_maps_total = 0;
    fake_pte_stores = 0;
    fake_hv_slot_copies = 0;
    fake_entry_writes = 0;
    fake_pte_store_hook = NULL;
    fake_panic_msg[0] = '\0';
    fake_panic_jmp = NULL;
}

pte_t *fake_page(mfn_t mfn)
{
    if (mfn_x(mfn) >= FAKE_NR_FRAMES)
        ck_abort_msg("fake_page: mfn %#x is not fake machine memory", mfn_x(mfn));
    return memory[mfn_x(mfn)];
}

void *map_domain_page(mfn_t mfn)
{
    if (mfn_x(mfn) >= FAKE_NR_FRAMES)
        ck_abort_msg("map_domain_page: mfn %#x is not machine memory", mfn_x(mfn));
    fake_maps_open++;
    fake_maps_total++;
    return memory[mfn_x(mfn)];
}

void unmap_domain_page(const void *va)
{
    const char *p = va, *base = (const char *)memory;

    if (p < base || p >= base + sizeof(memory) || (size_t)(p - base) % sizeof(memory[0]))
        ck_abort_msg("unmap_domain_page: %p was not returned by map_domain_page", va);
    if (fake_maps_open <= 0)
        ck_abort_msg("unmap_domain_page: more unmaps than maps");
    fake_maps_open--;
}

void pte_store(pte_t *slot, pte_t value)
{
    if (fake_pte_store_hook)
        fake_pte_store_hook(slot, value);
    fake_pte_stores++;
    *slot = value;
}

void isolation_guest_hv_slots(pte_t *l2)
{
    fake_hv_slot_copies++;
    for (unsigned i = HV_FIRST_L2_SLOT; i < L2_ENTRIES; i++)
        l2[i] = FAKE_HV_L2E(i);
}

void isolation_entry_written(mfn_t table, unsigned level, unsigned index, pte_t e)
{
    fake_entry_writes++;
    fake_last_entry_write = (struct fake_entry_write){ table, level, index, e };
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(fake_panic_msg, sizeof(fake_panic_msg), fmt, ap);
    va_end(ap);
    if (fake_panic_jmp)
        longjmp(*fake_panic_jmp, 1);
    ck_abort_msg("panic: %s", fake_panic_msg);
    abort();
}
