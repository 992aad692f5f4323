/*
 * boot-hello: the smallest guest.  It boots, prints, asks the hypervisor
 * its version and powers off.  Other tests use it as the witness that the
 * hypervisor and the other domains kept running.
 */
#include "../lib/test.h"

const char test_title[] = "a guest boots, prints and powers off";

/* Is `word` one of the space-separated words of `list`? */
static bool has_word(const char *list, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = list; *p; p++)
        if ((p == list || p[-1] == ' ') && !strncmp(p, word, n) && (p[n] == ' ' || !p[n]))
            return true;
    return false;
}

void test_main(void)
{
    long v = hypercall_xen_version(XENVER_version, NULL);
    xen_capabilities_info_t caps;

    if (v < 0) {
        test_failure("xen_version(version) returned %ld", v);
        return;
    }
    printf("hypervisor ABI version %ld.%ld\n", v >> 16, v & 0xFFFF);
    if (hypercall_xen_version(XENVER_capabilities, caps) < 0) {
        test_failure("xen_version(capabilities) failed");
        return;
    }
    if (!has_word(caps, XEN_START_INFO_MAGIC)) {
        test_failure("capabilities '%s' do not list %s", caps, XEN_START_INFO_MAGIC);
        return;
    }
    test_success();
}
