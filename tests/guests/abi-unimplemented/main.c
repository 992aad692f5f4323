/*
 * abi-unimplemented: the hypercalls (and sub-operations) Ringleader does
 * not implement yet answer what Xen 4.17 answers a PV32 guest for the same
 * request, never a blanket -ENOSYS where Xen says something else.
 *
 * One table: (hypercall, arguments) -> the answer on Xen and on
 * Ringleader.  The two are the same except where Ringleader must differ,
 * each such row listed in docs/xen-differences.md: the interfaces of a
 * control domain (the test guest is Xen's real dom0, while Ringleader has
 * no control domain and answers as Xen answers a domain without the
 * privilege), and the one query only Xen's hardware domain may make.
 * On Ringleader a second domain, the "witness", exists too, and the rows
 * that name it show what a domain may not do to another; on Xen there is
 * no domain 1, so the same rows are refused for that.  A third one,
 * "shutdown", stops itself with the legacy sched_op_compat.  The requests are chosen to be refused, or to be answered
 * without a feature Ringleader lacks: no row binds a port, maps a grant,
 * starts a timer or changes the domain.  A few rows also check a status
 * the call writes into its argument.
 */
#include "../lib/mm.h"
#include "../../../hypercall-abi/event_channel.h"
#include "../../../hypercall-abi/grant_table.h"
#include "../../../hypercall-abi/vcpu.h"
#include "../../../hypercall-abi/hvm_op.h"
#include "../../../hypercall-abi/control.h"

const char test_title[] = "unimplemented hypercalls answer as Xen does";

#define UNMAPPED 0x40000000U            /* far above this domain's memory */
#define HV_ADDR HYPERVISOR_VIRT_START   /* a guest may not name it */
#define NO_SUCH_DOMAIN 100
#define ITSELF 0                        /* the test guest is domain 0 on both */
#define OTHER 1                         /* the witness on Ringleader; none on Xen */
#define NO_SUCH_VCPU 4096
#define NO_SUCH_PORT 4096               /* beyond the 2-level ABI's 1024 */
#define NO_SUCH_MFN 0x7FFFFFFFU
#define UNKNOWN 99
#define P(x) ((uint32_t)(uintptr_t)(x))

/* ---- the arguments, one object per row that names one ---- */
static struct xen_control_op pf_oldver = { .cmd = UNKNOWN };
static struct xen_control_op pf_unknown = { .cmd = UNKNOWN,
                                            .interface_version = XENPF_INTERFACE_VERSION };
static struct xen_control_op sc_oldver = { .cmd = UNKNOWN };
static struct xen_control_op sc_unknown = { .cmd = UNKNOWN,
                                            .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
static struct xen_domctl dc_oldver = { .cmd = UNKNOWN, .domain = ITSELF };
#define DOMCTL(name, c, dom) static struct xen_domctl name = { .cmd = (c), \
    .interface_version = XEN_DOMCTL_INTERFACE_VERSION, .domain = (dom) }
DOMCTL(dc_nodom, UNKNOWN, NO_SUCH_DOMAIN);
DOMCTL(dc_selfid, UNKNOWN, DOMID_SELF);
DOMCTL(dc_itself, UNKNOWN, ITSELF);
DOMCTL(pd_unknown, UNKNOWN, NO_SUCH_DOMAIN);
DOMCTL(pd_nodom, XEN_DOMCTL_shadow_op, NO_SUCH_DOMAIN);
DOMCTL(dc_other, UNKNOWN, OTHER);
DOMCTL(pd_other, XEN_DOMCTL_shadow_op, OTHER);
static struct xen_domctl pd_oldver = { .cmd = XEN_DOMCTL_shadow_op, .domain = NO_SUCH_DOMAIN };

static struct evtchn_op eco_close = { .cmd = EVTCHNOP_close, .u.close.port = NO_SUCH_PORT };
static struct evtchn_op eco_reset = { .cmd = EVTCHNOP_reset };
static struct { uint32_t cmd, iopl; uint32_t pad[2]; } pco_iopl = { PHYSDEVOP_set_iopl, 4, { 0 } };
static struct { uint32_t cmd; uint32_t pad[3]; } pco_unknown = { 200, { 0 } };

static struct gnttab_setup_table gs_two, gs_nodom = { .dom = NO_SUCH_DOMAIN };
static struct gnttab_query_size gq_two, gq_nodom = { .dom = NO_SUCH_DOMAIN },
    gq_cont = { .dom = NO_SUCH_DOMAIN };
static struct gnttab_set_version gsv_three = { 3 };
static struct gnttab_get_status_frames gsf_two, gsf_nodom = { .dom = NO_SUCH_DOMAIN };
static struct gnttab_get_version ggv_nodom = { .dom = NO_SUCH_DOMAIN };

static uint8_t vcpu_context[VCPU_GUEST_CONTEXT_SIZE];
static struct vcpu_set_periodic_timer pt_short = { 999999 }, pt_long = { 1ULL << 62 };
static struct vcpu_register_area area_hv = { HV_ADDR, 0 };
static struct vcpu_register_vcpu_info vi_far = { .offset = 4033 }, vi_odd = { .offset = 2 },
    vi_nomfn = { .mfn = NO_SUCH_MFN };
static uint64_t physid;

static struct xennmi_callback nmi_cb = { .handler_address = P(test_main) };

static struct evtchn_alloc_unbound ev_alloc_nodom = { .dom = NO_SUCH_DOMAIN };
static struct evtchn_bind_interdomain ev_bi_nodom = { .remote_dom = NO_SUCH_DOMAIN },
    ev_bi_port0 = { .remote_dom = DOMID_SELF },
    ev_bi_noport = { .remote_dom = DOMID_SELF, .remote_port = NO_SUCH_PORT };
static struct evtchn_bind_virq bv_novirq = { .virq = NR_VIRQS },
    bv_global_v1 = { .virq = VIRQ_CONSOLE, .vcpu = 1 },
    bv_novcpu = { .virq = VIRQ_TIMER, .vcpu = NO_SUCH_VCPU };
static struct evtchn_bind_pirq bp_nopirq = { .pirq = 0xFFFFFFFFU };
static struct evtchn_bind_ipi bipi_novcpu = { .vcpu = NO_SUCH_VCPU };
static struct evtchn_close close_port0, close_noport = { NO_SUCH_PORT };
static struct evtchn_send send_port0, send_noport = { NO_SUCH_PORT };
static struct evtchn_status st_nodom = { .dom = NO_SUCH_DOMAIN },
    st_noport = { .dom = DOMID_SELF, .port = NO_SUCH_PORT };
static struct evtchn_bind_vcpu bvcpu_novcpu = { .vcpu = NO_SUCH_VCPU }, bvcpu_port0,
    bvcpu_noport = { .port = NO_SUCH_PORT };
static struct evtchn_unmask unmask_noport = { NO_SUCH_PORT };
static struct evtchn_reset reset_nodom = { NO_SUCH_DOMAIN }, reset_self = { DOMID_SELF };
static struct evtchn_init_control ic_novcpu = { .vcpu = NO_SUCH_VCPU },
    ic_far = { .offset = PMAP_PAGE_SIZE - EVTCHN_FIFO_CONTROL_BLOCK_SIZE + 1 },
    ic_odd = { .offset = 4 }, ic_nomfn = { .control_gfn = NO_SUCH_MFN };
static struct evtchn_expand_array ea = { NO_SUCH_MFN };
static struct evtchn_set_priority sp_noport = { .port = NO_SUCH_PORT };

static struct xen_hvm_param hp_index = { .domid = DOMID_SELF, .index = HVM_NR_PARAMS },
    hp_nodom = { .domid = NO_SUCH_DOMAIN }, hp_get = { .domid = DOMID_SELF },
    hp_set = { .domid = DOMID_SELF };
static struct xen_hvm_domain_op hd_nodom = { .domid = NO_SUCH_DOMAIN },
    hd_self = { .domid = DOMID_SELF }, hm_self = { .domid = DOMID_SELF };

static struct evtchn_alloc_unbound ev_alloc_other = { .dom = OTHER };
static struct evtchn_bind_interdomain ev_bi_other = { .remote_dom = OTHER };
static struct evtchn_status st_other = { .dom = OTHER };
static struct evtchn_reset reset_other = { OTHER };
static struct gnttab_get_version ggv_other = { .dom = OTHER };
static struct xen_hvm_param hp_other = { .domid = OTHER };
static struct xen_hvm_domain_op hd_other = { .domid = OTHER }, hm_other = { .domid = OTHER };

/* ---- the table ---- */
struct row {
    const char *what;
    uint32_t nr, args[5];
    long xen, rl;               /* the answer on each */
    const int16_t *status;      /* if set, must then read GNTST_bad_domain */
};

#define SAME(rc) .xen = (rc), .rl = (rc)
#define E(name) (-XEN_##name)

static const struct row rows[] = {
    /* Numbers with no handler on either. */
    { "hypercall 11 (unused)", 11, { 0 }, SAME(E(ENOSYS)) },
    { "set_segment_base (x86_64 only)", __HYPERVISOR_set_segment_base, { 0 }, SAME(E(ENOSYS)) },
    { "xsm_op (no XSM)", __HYPERVISOR_xsm_op, { 0 }, SAME(E(ENOSYS)) },
    { "tmem_op (gone)", __HYPERVISOR_tmem_op, { 0 }, SAME(E(ENOSYS)) },
    { "argo_op (not built)", __HYPERVISOR_argo_op, { 0 }, SAME(E(ENOSYS)) },
    { "hypercall 43 (unused)", 43, { 0 }, SAME(E(ENOSYS)) },
    { "hypercall 50 (arch_2)", 50, { 0 }, SAME(E(ENOSYS)) },
    { "hypercall 55 (arch_7)", 55, { 0 }, SAME(E(ENOSYS)) },
    { "sched_op_compat(unknown)", __HYPERVISOR_sched_op_compat, { UNKNOWN }, SAME(E(ENOSYS)) },
    { "sched_op_compat(yield)", __HYPERVISOR_sched_op_compat, { SCHEDOP_yield }, SAME(0) },

    /* The control domain's interfaces: the same until the privilege check. */
    { "platform_op(unreadable)", __HYPERVISOR_platform_op, { UNMAPPED }, SAME(E(EFAULT)) },
    { "platform_op(another version)", __HYPERVISOR_platform_op, { P(&pf_oldver) }, SAME(E(EACCES)) },
    { "platform_op(unknown)", __HYPERVISOR_platform_op, { P(&pf_unknown) },
      .xen = E(ENOSYS), .rl = E(EPERM) },
    { "sysctl(unreadable)", __HYPERVISOR_sysctl, { UNMAPPED }, SAME(E(EFAULT)) },
    { "sysctl(another version)", __HYPERVISOR_sysctl, { P(&sc_oldver) }, SAME(E(EACCES)) },
    { "sysctl(unknown)", __HYPERVISOR_sysctl, { P(&sc_unknown) }, .xen = E(ENOSYS), .rl = E(EPERM) },
    { "domctl(unreadable)", __HYPERVISOR_domctl, { UNMAPPED }, SAME(E(EFAULT)) },
    { "domctl(another version)", __HYPERVISOR_domctl, { P(&dc_oldver) }, SAME(E(EACCES)) },
    { "domctl(unknown, no such domain)", __HYPERVISOR_domctl, { P(&dc_nodom) }, SAME(E(ESRCH)) },
    { "domctl(unknown, DOMID_SELF)", __HYPERVISOR_domctl, { P(&dc_selfid) }, SAME(E(ESRCH)) },
    { "domctl(unknown, itself)", __HYPERVISOR_domctl, { P(&dc_itself) },
      .xen = E(ENOSYS), .rl = E(EPERM) },
    { "paging_domctl_cont(unreadable)", __HYPERVISOR_paging_domctl_cont, { UNMAPPED }, SAME(E(EFAULT)) },
    { "paging_domctl_cont(another version)", __HYPERVISOR_paging_domctl_cont, { P(&pd_oldver) },
      SAME(E(EOPNOTSUPP)) },
    { "paging_domctl_cont(not shadow_op)", __HYPERVISOR_paging_domctl_cont, { P(&pd_unknown) },
      SAME(E(EOPNOTSUPP)) },
    { "paging_domctl_cont(no such domain)", __HYPERVISOR_paging_domctl_cont, { P(&pd_nodom) },
      SAME(E(ESRCH)) },
    { "mca(unreadable)", __HYPERVISOR_mca, { UNMAPPED }, .xen = E(EFAULT), .rl = E(EPERM) },
    { "kexec_op(unknown)", __HYPERVISOR_kexec_op, { UNKNOWN }, .xen = 0, .rl = E(EPERM) },
    { "hypfs_op(get_version)", __HYPERVISOR_hypfs_op, { XEN_HYPFS_OP_get_version },
      .xen = 1, .rl = E(EPERM) },

    /* Debug registers: only the register number is checked yet. */
    { "set_debugreg(8)", __HYPERVISOR_set_debugreg, { 8, 0 }, SAME(E(ENODEV)) },
    { "set_debugreg(-1)", __HYPERVISOR_set_debugreg, { 0xFFFFFFFFU, 0 }, SAME(E(ENODEV)) },
    { "get_debugreg(8)", __HYPERVISOR_get_debugreg, { 8 }, SAME(E(ENODEV)) },
    { "get_debugreg(-1)", __HYPERVISOR_get_debugreg, { 0xFFFFFFFFU }, SAME(E(ENODEV)) },

    /* Timers: cancelling the one-shot timer that was never set. */
    { "set_timer_op(0)", __HYPERVISOR_set_timer_op, { 0, 0 }, SAME(0) },

    /* The legacy event-channel and physdev forms. */
    { "event_channel_op_compat(unreadable)", __HYPERVISOR_event_channel_op_compat, { UNMAPPED },
      SAME(E(EFAULT)) },
    { "event_channel_op_compat(close, no such port)", __HYPERVISOR_event_channel_op_compat,
      { P(&eco_close) }, SAME(E(EINVAL)) },
    { "event_channel_op_compat(reset)", __HYPERVISOR_event_channel_op_compat, { P(&eco_reset) },
      SAME(E(ENOSYS)) },
    { "physdev_op_compat(unreadable)", __HYPERVISOR_physdev_op_compat, { UNMAPPED }, SAME(E(EFAULT)) },
    { "physdev_op_compat(set_iopl 4)", __HYPERVISOR_physdev_op_compat, { P(&pco_iopl) },
      SAME(E(EINVAL)) },
    { "physdev_op_compat(unknown)", __HYPERVISOR_physdev_op_compat, { P(&pco_unknown) },
      SAME(E(ENOSYS)) },

    /* Grant tables. */
    { "grant_table_op(unknown)", __HYPERVISOR_grant_table_op, { UNKNOWN, 0, 0 }, SAME(E(ENOSYS)) },
    { "grant_table_op(dump_table)", __HYPERVISOR_grant_table_op, { GNTTABOP_dump_table, 0, 0 },
      SAME(E(ENOSYS)) },
    { "grant_table_op(unknown, count < 0)", __HYPERVISOR_grant_table_op, { UNKNOWN, 0, 0x80000000U },
      SAME(E(EINVAL)) },
    { "grant_table_op(query_size | continuation bits)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_query_size | 0x1000, P(&gq_cont), 1 }, SAME(E(EINVAL)) },
    { "grant_table_op(map_grant_ref, none)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_map_grant_ref, UNMAPPED, 0 }, SAME(0) },
    { "grant_table_op(map_grant_ref, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_map_grant_ref, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(unmap_grant_ref, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_unmap_grant_ref, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(transfer, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_transfer, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(copy, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_copy, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(swap_grant_ref, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_swap_grant_ref, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(cache_flush, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_cache_flush, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(setup_table, count 2)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_setup_table, P(&gs_two), 2 }, SAME(E(EINVAL)) },
    { "grant_table_op(setup_table, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_setup_table, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(setup_table, no such domain)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_setup_table, P(&gs_nodom), 1 }, SAME(0), &gs_nodom.status },
    { "grant_table_op(query_size, count 2)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_query_size, P(&gq_two), 2 }, SAME(E(EINVAL)) },
    { "grant_table_op(query_size, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_query_size, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(query_size, no such domain)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_query_size, P(&gq_nodom), 1 }, SAME(0), &gq_nodom.status },
    { "grant_table_op(set_version, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_set_version, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(set_version 3)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_set_version, P(&gsv_three), 1 }, SAME(E(EINVAL)) },
    { "grant_table_op(get_status_frames, count 2)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_get_status_frames, P(&gsf_two), 2 }, SAME(E(EINVAL)) },
    { "grant_table_op(get_status_frames, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_get_status_frames, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(get_status_frames, no such domain)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_get_status_frames, P(&gsf_nodom), 1 }, SAME(0), &gsf_nodom.status },
    { "grant_table_op(get_version, unreadable)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_get_version, UNMAPPED, 1 }, SAME(E(EFAULT)) },
    { "grant_table_op(get_version, no such domain)", __HYPERVISOR_grant_table_op,
      { GNTTABOP_get_version, P(&ggv_nodom), 1 }, SAME(E(ESRCH)) },

    /* Another domain's mappings: as update_va_mapping for DOMID_SELF. */
    { "update_va_mapping_otherdomain(no such domain)", __HYPERVISOR_update_va_mapping_otherdomain,
      { UNMAPPED, 0, 0, 0, NO_SUCH_DOMAIN }, SAME(E(ESRCH)) },
    { "update_va_mapping_otherdomain(itself by id)", __HYPERVISOR_update_va_mapping_otherdomain,
      { UNMAPPED, 0, 0, 0, ITSELF }, SAME(E(ESRCH)) },
    { "update_va_mapping_otherdomain(DOMID_SELF, hypervisor address)",
      __HYPERVISOR_update_va_mapping_otherdomain, { HV_ADDR, 0, 0, 0, DOMID_SELF }, SAME(E(EINVAL)) },

    /* vCPUs: one, vCPU 0, up and running. */
    { "vcpu_op(is_up, no such vCPU)", __HYPERVISOR_vcpu_op, { VCPUOP_is_up, NO_SUCH_VCPU },
      SAME(E(ENOENT)) },
    { "vcpu_op(unknown, no such vCPU)", __HYPERVISOR_vcpu_op, { UNKNOWN, NO_SUCH_VCPU }, SAME(E(ENOENT)) },
    { "vcpu_op(unknown)", __HYPERVISOR_vcpu_op, { UNKNOWN, 0 }, SAME(E(ENOSYS)) },
    { "vcpu_op(is_up)", __HYPERVISOR_vcpu_op, { VCPUOP_is_up, 0 }, SAME(1) },
    { "vcpu_op(up)", __HYPERVISOR_vcpu_op, { VCPUOP_up, 0 }, SAME(0) },
    { "vcpu_op(initialise, unreadable)", __HYPERVISOR_vcpu_op, { VCPUOP_initialise, 0, UNMAPPED },
      SAME(E(EFAULT)) },
    { "vcpu_op(initialise, running)", __HYPERVISOR_vcpu_op, { VCPUOP_initialise, 0, P(vcpu_context) },
      SAME(E(EEXIST)) },
    { "vcpu_op(stop_periodic_timer)", __HYPERVISOR_vcpu_op, { VCPUOP_stop_periodic_timer, 0 }, SAME(0) },
    { "vcpu_op(stop_singleshot_timer)", __HYPERVISOR_vcpu_op, { VCPUOP_stop_singleshot_timer, 0 },
      SAME(0) },
    { "vcpu_op(set_periodic_timer, unreadable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_set_periodic_timer, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(set_periodic_timer, under 1 ms)", __HYPERVISOR_vcpu_op,
      { VCPUOP_set_periodic_timer, 0, P(&pt_short) }, SAME(E(EINVAL)) },
    { "vcpu_op(set_periodic_timer, 2^62 ns)", __HYPERVISOR_vcpu_op,
      { VCPUOP_set_periodic_timer, 0, P(&pt_long) }, SAME(E(EINVAL)) },
    { "vcpu_op(set_singleshot_timer, unreadable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_set_singleshot_timer, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(get_runstate_info, unwritable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_get_runstate_info, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(register_runstate_memory_area, unreadable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_runstate_memory_area, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(register_runstate_memory_area, hypervisor address)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_runstate_memory_area, 0, P(&area_hv) }, SAME(E(EFAULT)) },
    { "vcpu_op(register_vcpu_time_memory_area, unreadable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_time_memory_area, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(register_vcpu_time_memory_area, hypervisor address)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_time_memory_area, 0, P(&area_hv) }, SAME(E(EFAULT)) },
    { "vcpu_op(register_vcpu_info, unreadable)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_info, 0, UNMAPPED }, SAME(E(EFAULT)) },
    { "vcpu_op(register_vcpu_info, offset past the page)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_info, 0, P(&vi_far) }, SAME(E(ENXIO)) },
    { "vcpu_op(register_vcpu_info, misaligned offset)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_info, 0, P(&vi_odd) }, SAME(E(ENXIO)) },
    { "vcpu_op(register_vcpu_info, no such frame)", __HYPERVISOR_vcpu_op,
      { VCPUOP_register_vcpu_info, 0, P(&vi_nomfn) }, SAME(E(EINVAL)) },
    { "vcpu_op(send_nmi, an argument)", __HYPERVISOR_vcpu_op, { VCPUOP_send_nmi, 0, 1 },
      SAME(E(EINVAL)) },
    /* Only the hardware domain's vCPU pinned to one CPU has a physical id. */
    { "vcpu_op(get_physid)", __HYPERVISOR_vcpu_op, { VCPUOP_get_physid, 0, P(&physid) },
      .xen = 0, .rl = E(EINVAL) },

    /* The NMI callback, in its older form. */
    { "nmi_op(register, unreadable)", __HYPERVISOR_nmi_op, { XENNMI_register_callback, UNMAPPED },
      SAME(E(EFAULT)) },
    { "nmi_op(register)", __HYPERVISOR_nmi_op, { XENNMI_register_callback, P(&nmi_cb) }, SAME(0) },
    { "nmi_op(unregister)", __HYPERVISOR_nmi_op, { XENNMI_unregister_callback }, SAME(0) },
    { "nmi_op(unknown)", __HYPERVISOR_nmi_op, { UNKNOWN }, SAME(E(ENOSYS)) },

    /* Profiling and the PMU. */
    { "xenoprof_op(last + 1)", __HYPERVISOR_xenoprof_op, { XENOPROF_last_op + 1 }, SAME(E(EINVAL)) },
    { "xenoprof_op(-1)", __HYPERVISOR_xenoprof_op, { 0xFFFFFFFFU }, SAME(E(EINVAL)) },
    { "xenoprof_op(reset_active_list)", __HYPERVISOR_xenoprof_op, { XENOPROF_reset_active_list },
      SAME(E(EPERM)) },
    { "xenoprof_op(init, unreadable)", __HYPERVISOR_xenoprof_op, { XENOPROF_init, UNMAPPED },
      SAME(E(EFAULT)) },
    { "xenpmu_op(init)", __HYPERVISOR_xenpmu_op, { XENPMU_init, UNMAPPED }, SAME(E(EOPNOTSUPP)) },
    { "xenpmu_op(mode_get)", __HYPERVISOR_xenpmu_op, { XENPMU_mode_get, UNMAPPED }, SAME(E(EOPNOTSUPP)) },

    /* Device models: for HVM domains, and there are none. */
    { "dm_op(3 buffers)", __HYPERVISOR_dm_op, { NO_SUCH_DOMAIN, 3, 0 }, SAME(E(E2BIG)) },
    { "dm_op(unreadable buffer)", __HYPERVISOR_dm_op, { NO_SUCH_DOMAIN, 1, UNMAPPED }, SAME(E(EFAULT)) },
    { "dm_op(no such domain)", __HYPERVISOR_dm_op, { NO_SUCH_DOMAIN, 0, 0 }, SAME(E(ESRCH)) },
    { "dm_op(DOMID_SELF)", __HYPERVISOR_dm_op, { DOMID_SELF, 0, 0 }, SAME(E(ESRCH)) },
    { "dm_op(itself)", __HYPERVISOR_dm_op, { ITSELF, 0, 0 }, SAME(E(EPERM)) },

    /* Event channels: no port is bound. */
    { "event_channel_op(unknown)", __HYPERVISOR_event_channel_op, { UNKNOWN, 0 }, SAME(E(ENOSYS)) },
#define EV_UNREADABLE(cmd) { "event_channel_op(" #cmd ", unreadable)", \
      __HYPERVISOR_event_channel_op, { EVTCHNOP_##cmd, UNMAPPED }, SAME(E(EFAULT)) }
    EV_UNREADABLE(bind_interdomain), EV_UNREADABLE(bind_virq), EV_UNREADABLE(bind_pirq),
    EV_UNREADABLE(close), EV_UNREADABLE(send), EV_UNREADABLE(status), EV_UNREADABLE(alloc_unbound),
    EV_UNREADABLE(bind_ipi), EV_UNREADABLE(bind_vcpu), EV_UNREADABLE(unmask), EV_UNREADABLE(reset),
    EV_UNREADABLE(init_control), EV_UNREADABLE(expand_array), EV_UNREADABLE(set_priority),
    EV_UNREADABLE(reset_cont),
#define EV(cmd, what, arg, rc) { "event_channel_op(" #cmd ", " what ")", \
      __HYPERVISOR_event_channel_op, { EVTCHNOP_##cmd, P(arg) }, SAME(rc) }
    EV(alloc_unbound, "no such domain", &ev_alloc_nodom, E(ESRCH)),
    EV(bind_interdomain, "no such domain", &ev_bi_nodom, E(ESRCH)),
    EV(bind_interdomain, "port 0 of itself", &ev_bi_port0, E(EINVAL)),
    EV(bind_interdomain, "no such port of itself", &ev_bi_noport, E(EINVAL)),
    EV(bind_virq, "virq 24", &bv_novirq, E(EINVAL)),
    EV(bind_virq, "a global virq on vCPU 1", &bv_global_v1, E(EINVAL)),
    EV(bind_virq, "no such vCPU", &bv_novcpu, E(ENOENT)),
    EV(bind_pirq, "no such pirq", &bp_nopirq, E(EINVAL)),
    EV(bind_ipi, "no such vCPU", &bipi_novcpu, E(ENOENT)),
    EV(close, "port 0", &close_port0, E(EINVAL)),
    EV(close, "no such port", &close_noport, E(EINVAL)),
    EV(send, "port 0", &send_port0, E(EINVAL)),
    EV(send, "no such port", &send_noport, E(EINVAL)),
    EV(status, "no such domain", &st_nodom, E(ESRCH)),
    EV(status, "no such port", &st_noport, E(EINVAL)),
    EV(bind_vcpu, "no such vCPU", &bvcpu_novcpu, E(ENOENT)),
    EV(bind_vcpu, "port 0", &bvcpu_port0, E(EINVAL)),
    EV(bind_vcpu, "no such port", &bvcpu_noport, E(EINVAL)),
    EV(unmask, "no such port", &unmask_noport, E(EINVAL)),
    EV(reset, "no such domain", &reset_nodom, E(ESRCH)),
    EV(reset, "itself", &reset_self, 0),
    EV(init_control, "no such vCPU", &ic_novcpu, E(ENOENT)),
    EV(init_control, "a block past the page", &ic_far, E(EINVAL)),
    EV(init_control, "a misaligned block", &ic_odd, E(EINVAL)),
    EV(init_control, "no such frame", &ic_nomfn, E(EINVAL)),
    EV(expand_array, "without init_control", &ea, E(EOPNOTSUPP)),
    EV(set_priority, "no such port", &sp_noport, E(EINVAL)),

    /* HVM operations, asked by a PV domain. */
    { "hvm_op(unknown)", __HYPERVISOR_hvm_op, { UNKNOWN, 0 }, SAME(E(ENOSYS)) },
    { "hvm_op(set_param, unreadable)", __HYPERVISOR_hvm_op, { HVMOP_set_param, UNMAPPED },
      SAME(E(EFAULT)) },
    { "hvm_op(get_param, index 39)", __HYPERVISOR_hvm_op, { HVMOP_get_param, P(&hp_index) },
      SAME(E(EINVAL)) },
    { "hvm_op(get_param, no such domain)", __HYPERVISOR_hvm_op, { HVMOP_get_param, P(&hp_nodom) },
      SAME(E(ESRCH)) },
    { "hvm_op(get_param, itself)", __HYPERVISOR_hvm_op, { HVMOP_get_param, P(&hp_get) }, SAME(E(EINVAL)) },
    { "hvm_op(set_param, itself)", __HYPERVISOR_hvm_op, { HVMOP_set_param, P(&hp_set) }, SAME(E(EINVAL)) },
    { "hvm_op(flush_tlbs)", __HYPERVISOR_hvm_op, { HVMOP_flush_tlbs, 0 }, SAME(E(EINVAL)) },
    { "hvm_op(flush_tlbs, an argument)", __HYPERVISOR_hvm_op, { HVMOP_flush_tlbs, 1 }, SAME(E(EINVAL)) },
    { "hvm_op(pagetable_dying, no such domain)", __HYPERVISOR_hvm_op,
      { HVMOP_pagetable_dying, P(&hd_nodom) }, SAME(E(ESRCH)) },
    { "hvm_op(pagetable_dying, itself)", __HYPERVISOR_hvm_op, { HVMOP_pagetable_dying, P(&hd_self) },
      SAME(E(EINVAL)) },
    { "hvm_op(get_mem_type, unreadable)", __HYPERVISOR_hvm_op, { HVMOP_get_mem_type, UNMAPPED },
      SAME(E(EFAULT)) },
    { "hvm_op(get_mem_type, itself)", __HYPERVISOR_hvm_op, { HVMOP_get_mem_type, P(&hm_self) },
      SAME(E(EINVAL)) },
    { "hvm_op(set_evtchn_upcall_vector)", __HYPERVISOR_hvm_op,
      { HVMOP_set_evtchn_upcall_vector, UNMAPPED }, SAME(E(EINVAL)) },
    { "hvm_op(guest_request_vm_event, an argument)", __HYPERVISOR_hvm_op,
      { HVMOP_guest_request_vm_event, 1 }, SAME(E(EINVAL)) },
    { "hvm_op(guest_request_vm_event)", __HYPERVISOR_hvm_op, { HVMOP_guest_request_vm_event, 0 },
      SAME(0) },

    /* Another domain: on Ringleader a domain may not act on another. */
#define OTHER_ROW(what, nr, xen_, rl_, ...) { what " (another domain)", nr, { __VA_ARGS__ }, \
      .xen = (xen_), .rl = (rl_) }
    OTHER_ROW("domctl(unknown)", __HYPERVISOR_domctl, E(ESRCH), E(EPERM), P(&dc_other)),
    OTHER_ROW("paging_domctl_cont", __HYPERVISOR_paging_domctl_cont, E(ESRCH), E(EPERM),
              P(&pd_other)),
    OTHER_ROW("update_va_mapping_otherdomain", __HYPERVISOR_update_va_mapping_otherdomain,
              E(ESRCH), E(EPERM), UNMAPPED, 0, 0, 0, OTHER),
    OTHER_ROW("event_channel_op(alloc_unbound)", __HYPERVISOR_event_channel_op, E(ESRCH), E(EPERM),
              EVTCHNOP_alloc_unbound, P(&ev_alloc_other)),
    OTHER_ROW("event_channel_op(bind_interdomain)", __HYPERVISOR_event_channel_op, E(ESRCH),
              E(EINVAL), EVTCHNOP_bind_interdomain, P(&ev_bi_other)),
    OTHER_ROW("event_channel_op(status)", __HYPERVISOR_event_channel_op, E(ESRCH), E(EPERM),
              EVTCHNOP_status, P(&st_other)),
    OTHER_ROW("event_channel_op(reset)", __HYPERVISOR_event_channel_op, E(ESRCH), E(EPERM),
              EVTCHNOP_reset, P(&reset_other)),
    OTHER_ROW("grant_table_op(get_version)", __HYPERVISOR_grant_table_op, E(ESRCH), E(EPERM),
              GNTTABOP_get_version, P(&ggv_other), 1),
    OTHER_ROW("hvm_op(get_param)", __HYPERVISOR_hvm_op, E(ESRCH), E(EINVAL), HVMOP_get_param,
              P(&hp_other)),
    OTHER_ROW("hvm_op(pagetable_dying)", __HYPERVISOR_hvm_op, E(ESRCH), E(EOPNOTSUPP),
              HVMOP_pagetable_dying, P(&hd_other)),
    OTHER_ROW("hvm_op(get_mem_type)", __HYPERVISOR_hvm_op, E(ESRCH), E(EPERM), HVMOP_get_mem_type,
              P(&hm_other)),
    OTHER_ROW("dm_op", __HYPERVISOR_dm_op, E(ESRCH), E(EINVAL), OTHER, 0, 0),
};

/* Any hypercall with a stub, by number. */
static long hypercall5(uint32_t nr, const uint32_t a[5])
{
    uint32_t b = a[0], c = a[1], d = a[2], s = a[3], di = a[4];
    long rc;

    __asm__ volatile ("call *%[stub]"
                      : "=a" (rc), "+b" (b), "+c" (c), "+d" (d), "+S" (s), "+D" (di)
                      : [stub] "0" (hypercall_page + nr * HYPERCALL_STUB_SIZE)
                      : "memory");
    return rc;
}

void test_main(void)
{
    bool rl = on_ringleader();
    char variant[10];

    test_variant(variant, sizeof(variant));
    if (!strcmp(variant, "witness")) {
        printf("the witness, domain %u\n", OTHER);
        test_success();
        return;
    }
    if (!strcmp(variant, "shutdown")) {
        /* No result line: the legacy shutdown powers the domain off. */
        uint32_t a[5] = { SCHEDOP_shutdown, SHUTDOWN_poweroff };
        test_failure("sched_op_compat(shutdown) returned %ld",
                     hypercall5(__HYPERVISOR_sched_op_compat, a));
        return;
    }
    for (unsigned i = 0; i < ARRAY_SIZE(rows); i++) {
        const struct row *r = &rows[i];
        long want = rl ? r->rl : r->xen;
        long rc = hypercall5(r->nr, r->args);
        if (rc != want)
            test_failure("%s returned %ld, expected %ld", r->what, rc, want);
        else if (r->status && *r->status != GNTST_bad_domain)
            test_failure("%s: status %d, expected %d", r->what, *r->status, GNTST_bad_domain);
    }
    printf("%u requests answered\n", ARRAY_SIZE(rows));
    test_success();
}
