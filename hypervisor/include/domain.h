/*
 * domain.h - a domain (one guest: its memory and devices) and its
 * virtual CPUs (their registers and processor state).
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
#include "frame.h"
#include "memlayout.h"

#define MAX_DOMAINS 16
#define MAX_VCPUS 1                 /* per domain, for now */
_Static_assert(MAX_VCPUS <= XEN_LEGACY_MAX_VCPUS, "each vCPU has a vcpu_info in shared_info");
#define DOMAIN_CONSOLE_LINE 256
#define DOMAIN_REASON_LEN 160

/*
 * A domain's life: its slot is FREE until the builder takes it; it is
 * BUILDING until its first vCPU can run; ALIVE while it runs; DEAD once it
 * has shut down or crashed (its memory is then released as soon as no CPU
 * has its address space loaded).
 */
enum domain_state {
    DOMAIN_FREE,
    DOMAIN_BUILDING,
    DOMAIN_ALIVE,
    DOMAIN_DEAD,
};

/*
 * What the scheduler knows of a vCPU.  RUNNING is the one on the CPU;
 * RUNNABLE ones wait their turn; BLOCKED ones wait for an event; DEAD ones
 * belong to a dead domain (or are not built yet: BUILDING).
 */
enum vcpu_state {
    VCPU_BUILDING,
    VCPU_RUNNABLE,
    VCPU_RUNNING,
    VCPU_BLOCKED,
    VCPU_DEAD,
};

struct domain;

/*
 * A virtual CPU: everything a guest kernel sets up per processor, as on
 * Xen (where VCPUOP_initialise hands each vCPU its own trap table,
 * callbacks, stack, GDT and CR3).  While it runs its registers are in the
 * trap frame at the top of the hypervisor stack; otherwise in `regs`.
 */
struct vcpu {
    struct domain *domain;
    unsigned id;                        /* index in its domain's vcpu[] */
    enum vcpu_state state;
    struct trap_frame regs;             /* saved while not running */
    struct vcpu_info *info;             /* its slot in the shared-info page */

    mfn_t l3_mfn;                       /* its top-level page table (CR3) */
    struct trap_info traps[TRAP_INFO_ENTRIES];  /* the virtual IDT */
    uint32_t kernel_ss, kernel_sp;      /* stack_switch: traps from ring 3 */
    uint32_t event_cs, event_eip, failsafe_cs, failsafe_eip, nmi_eip;
    bool failsafe_masks_events;
    uint16_t sysenter_cs, syscall32_cs;     /* CALLBACKTYPE_sysenter, _syscall32 */
    uint32_t sysenter_eip, syscall32_eip;
    bool sysenter_masks_events;
    /* The real INT 0x80 gate while this vCPU runs, when it is not the
     * default (bounce.c): the guest's own handler (the direct path), or
     * the hypervisor's stub with the handler's DPL (bounced, no #GP). */
    bool int80_gate_set;
    struct gate_desc int80_gate;
    mfn_t gdt_frames[FIRST_RESERVED_GDT_PAGE];  /* set_gdt: its own GDT pages */
    unsigned gdt_nr_frames;
    uint32_t ldt_base, ldt_ents;        /* MMUEXT_SET_LDT */
    mfn_t ldt_frames[LDT_PAGES];        /* LDT pages mapped so far, or INVALID_MFN */

    uint32_t dr[DR_BREAKPOINTS], dr6, dr7;  /* its debug registers (debugreg.c) */
    uint32_t dr7_emul;                  /* DR7's I/O breakpoint enables, kept aside */
    uint32_t virtual_iopl;              /* physdev set_iopl: 0-3 */
    uint32_t virtual_cr4;               /* CR4 as the guest wrote it: only its own bits count (emulate.c) */
    /* x87/MMX/SSE registers while not in the FPU (FXSAVE image). */
    uint8_t fpu[FPU_STATE_SIZE] __attribute__((aligned(FPU_STATE_ALIGN)));
    bool virtual_ts;                    /* the guest's CR0.TS (fpu_taskswitch) */
};

/* A domain: a guest's memory, its devices and its vCPUs. */
struct domain {
    enum domain_state state;
    uint16_t id;
    char name[DOMAIN_NAME_LEN];
    bool privileged;
    uint32_t vm_assist;                 /* VMASST_TYPE_* bits enabled */
    uint8_t uart_regs[8];               /* its virtual COM1 */
    uint8_t rtc_index;                  /* the RTC index it last wrote (ioport.c) */
    uint32_t continuations;             /* hypercalls preempted and continued */
    uint32_t bounces;                   /* traps delivered through the hypervisor */
    uint32_t shutdown_reason;           /* SHUTDOWN_* once stopped */
    char crash_reason[DOMAIN_REASON_LEN];
    bool memory_released;

    uint32_t nr_pages;                  /* pseudo-physical pages */
    struct frame_list frames;           /* every frame it owns */
    mfn_t shared_info_mfn;
    struct shared_info *shared;         /* its shared-info page (direct map) */

    unsigned nr_vcpus;
    struct vcpu vcpu[MAX_VCPUS];

    char console_line[DOMAIN_CONSOLE_LINE];
    size_t console_len;
};

#define for_each_vcpu(d, v) for (struct vcpu *v = (d)->vcpu; v < (d)->vcpu + (d)->nr_vcpus; v++)

struct domain *domain_create(const char *name);
/* Give a newly allocated frame to d (records ownership for the release). */
void domain_own_frame(struct domain *d, mfn_t mfn);
/* Free every frame of a stopped domain (never the running address space). */
void domain_release_memory(struct domain *d);
/* The builder is done with d: its vCPUs may run. */
void domain_start(struct domain *d);
/* Stop d: it will not run again.  The reason is a SHUTDOWN_* value. */
void domain_shutdown(struct domain *d, uint32_t reason);
/* Stop d because of its own misbehaviour; prints the reason. */
void domain_crash(struct domain *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void domain_console_write(struct domain *d, const char *buf, size_t len);
struct domain *domain_by_slot(unsigned slot);
/* The live domain with this id (DOMID_SELF: the caller), or NULL. */
struct domain *domain_by_id(uint16_t id);
/* Drop a dead vCPU's GDT frames (guest_gdt.c). */
void guest_gdt_release(struct vcpu *v);
/* The free-frame count with no domain at all, checked at the end. */
void domains_set_free_baseline(uint32_t frames);
/* Every domain has stopped: print the summary and leave the machine. */
void domains_finish(void) __attribute__((noreturn));

#endif /* HV_DOMAIN_H */
