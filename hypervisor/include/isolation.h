/*
 * isolation.h - how the hypervisor keeps itself out of a guest's reach:
 * by segment limits, or by an address space of its own (split).  The
 * policy (which mode, which L2 slots a guest's view keeps) is pure logic
 * in common/isolation_policy.c; arch/x86/isolation.c keeps the views.
 */
#ifndef HV_ISOLATION_H
#define HV_ISOLATION_H

#include "types.h"
#include "x86.h"

enum isolation_request { ISOLATION_AUTO, ISOLATION_FORCE_SPLIT, ISOLATION_FORCE_SEGMENTS };
enum isolation_mode { ISOLATION_SEGMENTS, ISOLATION_SPLIT };

/*
 * The isolation= option of the hypervisor's command line: auto (also when
 * it is absent), split or segments.  Returns 0, or -1 with a one-line
 * reason in `err`.
 */
int isolation_parse(const char *cmdline, enum isolation_request *req, char *err, size_t errlen);

/*
 * The mode for a request on a CPU that does or does not enforce segment
 * limits, and the banner's reason for it.  *unsafe is set when the mode
 * leaves the hypervisor open to its guests (segments where limits are
 * ignored).
 */
enum isolation_mode isolation_choose(enum isolation_request req, bool limits_enforced,
                                     const char **why, bool *unsafe);

/*
 * Does a guest's view keep L2 slot `slot` (of the L2 under L3 slot 3, a
 * hypervisor slot: HV_FIRST_L2_SLOT..511) as the hypervisor's own view
 * has it?  Segments: every slot.  Split: the M2P, the per-domain area
 * (GDT and LDT windows) and the entry area only.
 */
bool isolation_guest_keeps_slot(enum isolation_mode mode, unsigned slot);

/* entry.S reads these: is split isolation on, and this CPU's guest view's CR3. */
extern bool split_isolation;
extern uint32_t exit_cr3;

/* paging_init(): map the entry area (entry code, tables, entry stack). */
void isolation_map_entry_area(void);
/* After the segment-limit probe: choose the mode, say which, apply it. */
void isolation_start(const char *cmdline, bool limits_enforced);
/* What a guest's L2 for L3 slot 3 holds in its hypervisor slots. */
void isolation_guest_hv_slots(pte_t *l2);
/* Run on a guest's top-level table l3 / on no guest's (the idle view). */
void isolation_load_guest(mfn_t l3);
void isolation_load_idle(void);
/* mm.c wrote entry `index` of table `table` (level 2 or 3). */
void isolation_entry_written(mfn_t table, unsigned level, unsigned index, pte_t e);

#endif /* HV_ISOLATION_H */
