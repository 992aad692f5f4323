/*
 * pmap.h - the guest kernel's page-table layer, speaking only the ABI.
 *
 * The guest owns its page tables but may not write them: every entry is
 * changed by an mmu_update request the hypervisor validates.  Requests are
 * queued and sent as one batch -- when the queue is full, before anything
 * that depends on them (a switch of address space, a pin, a flush), and on
 * pmap_flush() -- because the trap into the hypervisor costs far more than
 * checking one entry.  pmap_set_batching(false) sends each one alone (for
 * measuring the difference).
 *
 * Page tables are found through the machine-to-phys table: an entry holds
 * a machine frame, the M2P gives its pseudo-physical frame, and every
 * pseudo-physical frame the kernel uses is mapped at virt_base + pfn * 4K.
 */
#ifndef GUEST_PMAP_H
#define GUEST_PMAP_H

#include <stdbool.h>
#include "../hypercall-abi/hypercall.h"
#include "../hypercall-abi/mmu.h"

typedef uint64_t pte_t;

#define PMAP_PAGE_SIZE 4096U
#define PMAP_QUEUE_LEN 64

/*
 * A pseudo-physical frame (the guest's own numbering: what the P2M list is
 * indexed by) and a machine frame (what page-table entries, the M2P and
 * the hypercalls hold) are distinct types, as in the hypervisor's
 * types.h, so one cannot be passed for the other.  _pfn()/pfn_x() and
 * _mfn()/mfn_x() wrap and unwrap a number and compile to nothing.
 */
typedef struct { uint32_t p; } pfn_t;
typedef struct { uint32_t m; } mfn_t;

static inline pfn_t _pfn(uint32_t p) { return (pfn_t){ p }; }
static inline uint32_t pfn_x(pfn_t pfn) { return pfn.p; }
static inline mfn_t _mfn(uint32_t m) { return (mfn_t){ m }; }
static inline uint32_t mfn_x(mfn_t mfn) { return mfn.m; }
static inline uint64_t mfn_to_maddr(mfn_t mfn) { return (uint64_t)mfn.m * PMAP_PAGE_SIZE; }
static inline mfn_t maddr_to_mfn(uint64_t ma) { return _mfn((uint32_t)(ma / PMAP_PAGE_SIZE)); }

/* PAE entry bits the guest uses. */
#define PMAP_P   0x001ULL
#define PMAP_RW  0x002ULL
#define PMAP_US  0x004ULL
#define PMAP_A   0x020ULL
#define PMAP_D   0x040ULL
#define PMAP_PSE 0x080ULL
#define PMAP_ADDR_MASK 0x0000000FFFFFF000ULL
#define PMAP_KERNEL_RW (PMAP_P | PMAP_RW | PMAP_A | PMAP_D)
#define PMAP_KERNEL_RO (PMAP_P | PMAP_A)
#define PMAP_TABLE (PMAP_P | PMAP_RW | PMAP_US | PMAP_A)  /* L2 entries */
#define PMAP_L3E PMAP_P

/* Set up from start_info; virt_base is where pseudo-physical 0 is mapped. */
void pmap_init(const struct start_info *si, uint32_t virt_base);

mfn_t pfn_to_mfn(pfn_t pfn);
pfn_t mfn_to_pfn(mfn_t mfn);
void *pfn_to_virt(pfn_t pfn);
pfn_t virt_to_pfn(const void *va);

/* The machine address of the start of a pseudo-physical frame. */
static inline uint64_t pfn_to_maddr(pfn_t pfn)
{
    return mfn_to_maddr(pfn_to_mfn(pfn));
}

/* Queue one mmu_update request; flushed as described above. */
void pmap_queue(uint64_t ptr, uint64_t val);
/* Send the queue; returns the first error (and the queue is emptied). */
long pmap_flush(void);
void pmap_set_batching(bool on);
/* How many mmu_update calls have been made (for tests and benchmarks). */
uint32_t pmap_hypercalls(void);

/* The machine address of the L1 entry that maps va (0 if there is none). */
uint64_t pmap_l1e_maddr(uint32_t va);
/* Map pfn at va with flags; unmap; change flags.  Queued. */
void pmap_map(uint32_t va, pfn_t pfn, pte_t flags);
void pmap_unmap(uint32_t va);

/* Make a zeroed page table of pfn (level 1-3): zero it, map it read-only. */
long pmap_make_table(pfn_t pfn);
long pmap_pin(pfn_t pfn, unsigned level);
long pmap_unpin(pfn_t pfn);
long pmap_switch(pfn_t l3);
long pmap_flush_tlb(void);

#endif
