/*
 * trap.h - the register frame every entry into the hypervisor builds
 * (entry.S), and the trap-handling interface.
 */
#ifndef HV_TRAP_H
#define HV_TRAP_H

#include "types.h"
#include "trap_asm.h"

/* Low to high: what pusha, the stub (segments, vector, error code) and the
 * CPU (eip..ss) pushed.  esp/ss exist only for entries from ring 1 or 3. */
struct trap_frame {
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax; /* pusha */
    uint32_t ds, es, fs, gs;                                  /* stub */
    uint32_t vector, error_code;                              /* stub */
    uint32_t eip, cs, eflags;                                 /* CPU */
    uint32_t esp, ss;                                         /* CPU, from ring 1/3 */
};
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_SIZE, "trap_frame matches entry.S");
_Static_assert(__builtin_offsetof(struct trap_frame, eax) == TF_EAX &&
               __builtin_offsetof(struct trap_frame, eip) == TF_EIP &&
               __builtin_offsetof(struct trap_frame, cs) == TF_CS &&
               __builtin_offsetof(struct trap_frame, eflags) == TF_EFLAGS &&
               __builtin_offsetof(struct trap_frame, esp) == TF_ESP &&
               __builtin_offsetof(struct trap_frame, ss) == TF_SS &&
               TRAP_FRAME_SIZE - TF_EIP + 8 == GUEST_ENTRY_PUSHED, "trap_frame offsets in entry.S");

static inline bool frame_from_guest(const struct trap_frame *f)
{
    return (f->cs & 3) != 0;
}

void trap_init(void);
/* Where SYSENTER puts ESP (as TSS.ESP0 for a trap from ring 1 or 3). */
void sysenter_set_stack(uint32_t esp);
bool irq_timer_pending(void);
void trap_dispatch(struct trap_frame *f);
void guest_restore_failed(struct trap_frame *f);
void enter_first_guest(void) __attribute__((noreturn));

/* The frame of the running guest: always at the top of the hypervisor stack. */
struct trap_frame *guest_frame(void);

/* Exception-table lookup: the fixup address for a faulting EIP, or 0. */
uint32_t extable_fixup(uint32_t eip);

#endif /* HV_TRAP_H */
