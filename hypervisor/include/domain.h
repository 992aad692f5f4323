/*
 * domain.h - a domain: one guest, its memory and its saved CPU state.
 * (One vCPU per domain for now.)
 */
#ifndef HV_DOMAIN_H
#define HV_DOMAIN_H

#include "types.h"
#include "trap.h"
#include "cmdline.h"
#include "../../hypercall-abi/xen.h"
#include "../../hypercall-abi/callback.h"
#include "fpu.h"
#include "x86.h"

#define MAX_DOMAINS 16
#define DOMAIN_CONSOLE_LINE 256
#define DOMAIN_REASON_LEN 160

enum domain_state {
    DOMAIN_FREE,        /* slot unused */
    DOMAIN_RUNNABLE,
    DOMAIN_SHUTDOWN,    /* stopped: see shutdown_reason; memory released */
};

struct domain {
    enum domain_state state;
    uint16_t id;
    char name[DOMAIN_NAME_LEN];
    bool privileged;
    uint32_t vm_assist;                 /* VMASST_TYPE_* bits enabled */
    uint32_t virtual_iopl;              /* physdev set_iopl: 0-3 */
    uint32_t virtual_cr4;               /* the guest's view of CR4 */
    uint8_t uart_regs[8];               /* its virtual COM1 */
    uint32_t continuations;             /* hypercalls preempted and continued */
    uint32_t bounces;                   /* traps delivered through the hypervisor */
    uint32_t shutdown_reason;           /* SHUTDOWN_* once stopped */
    char crash_reason[DOMAIN_REASON_LEN];
    bool memory_released;

    uint32_t nr_pages;                  /* pseudo-physical pages */
    uint32_t frame_list;                /* every frame it owns, via frame_info.next */
    uint32_t nr_frames;
    mfn_t l3_mfn;                       /* top-level page table (CR3) */
    mfn_t shared_info_mfn;

    struct trap_frame regs;             /* saved while not running */
    struct shared_info *shared;         /* its shared-info page (direct map) */
    struct trap_info traps[TRAP_INFO_ENTRIES];  /* the virtual IDT */
    uint32_t kernel_ss, kernel_sp;      /* stack_switch: traps from ring 3 */
    uint32_t event_cs, event_eip, failsafe_cs, failsafe_eip, nmi_eip;
    bool failsafe_masks_events;
    mfn_t gdt_frames[FIRST_RESERVED_GDT_PAGE];  /* set_gdt: its own GDT pages */
    unsigned gdt_nr_frames;
    bool int80_direct;                  /* INT 0x80 goes straight to the guest */
    struct gate_desc int80_gate;
    /* x87/MMX/SSE registers while not in the FPU (FXSAVE image). */
    uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(FPU_STATE_ALIGN)));
    bool virtual_ts;                    /* the guest's CR0.TS (fpu_taskswitch) */

    char console_line[DOMAIN_CONSOLE_LINE];
    size_t console_len;
};

struct domain *domain_create(const char *name);
/* Give a newly allocated frame to d (records ownership for the release). */
void domain_own_frame(struct domain *d, mfn_t mfn);
/* Free every frame of a stopped domain (never the running address space). */
void domain_release_memory(struct domain *d);
/* Stop d: it will not run again.  The reason is a SHUTDOWN_* value. */
void domain_shutdown(struct domain *d, uint32_t reason);
/* Stop d because of its own misbehaviour; prints the reason. */
void domain_crash(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void domain_console_write(struct domain *d, const char *buf, size_t len);
struct domain *domain_by_slot(unsigned slot);
/* The live domain with this id (DOMID_SELF: the caller), or NULL. */
struct domain *domain_by_id(uint16_t id);
/* Drop a dead domain's GDT frames (guest_gdt.c). */
void guest_gdt_release(struct domain *d);
/* The free-frame count with no domain at all, checked at the end. */
void domains_set_free_baseline(uint32_t frames);
/* Every domain has stopped: print the summary and leave the machine. */
void domains_finish(void) __attribute__((noreturn));

#endif /* HV_DOMAIN_H */
