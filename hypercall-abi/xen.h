/*
 * xen.h - Ringleader's public hypercall ABI: the core.
 *
 * This is the subset of Xen's x86_32 PAE paravirtual ABI (as of Xen 4.17)
 * that Ringleader implements.  Numbers and layouts are Xen's, so a guest
 * built against these headers also boots on Xen as a 32-bit PV guest.
 * The header is self-contained: a driver writer needs nothing else from
 * this tree (the other ABI headers include this one).
 *
 * Conventions
 *   - Hypercalls are made through the hypercall page (see hypercall.h):
 *     EAX = number, arguments in EBX, ECX, EDX, ESI, EDI; result in EAX.
 *     Argument registers are clobbered.
 *   - A result >= 0 is success; a negative value is -errno (XEN_E* below).
 *   - Every structure here is fixed-width and its size is asserted.
 */
#ifndef RINGLEADER_ABI_XEN_H
#define RINGLEADER_ABI_XEN_H

#include "arch-x86_32.h"

/* ---- Hypercall numbers: all of Xen 4.17's x86_32 table ----
 * Those Ringleader does not implement answer as Xen answers what it
 * refuses (docs/abi.md, "Not implemented yet"). */
#define __HYPERVISOR_set_trap_table        0
#define __HYPERVISOR_mmu_update            1
#define __HYPERVISOR_set_gdt               2
#define __HYPERVISOR_stack_switch          3
#define __HYPERVISOR_set_callbacks         4
#define __HYPERVISOR_fpu_taskswitch        5
#define __HYPERVISOR_sched_op_compat       6    /* legacy: sched_op */
#define __HYPERVISOR_platform_op           7
#define __HYPERVISOR_set_debugreg          8
#define __HYPERVISOR_get_debugreg          9
#define __HYPERVISOR_update_descriptor    10
#define __HYPERVISOR_memory_op            12
#define __HYPERVISOR_multicall            13
#define __HYPERVISOR_update_va_mapping    14
#define __HYPERVISOR_set_timer_op         15
#define __HYPERVISOR_event_channel_op_compat 16 /* legacy: event_channel_op */
#define __HYPERVISOR_xen_version          17
#define __HYPERVISOR_console_io           18
#define __HYPERVISOR_physdev_op_compat    19    /* legacy: physdev_op */
#define __HYPERVISOR_grant_table_op       20
#define __HYPERVISOR_vm_assist            21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                 23
#define __HYPERVISOR_vcpu_op              24
#define __HYPERVISOR_set_segment_base     25    /* x86_64 guests only */
#define __HYPERVISOR_mmuext_op            26
#define __HYPERVISOR_xsm_op               27
#define __HYPERVISOR_nmi_op               28
#define __HYPERVISOR_sched_op             29
#define __HYPERVISOR_callback_op          30
#define __HYPERVISOR_xenoprof_op          31
#define __HYPERVISOR_event_channel_op     32
#define __HYPERVISOR_physdev_op           33
#define __HYPERVISOR_hvm_op               34
#define __HYPERVISOR_sysctl               35
#define __HYPERVISOR_domctl               36
#define __HYPERVISOR_kexec_op             37
#define __HYPERVISOR_tmem_op              38    /* gone: always -ENOSYS */
#define __HYPERVISOR_argo_op              39
#define __HYPERVISOR_xenpmu_op            40
#define __HYPERVISOR_dm_op                41
#define __HYPERVISOR_hypfs_op             42
#define __HYPERVISOR_mca                  48    /* x86's arch_0 */
#define __HYPERVISOR_paging_domctl_cont   49    /* x86's arch_1 */

/* The hypercall page holds one 32-byte stub per number. */
#define HYPERCALL_STUB_SIZE               32
#define HYPERCALL_NR_STUBS                128

/* ---- Error values (Xen's public/errno.h; returned negated) ---- */
#define XEN_EPERM        1  /* Operation not permitted */
#define XEN_ENOENT       2  /* No such file or directory */
#define XEN_ESRCH        3  /* No such process (domain) */
#define XEN_EINTR        4  /* Interrupted system call */
#define XEN_EIO          5  /* I/O error */
#define XEN_ENXIO        6  /* No such device or address */
#define XEN_E2BIG        7  /* Argument list too long */
#define XEN_ENOEXEC      8  /* Exec format error */
#define XEN_EBADF        9  /* Bad file number */
#define XEN_ECHILD      10  /* No child processes */
#define XEN_EAGAIN      11  /* Try again */
#define XEN_ENOMEM      12  /* Out of memory */
#define XEN_EACCES      13  /* Permission denied */
#define XEN_EFAULT      14  /* Bad address */
#define XEN_EBUSY       16  /* Device or resource busy */
#define XEN_EEXIST      17  /* File exists */
#define XEN_EXDEV       18  /* Cross-device link */
#define XEN_ENODEV      19  /* No such device */
#define XEN_EINVAL      22  /* Invalid argument */
#define XEN_ENFILE      23  /* File table overflow */
#define XEN_EMFILE      24  /* Too many open files */
#define XEN_ENOSPC      28  /* No space left on device */
#define XEN_EROFS       30  /* Read-only file system */
#define XEN_EMLINK      31  /* Too many links */
#define XEN_EDOM        33  /* Math argument out of domain of func */
#define XEN_ERANGE      34  /* Math result not representable */
#define XEN_EDEADLK     35  /* Resource deadlock would occur */
#define XEN_ENAMETOOLONG 36 /* File name too long */
#define XEN_ENOLCK      37  /* No record locks available */
#define XEN_ENOSYS      38  /* Function not implemented */
#define XEN_ENODATA     61  /* No data available */
#define XEN_ETIME       62  /* Timer expired */
#define XEN_EBADMSG     74  /* Not a data message */
#define XEN_EOVERFLOW   75  /* Value too large for defined data type */
#define XEN_EILSEQ      84  /* Illegal byte sequence */
#define XEN_ERESTART    85  /* Interrupted system call should be restarted */
#define XEN_ENOTSOCK    88  /* Socket operation on non-socket */
#define XEN_EOPNOTSUPP  95  /* Operation not supported on transport endpoint */
#define XEN_EADDRINUSE  98  /* Address already in use */
#define XEN_EADDRNOTAVAIL 99 /* Cannot assign requested address */
#define XEN_ENOBUFS    105  /* No buffer space available */
#define XEN_EISCONN    106  /* Transport endpoint is already connected */
#define XEN_ENOTCONN   107  /* Transport endpoint is not connected */
#define XEN_ETIMEDOUT  110  /* Connection timed out */

/* ---- console_io (hypercall 18): console_io(cmd, count, buffer) ----
 * CONSOLEIO_write: write `count` bytes from the guest buffer to the
 *   hypervisor console.  Returns 0, or -EFAULT at the first unreadable byte
 *   (what came before it is written).
 * CONSOLEIO_read: read up to `count` bytes of console input into the
 *   buffer; returns how many were read (0: none waiting).  Only the
 *   privileged domain owns the console input: others get -EPERM.
 *   -E2BIG for a count of 2^31 or more, -EFAULT for an unwritable buffer.
 */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* ---- Domain identifiers ---- */
#define DOMID_FIRST_RESERVED 0x7FF0U
#define DOMID_SELF           0x7FF0U
#define DOMID_IO             0x7FF1U
#define DOMID_XEN            0x7FF2U
#define DOMID_COW            0x7FF3U
#define DOMID_INVALID        0x7FF4U
#define DOMID_IDLE           0x7FFFU

/* ---- mmu_update request types (ptr[2:0]: an entry is 8-byte aligned) ---- */
#define MMU_NORMAL_PT_UPDATE      0
#define MMU_MACHPHYS_UPDATE       1
#define MMU_PT_UPDATE_PRESERVE_AD 2
#define MMU_PT_UPDATE_NO_TRANSLATE 3

/* ---- mmuext_op commands ---- */
#define MMUEXT_PIN_L1_TABLE      0
#define MMUEXT_PIN_L2_TABLE      1
#define MMUEXT_PIN_L3_TABLE      2
#define MMUEXT_PIN_L4_TABLE      3
#define MMUEXT_UNPIN_TABLE       4
#define MMUEXT_NEW_BASEPTR       5
#define MMUEXT_TLB_FLUSH_LOCAL   6
#define MMUEXT_INVLPG_LOCAL      7
#define MMUEXT_TLB_FLUSH_MULTI   8
#define MMUEXT_INVLPG_MULTI      9
#define MMUEXT_TLB_FLUSH_ALL    10
#define MMUEXT_INVLPG_ALL       11
#define MMUEXT_SET_LDT          13

/* ---- update_va_mapping flags ---- */
#define UVMF_NONE        0x0U
#define UVMF_TLB_FLUSH   0x1U
#define UVMF_INVLPG      0x2U
#define UVMF_FLUSHTYPE_MASK 0x3U
#define UVMF_LOCAL       0x0U
#define UVMF_ALL         0x4U

/* ---- vm_assist(cmd, type) (hypercall 21) ----
 * Turns on or off an optional hypervisor assist for the calling domain.
 * Returns 0; -EINVAL for a type this hypervisor does not offer (Ringleader
 * offers VMASST_TYPE_pae_extended_cr3, which costs nothing since its page
 * tables are always below 4 GiB, and VMASST_TYPE_architectural_iopl),
 * -ENOSYS for an unknown cmd.
 *
 * architectural_iopl makes the virtual I/O privilege level (physdev.h)
 * behave as EFLAGS.IOPL does on hardware: the kernel counts as ring 0 in
 * the checks (so it may always use CLI, STI and its ports), the level is
 * also set by the EFLAGS of an iret hypercall, and it appears in the
 * EFLAGS of every frame the hypervisor builds.  Without it the kernel
 * counts as ring 1 and only set_iopl changes the level, which no frame
 * shows.
 */
#define VMASST_CMD_enable                0
#define VMASST_CMD_disable               1
#define VMASST_TYPE_4gb_segments         0
#define VMASST_TYPE_4gb_segments_notify  1
#define VMASST_TYPE_writable_pagetables  2
#define VMASST_TYPE_pae_extended_cr3     3
#define VMASST_TYPE_architectural_iopl   4

/* ---- start_info.flags ---- */
#define SIF_PRIVILEGED    (1U << 0)  /* Is the domain privileged? */
#define SIF_INITDOMAIN    (1U << 1)  /* Is this the initial control domain? */
#define SIF_MULTIBOOT_MOD (1U << 2)  /* Is mod_start a multiboot module? */
#define SIF_MOD_START_PFN (1U << 3)  /* Is mod_start a PFN? */

/* start_info.magic for a 32-bit PAE guest. */
#define XEN_START_INFO_MAGIC "xen-3.0-x86_32p"
#define MAX_GUEST_CMDLINE 1024

#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLER__
#include <stdint.h>

#define RL_ABI_ASSERT_SIZE(type, size) \
    _Static_assert(sizeof(type) == (size), "ABI layout: sizeof(" #type ")")

typedef uint16_t domid_t;

/* mmu_update(reqs, count, done, foreigndom): one request, 16 bytes. */
struct mmu_update {
    uint64_t ptr;   /* machine address of the PTE; low 3 bits = MMU_* type */
    uint64_t val;   /* new contents */
};
RL_ABI_ASSERT_SIZE(struct mmu_update, 16);

/* mmuext_op(ops, count, done, foreigndom): one operation, 12 bytes. */
struct mmuext_op {
    uint32_t cmd;           /* MMUEXT_* */
    union {
        xen_pfn_t mfn;      /* PIN_*, UNPIN_TABLE, NEW_BASEPTR */
        uint32_t linear_addr; /* INVLPG_*, SET_LDT */
    } arg1;
    union {
        uint32_t nr_ents;   /* SET_LDT */
        uint32_t vcpumask;  /* *_MULTI: guest pointer to a vCPU bitmap */
        xen_pfn_t src_mfn;  /* COPY_PAGE */
    } arg2;
};
RL_ABI_ASSERT_SIZE(struct mmuext_op, 12);

/* multicall(calls, count): one entry, 32 bytes. */
struct multicall_entry {
    uint32_t op;        /* hypercall number */
    int32_t result;     /* written back by the hypervisor */
    uint32_t args[6];
};
RL_ABI_ASSERT_SIZE(struct multicall_entry, 32);

/*
 * Time: the hypervisor publishes, per vCPU, a (tsc, system_time) pair and
 * the scaling to turn TSC deltas into nanoseconds.  `version` is a seqlock:
 * odd while the hypervisor is updating; read it before and after.
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;     /* TSC at last update of time vals */
    uint64_t system_time;       /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul; /* ns = ((tsc delta << tsc_shift) * mul) >> 32 */
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};
RL_ABI_ASSERT_SIZE(struct vcpu_time_info, 32);

/*
 * Per-vCPU virtual interrupt state.  evtchn_upcall_mask is the virtual
 * interrupt flag (1 = events masked); evtchn_upcall_pending is set by the
 * hypervisor when an unmasked event arrives.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    uint8_t pad0[2];
    uint32_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};
RL_ABI_ASSERT_SIZE(struct vcpu_info, 64);

/*
 * The shared-info page: one per domain, its machine address is given in
 * start_info.shared_info and the guest maps it itself.
 */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    uint32_t evtchn_pending[32];    /* 1024 event-channel pending bits */
    uint32_t evtchn_mask[32];       /* 1024 event-channel mask bits */
    uint32_t wc_version;            /* wall clock, a seqlock like time */
    uint32_t wc_sec;
    uint32_t wc_nsec;
    struct arch_shared_info arch;
};
RL_ABI_ASSERT_SIZE(struct shared_info, 2344);

/*
 * start_info: filled by the domain builder; the guest finds it in ESI at
 * its first instruction.  1112 bytes on x86_32.
 */
struct start_info {
    char magic[32];             /* XEN_START_INFO_MAGIC, NUL-terminated */
    uint32_t nr_pages;          /* total pages allocated to this domain */
    uint32_t shared_info;       /* MACHINE address of the shared-info page */
    uint32_t flags;             /* SIF_* */
    xen_pfn_t store_mfn;        /* xenstore page (0: none) */
    uint32_t store_evtchn;
    union {
        struct {
            xen_pfn_t mfn;      /* console ring page (0: none) */
            uint32_t evtchn;
        } domU;
        struct {
            uint32_t info_off;
            uint32_t info_size;
        } dom0;
    } console;
    uint32_t pt_base;           /* VIRTUAL address of the top page table */
    uint32_t nr_pt_frames;      /* number of bootstrap page-table frames */
    uint32_t mfn_list;          /* VIRTUAL address of the phys-to-machine list */
    uint32_t mod_start;         /* VIRTUAL address of a pre-loaded module */
    uint32_t mod_len;           /* its size in bytes (0: none) */
    char cmd_line[MAX_GUEST_CMDLINE];
    uint32_t first_p2m_pfn;     /* first PFN of the initial P2M table */
    uint32_t nr_p2m_frames;     /* its number of frames */
};
RL_ABI_ASSERT_SIZE(struct start_info, 1112);

#endif /* !__ASSEMBLER__ */
#endif /* RINGLEADER_ABI_XEN_H */
