/*
 * event_channel.h - event_channel_op (hypercall 32): event_channel_op(cmd, arg).
 *
 * Layouts only, for now: Ringleader does not implement event channels yet
 * and returns -ENOSYS for every command.  A port is an index into the
 * shared-info pending/mask bitmaps (1024 ports on x86_32).
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

#define VIRQ_TIMER    0
#define VIRQ_DEBUG    1
#define VIRQ_CONSOLE  2

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
#endif

#endif /* RINGLEADER_ABI_EVENT_CHANNEL_H */
