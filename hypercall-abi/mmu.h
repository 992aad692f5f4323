/*
 * mmu.h - the page-table hypercalls, as Xen defines them for x86_32 PAE.
 * (The structures and command numbers are in xen.h.)
 *
 * mmu_update(reqs, count, done, foreigndom)             hypercall 1
 *   reqs: struct mmu_update[count]; each ptr's low 3 bits are a command:
 *     MMU_NORMAL_PT_UPDATE  ptr = machine address of a page-table entry (or
 *                           of a word in a data page) of this domain; val
 *                           = the new 64-bit entry, validated as Xen does
 *     MMU_MACHPHYS_UPDATE   ptr = machine address in one of this domain's
 *                           frames; val = the PFN to record in the M2P
 *   Stops at the first bad request and returns its error; *done (if done
 *   is not NULL) is set to the number of requests applied.  A count with
 *   MMU_UPDATE_PREEMPTED set continues an earlier call: *done is read and
 *   added to; a done that cannot be written is ignored, as by Xen.
 *   foreigndom's low 16 bits name the page owner, whose frames L1 entries
 *   may name: DOMID_SELF (the caller), or DOMID_IO or DOMID_XEN, which own
 *   none of its frames (an L1 entry to a frame is then -EBUSY, except a
 *   change of only A, D, US, G or available bits; an L2 or L3 entry
 *   -EINVAL; a data page is written as ever; MMU_MACHPHYS_UPDATE of a
 *   frame -EINVAL).  The caller's own id or an unknown one is -ESRCH,
 *   another domain -EPERM (foreign mappings need a control domain), and so
 *   is DOMID_XEN for an unprivileged caller.  The high 16 bits, if not 0,
 *   name the page tables' owner plus one: an unknown one is -ESRCH,
 *   another domain than the caller -EPERM.  Long batches continue
 *   themselves (hypercall continuations).
 *   Errors: -EFAULT (unreadable reqs); -EINVAL (a bad entry, a table of
 *   the wrong type, a frame not owned); -EBUSY (an L1 entry mapping another
 *   domain's frame, a frame that is not allocated RAM -- a hole below the
 *   top of RAM -- or a page table writable); -EPERM (a hypervisor slot, an
 *   L1 entry for a frame number past the end of RAM, a foreign domain);
 *   -ENOSYS (unknown command).
 *
 * update_va_mapping(va, val_lo, val_hi, flags)         hypercall 14
 *   Writes the L1 entry that maps va in the current address space, with
 *   the same checks; flags: UVMF_INVLPG or UVMF_TLB_FLUSH (|UVMF_ALL).
 *   -EINVAL if va is in the hypervisor hole or has no L1.
 *
 * mmuext_op(ops, count, done, foreigndom)              hypercall 26
 *   ops: struct mmuext_op[count]:
 *     MMUEXT_PIN_L1/L2/L3_TABLE  arg1.mfn: validate as that level and pin
 *     MMUEXT_UNPIN_TABLE         arg1.mfn: drop the pin
 *     MMUEXT_NEW_BASEPTR         arg1.mfn: switch to this L3 (validated)
 *     MMUEXT_TLB_FLUSH_LOCAL/_MULTI/_ALL, MMUEXT_INVLPG_LOCAL/_MULTI/_ALL
 *                                (one CPU: all act locally)
 *     MMUEXT_SET_LDT             arg1.linear_addr, arg2.nr_ents: this vCPU's
 *                                LDT is nr_ents descriptors (0: none) at that
 *                                guest address.  -EINVAL if nr_ents > 8192,
 *                                or nr_ents > 0 and the address is not
 *                                page-aligned.  Nothing else is checked here:
 *                                each LDT page is checked when the CPU first
 *                                reads a descriptor from it -- it must be
 *                                mapped, be the caller's, and take the
 *                                descriptor-page type (so it is mapped
 *                                nowhere writable, and every descriptor
 *                                passes update_descriptor's checks); if not,
 *                                the guest gets #PF at that LDT address, as
 *                                on Xen.  The pages keep that type until the
 *                                LDT is changed, the vCPU switches address
 *                                space (NEW_BASEPTR), or the domain dies.
 *   done as for mmu_update; foreigndom's low 16 bits as for mmu_update
 *   (the high ones are ignored), DOMID_IO and DOMID_XEN needing a
 *   privileged caller: pins and unpins then name a frame of theirs
 *   (-EINVAL), and the commands about the caller's own vCPU and TLB are
 *   -EPERM.  Errors as above; -EINVAL for pinning what is already pinned
 *   or unpinning what is not.
 *
 * multicall(calls, count)                              hypercall 13
 *   Runs each struct multicall_entry in turn and writes its result back.
 *   Returns 0, or -EFAULT if an entry cannot be read or written.
 */
#ifndef RINGLEADER_ABI_MMU_H
#define RINGLEADER_ABI_MMU_H

#include "xen.h"

/* The most descriptors an LDT may hold (64 KiB). */
#define LDT_MAX_ENTRIES 8192

/* In mmu_update/mmuext_op's count: this call continues an earlier one. */
#define MMU_UPDATE_PREEMPTED 0x80000000U

#endif /* RINGLEADER_ABI_MMU_H */
