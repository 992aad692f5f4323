/*
 * vcpu.h - vcpu_op (hypercall 24): vcpu_op(cmd, vcpuid, arg).
 *
 * A Ringleader domain has one vCPU, 0, which is up and running from its
 * first instruction.  Any other vcpuid is -ENOENT, whatever the command.
 * Commands whose answer follows from that (initialise: -EEXIST; up,
 * is_up, the timer stops) are answered as Xen answers them; the timers
 * and the registration of guest memory areas, which need features
 * Ringleader does not have yet, are -ENOSYS once their arguments pass
 * Xen's checks (docs/abi.md lists which).
 */
#ifndef RINGLEADER_ABI_VCPU_H
#define RINGLEADER_ABI_VCPU_H

#include "xen.h"

#define VCPUOP_initialise                    0
#define VCPUOP_up                            1
#define VCPUOP_down                          2
#define VCPUOP_is_up                         3
#define VCPUOP_get_runstate_info             4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer            6
#define VCPUOP_stop_periodic_timer           7
#define VCPUOP_set_singleshot_timer          8
#define VCPUOP_stop_singleshot_timer         9
#define VCPUOP_register_vcpu_info           10
#define VCPUOP_send_nmi                     11
#define VCPUOP_get_physid                   12
#define VCPUOP_register_vcpu_time_memory_area 13

#define VCPU_GUEST_CONTEXT_SIZE 2800    /* x86_32 struct vcpu_guest_context */
#define VCPU_RUNSTATE_INFO_SIZE   44    /* x86_32 struct vcpu_runstate_info */

#ifndef __ASSEMBLER__
struct vcpu_register_vcpu_info {
    uint64_t mfn;               /* frame holding the new vcpu_info */
    uint32_t offset;            /* of the vcpu_info in it */
    uint32_t rsvd;
};
RL_ABI_ASSERT_SIZE(struct vcpu_register_vcpu_info, 16);

struct vcpu_set_periodic_timer {
    uint64_t period_ns;         /* at least 1 ms */
};
RL_ABI_ASSERT_SIZE(struct vcpu_set_periodic_timer, 8);

struct vcpu_set_singleshot_timer {
    uint32_t timeout_abs_ns_lo, timeout_abs_ns_hi;  /* 4-byte aligned on x86_32 */
    uint32_t flags;
};
RL_ABI_ASSERT_SIZE(struct vcpu_set_singleshot_timer, 12);

/* register_runstate_memory_area / register_vcpu_time_memory_area: a guest
 * pointer, widened to 64 bits; the high half must be 0. */
struct vcpu_register_area {
    uint32_t addr_lo, addr_hi;
};
RL_ABI_ASSERT_SIZE(struct vcpu_register_area, 8);
#endif

#endif /* RINGLEADER_ABI_VCPU_H */
