/*
 * isolation_policy.c - which isolation mode runs, and what a guest's
 * address space keeps of the hypervisor's in each (isolation.h).
 *
 * Pure logic, unit-tested on the host.
 */
#include "isolation.h"
#include "cmdline.h"
#include "memlayout.h"
#include "../lib/lib.h"

static bool value_is(const char *v, size_t len, const char *word)
{
    return len == strlen(word) && !strncmp(v, word, len);
}

int isolation_parse(const char *cmdline, enum isolation_request *req, char *err, size_t errlen)
{
    size_t len = 0;
    const char *v = cmdline_value(cmdline, "isolation", &len);

    *req = ISOLATION_AUTO;
    if (!v || value_is(v, len, "auto"))
        return 0;
    if (value_is(v, len, "split")) {
        *req = ISOLATION_FORCE_SPLIT;
        return 0;
    }
    if (value_is(v, len, "segments")) {
        *req = ISOLATION_FORCE_SEGMENTS;
        return 0;
    }
    snprintf(err, errlen, "isolation=: '%.*s' is not auto, split or segments", (int)len, v);
    return -1;
}

enum isolation_mode isolation_choose(enum isolation_request req, bool limits_enforced,
                                     const char **why, bool *unsafe)
{
    *unsafe = false;
    switch (req) {
    case ISOLATION_FORCE_SPLIT:
        *why = "forced on the command line";
        return ISOLATION_SPLIT;
    case ISOLATION_FORCE_SEGMENTS:
        *why = limits_enforced ? "forced on the command line; segment limits enforced by this CPU"
                               : "forced on the command line";
        *unsafe = !limits_enforced;
        return ISOLATION_SEGMENTS;
    case ISOLATION_AUTO:
        break;
    }
    if (limits_enforced) {
        *why = "segment limits enforced by this CPU";
        return ISOLATION_SEGMENTS;
    }
    *why = "segment limits ignored by this CPU";
    return ISOLATION_SPLIT;
}

static bool slot_in(unsigned slot, vaddr_t start, vaddr_t end)
{
    return slot >= l2_index(start) && slot <= l2_index(end - 1);
}

bool isolation_guest_keeps_slot(enum isolation_mode mode, unsigned slot)
{
    if (slot < l2_index(HYPERVISOR_VIRT_START) || slot >= L2_ENTRIES)
        return false;           /* not a hypervisor slot */
    if (mode == ISOLATION_SEGMENTS)
        return true;
    return slot_in(slot, MACH2PHYS_VIRT_START, MACH2PHYS_VIRT_END) ||
           slot == l2_index(PERDOMAIN_VIRT_START) || slot == l2_index(ENTRY_VIRT_START);
}
