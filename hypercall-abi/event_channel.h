/*
 * event_channel.h - event_channel_op (hypercall 32): event_channel_op(cmd, arg).
 *
 * Layouts, and the refusals for now: Ringleader has no event channels
 * yet, so no port is ever bound, and every command answers what Xen
 * answers a domain with no bound port -- or, where Xen would bind or
 * report one, -ENOSYS (docs/abi.md lists which).  A port is an index into
 * the shared-info pending/mask bitmaps (1024 ports on x86_32).
 *
 * event_channel_op_compat(op) (hypercall 16) is the legacy form: arg ->
 * struct evtchn_op, whose first word is the command; the commands up to
 * EVTCHNOP_unmask only, the others -ENOSYS.
 */
#ifndef RINGLEADER_ABI_EVENT_CHANNEL_H
#define RINGLEADER_ABI_EVENT_CHANNEL_H

#include "xen.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq        1
#define EVTCHNOP_bind_pirq        2
#define EVTCHNOP_close            3
#define EVTCHNOP_send             4
#define EVTCHNOP_status           5
#define EVTCHNOP_alloc_unbound    6
#define EVTCHNOP_bind_ipi         7
#define EVTCHNOP_bind_vcpu        8
#define EVTCHNOP_unmask           9
#define EVTCHNOP_reset           10
#define EVTCHNOP_init_control    11     /* the FIFO ABI */
#define EVTCHNOP_expand_array    12
#define EVTCHNOP_set_priority    13
#define EVTCHNOP_reset_cont      14

#define VIRQ_TIMER    0
#define VIRQ_DEBUG    1
#define VIRQ_CONSOLE  2
#define VIRQ_XENOPROF 3
#define VIRQ_XENPMU  13
#define NR_VIRQS     24     /* all global but timer, debug, xenoprof, xenpmu */
#define EVTCHN_2L_NR_PORTS 1024         /* the 2-level ABI's ports on x86_32 */

#ifndef __ASSEMBLER__
typedef uint32_t evtchn_port_t;

struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;    /* IN */
    evtchn_port_t port;         /* OUT */
};
RL_ABI_ASSERT_SIZE(struct evtchn_alloc_unbound, 8);

struct evtchn_bind_interdomain {
    domid_t remote_dom;         /* IN */
    uint16_t pad;
    evtchn_port_t remote_port;  /* IN */
    evtchn_port_t local_port;   /* OUT */
};
RL_ABI_ASSERT_SIZE(struct evtchn_bind_interdomain, 12);

struct evtchn_bind_virq {
    uint32_t virq;              /* IN: VIRQ_* */
    uint32_t vcpu;              /* IN */
    evtchn_port_t port;         /* OUT */
};
RL_ABI_ASSERT_SIZE(struct evtchn_bind_virq, 12);

struct evtchn_close {
    evtchn_port_t port;
};
struct evtchn_send {
    evtchn_port_t port;
};
struct evtchn_unmask {
    evtchn_port_t port;
};
RL_ABI_ASSERT_SIZE(struct evtchn_close, 4);
RL_ABI_ASSERT_SIZE(struct evtchn_send, 4);
RL_ABI_ASSERT_SIZE(struct evtchn_unmask, 4);

struct evtchn_bind_pirq {
    uint32_t pirq;              /* IN */
    uint32_t flags;             /* IN: BIND_PIRQ__WILL_SHARE */
    evtchn_port_t port;         /* OUT */
};
RL_ABI_ASSERT_SIZE(struct evtchn_bind_pirq, 12);

struct evtchn_bind_ipi {
    uint32_t vcpu;              /* IN */
    evtchn_port_t port;         /* OUT */
};
RL_ABI_ASSERT_SIZE(struct evtchn_bind_ipi, 8);

struct evtchn_status {
    domid_t dom;                /* IN */
    uint16_t pad;
    evtchn_port_t port;         /* IN */
    uint32_t status;            /* OUT: EVTCHNSTAT_* */
    uint32_t vcpu;              /* OUT */
    uint32_t u[2];              /* OUT: by status */
};
RL_ABI_ASSERT_SIZE(struct evtchn_status, 24);

struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t vcpu;
};
RL_ABI_ASSERT_SIZE(struct evtchn_bind_vcpu, 8);

struct evtchn_reset {
    domid_t dom;
};
RL_ABI_ASSERT_SIZE(struct evtchn_reset, 2);

struct evtchn_init_control {
    uint64_t control_gfn;       /* IN: a frame of the guest's (a MFN for PV) */
    uint32_t offset;            /* IN: of the control block in it */
    uint32_t vcpu;              /* IN */
    uint32_t link_bits;         /* OUT */
    uint8_t pad[4];
};
RL_ABI_ASSERT_SIZE(struct evtchn_init_control, 24);
#define EVTCHN_FIFO_CONTROL_BLOCK_SIZE 72   /* ready, _rsvd, head[16] */

struct evtchn_expand_array {
    uint64_t array_gfn;
};
RL_ABI_ASSERT_SIZE(struct evtchn_expand_array, 8);

struct evtchn_set_priority {
    evtchn_port_t port;
    uint32_t priority;
};
RL_ABI_ASSERT_SIZE(struct evtchn_set_priority, 8);

/* event_channel_op_compat's argument: the command, then its structure. */
struct evtchn_op {
    uint32_t cmd;
    union {
        struct evtchn_alloc_unbound alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq bind_virq;
        struct evtchn_bind_pirq bind_pirq;
        struct evtchn_bind_ipi bind_ipi;
        struct evtchn_close close;
        struct evtchn_send send;
        struct evtchn_status status;
        struct evtchn_bind_vcpu bind_vcpu;
        struct evtchn_unmask unmask;
    } u;
};
RL_ABI_ASSERT_SIZE(struct evtchn_op, 28);
#endif

#endif /* RINGLEADER_ABI_EVENT_CHANNEL_H */
