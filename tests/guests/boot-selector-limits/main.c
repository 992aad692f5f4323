/*
 * boot-selector-limits: every selector a ring-1 guest can load ends below
 * the hypervisor.  For each of the 8192 GDT and 8192 LDT selectors, with
 * RPL 1, LAR tells whether ring 1 may load it; for each one it may, LSL
 * gives the limit, which must not reach GUEST_SEGMENT_MAX_ADDR.  LAR and
 * LSL are unprivileged and work under TCG, which does not enforce limits.
 * The loadable set must include the four flat selectors of the ABI and
 * no descriptor with DPL 0.
 */
#include "../lib/test.h"

const char test_title[] = "every loadable selector's limit ends below the hypervisor";

#define NR_SELECTORS 8192
#define SEL_TI 4
#define RPL1 1
#define AR_DPL(ar) (((ar) >> 13) & 3)
#define AR_S (1U << 12)                 /* code or data */

/* LAR: access rights, or -1 if the selector is not visible at CPL 1. */
static int64_t lar(uint16_t sel)
{
    uint32_t ar, ok;

    __asm__ ("xor %1, %1\n\t"
             "lar %2, %0\n\t"
             "setz %b1"
             : "=r" (ar), "=&q" (ok) : "r" ((uint32_t)sel) : "cc");
    return ok ? (int64_t)ar : -1;
}

static uint32_t lsl(uint16_t sel)
{
    uint32_t limit;

    __asm__ ("lsl %1, %0" : "=r" (limit) : "r" ((uint32_t)sel) : "cc");
    return limit;
}

static unsigned check_table(unsigned ti, const uint16_t *flat, bool *found)
{
    unsigned loadable = 0;

    for (uint32_t i = 0; i < NR_SELECTORS; i++) {
        uint16_t sel = (uint16_t)(i << 3 | ti | RPL1);
        int64_t ar = lar(sel);
        if (ar < 0 || !(ar & AR_S))
            continue;
        loadable++;
        if (AR_DPL(ar) == 0)
            test_failure("selector %#x has DPL 0 and is visible to ring 1", sel);
        if (lsl(sel) >= GUEST_SEGMENT_MAX_ADDR)
            test_failure("selector %#x has limit %#x, reaching the hypervisor", sel, lsl(sel));
        for (int f = 0; f < 4; f++)
            if ((sel | 3) == (flat[f] | 3))
                found[f] = true;
    }
    return loadable;
}

void test_main(void)
{
    static const uint16_t flat[4] = { FLAT_RING1_CS, FLAT_RING1_DS, FLAT_RING3_CS, FLAT_RING3_DS };
    bool found[4] = { false };
    unsigned gdt = check_table(0, flat, found), ldt = check_table(SEL_TI, flat, found);

    printf("%u loadable GDT selectors, %u LDT selectors\n", gdt, ldt);
    for (int f = 0; f < 4; f++) {
        if (!found[f])
            test_failure("flat selector %#x is not loadable", flat[f]);
        else
            printf("selector %#x: limit %#x\n", flat[f], lsl(flat[f]));
    }
    test_success();
}
