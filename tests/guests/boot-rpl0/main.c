/*
 * boot-rpl0: a ring-1 guest cannot get a ring-0 selector.  Variants that
 * must fault (and so crash the guest): load SS with RPL 0 ("ss"), load
 * the hypervisor's data segment into DS ("ds-hv") or SS ("ss-hv"), far
 * jump to the hypervisor's code segment ("cs-hv").  The "probe" variant
 * checks what must not fault: a far jump through the ring-1 code selector
 * written with RPL 0 still runs at RPL 1, and ring 1 cannot even see the
 * hypervisor's selectors (LAR, VERR and VERW fail on them).
 */
#include "../lib/test.h"

const char test_title[] = "a ring-1 guest cannot load a ring-0 selector";

#define RPL0(sel) ((sel) & ~3U)

static bool visible(uint16_t sel)
{
    uint32_t ar;
    uint8_t ok;

    __asm__ ("lar %2, %0; setz %1" : "=r" (ar), "=q" (ok) : "r" ((uint32_t)sel) : "cc");
    return ok;
}

static bool verr(uint16_t sel)
{
    uint8_t ok;

    __asm__ ("verr %w1; setz %0" : "=q" (ok) : "r" (sel) : "cc");
    return ok;
}

static bool verw(uint16_t sel)
{
    uint8_t ok;

    __asm__ ("verw %w1; setz %0" : "=q" (ok) : "r" (sel) : "cc");
    return ok;
}

static void probe(void)
{
    uint16_t cs;

    __asm__ volatile ("ljmp %1, $1f\n1:\n\tmov %%cs, %0" : "=r" (cs) : "i" (RPL0(FLAT_RING1_CS)));
    if (cs != FLAT_RING1_CS)
        test_failure("far jump through %#x gave cs %#x", RPL0(FLAT_RING1_CS), cs);
    if (visible(__HYPERVISOR_CS) || visible(__HYPERVISOR_DS) ||
        visible(RPL0(__HYPERVISOR_CS)) || visible(RPL0(__HYPERVISOR_DS)))
        test_failure("LAR sees a hypervisor selector from ring 1");
    if (verr(__HYPERVISOR_CS) || verr(__HYPERVISOR_DS) || verw(__HYPERVISOR_DS))
        test_failure("VERR/VERW accept a hypervisor selector from ring 1");
    test_success();
}

void test_main(void)
{
    char variant[16];

    test_variant(variant, sizeof(variant));
    printf("variant %s\n", variant);
    if (!strcmp(variant, "probe")) {
        probe();
        return;
    }
    if (!strcmp(variant, "ss"))
        __asm__ volatile ("mov %0, %%ss" : : "r" (RPL0(FLAT_RING1_SS)));
    else if (!strcmp(variant, "ss-hv"))
        __asm__ volatile ("mov %0, %%ss" : : "r" (__HYPERVISOR_DS));
    else if (!strcmp(variant, "ds-hv"))
        __asm__ volatile ("mov %0, %%ds" : : "r" (__HYPERVISOR_DS));
    else if (!strcmp(variant, "cs-hv"))
        __asm__ volatile ("ljmp %0, $1f\n1:" : : "i" (__HYPERVISOR_CS));
    else {
        test_error("unknown variant '%s'", variant);
        return;
    }
    test_failure("loading a ring-0 selector (%s) did not fault", variant);
}
