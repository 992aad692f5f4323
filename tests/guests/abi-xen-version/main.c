/*
 * abi-xen-version: the xen_version subcommands a PV guest asks at boot,
 * with Xen's layouts: version, extraversion, compile_info, capabilities,
 * changeset, platform_parameters (the start of the hypervisor hole),
 * get_features (PV: no auto-translated physmap; the initial domain has
 * XENFEAT_dom0; only submap 0 exists) and pagesize.
 */
#include "../lib/expect.h"

const char test_title[] = "xen_version subcommands answer as Xen's do";

static void check_strings(void)
{
    xen_extraversion_t extra;
    struct xen_compile_info ci;
    xen_capabilities_info_t caps;
    xen_changeset_info_t cs;

    expect_rc("xen_version(extraversion)", hypercall_xen_version(XENVER_extraversion, extra), 0);
    expect_rc("xen_version(compile_info)", hypercall_xen_version(XENVER_compile_info, &ci), 0);
    expect_rc("xen_version(capabilities)", hypercall_xen_version(XENVER_capabilities, caps), 0);
    expect_rc("xen_version(changeset)", hypercall_xen_version(XENVER_changeset, cs), 0);
    if (!terminated(extra, sizeof(extra)) || !terminated(ci.compiler, sizeof(ci.compiler)) ||
        !terminated(ci.compile_by, sizeof(ci.compile_by)) ||
        !terminated(ci.compile_domain, sizeof(ci.compile_domain)) ||
        !terminated(ci.compile_date, sizeof(ci.compile_date)) ||
        !terminated(caps, sizeof(caps)) || !terminated(cs, sizeof(cs)))
        test_failure("a version string is not NUL-terminated");
    else
        printf("extraversion '%s', compiler '%s', changeset '%s'\n", extra, ci.compiler, cs);
}

static void check_features(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };

    expect_rc("xen_version(get_features) submap 0", hypercall_xen_version(XENVER_get_features, &fi), 0);
    printf("features submap 0: %#x\n", fi.submap);
    if (fi.submap & (1U << XENFEAT_auto_translated_physmap))
        test_failure("a PV guest is told its physmap is auto-translated");
    if (!(fi.submap & (1U << XENFEAT_dom0)))
        test_failure("the initial domain is not told XENFEAT_dom0");
    fi.submap_idx = XENFEAT_NR_SUBMAPS;
    expect_rc("xen_version(get_features) past the last submap",
              hypercall_xen_version(XENVER_get_features, &fi), -XEN_EINVAL);
}

void test_main(void)
{
    struct xen_platform_parameters pp;
    long v = hypercall_xen_version(XENVER_version, NULL);

    expect_rc("xen_version(version)", v, 4 << 16 | 17);     /* Xen 4.17 */
    check_strings();
    expect_rc("xen_version(platform_parameters)",
              hypercall_xen_version(XENVER_platform_parameters, &pp), 0);
    if (pp.virt_start != HYPERVISOR_VIRT_START)
        test_failure("hypervisor hole starts at %#x, expected %#x", pp.virt_start,
                     HYPERVISOR_VIRT_START);
    check_features();
    expect_rc("xen_version(pagesize)", hypercall_xen_version(XENVER_pagesize, NULL), 4096);
    test_success();
}
