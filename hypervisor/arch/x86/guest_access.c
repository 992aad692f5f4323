/*
 * guest_access.c - checked copies to and from guest virtual addresses.
 */
#include "hv.h"
#include "guest_access.h"
#include "../../hypercall-abi/xen.h"

static bool guest_range_ok(vaddr_t va, size_t len)
{
    return len <= HYPERVISOR_VIRT_START && va <= HYPERVISOR_VIRT_START - len;
}

/*
 * rep movsb; a fault resumes after it (the fixup) with ECX = bytes left.
 * The fixup path also writes EAX (the vector), hence the clobber.
 */
static size_t copy_with_fixup(void *dst, const void *src, size_t len)
{
    __asm__ volatile ("1:\trep movsb\n"
                      "2:\n"
                      ".pushsection .extable, \"a\"\n\t"
                      ".long 1b, 2b\n\t"
                      ".popsection"
                      : "+D" (dst), "+S" (src), "+c" (len)
                      : : "eax", "memory");
    return len;
}

int copy_from_guest(void *dst, vaddr_t src, size_t len)
{
    if (!guest_range_ok(src, len))
        return -XEN_EFAULT;
    return copy_with_fixup(dst, (const void *)(uintptr_t)src, len) ? -XEN_EFAULT : 0;
}

int copy_to_guest(vaddr_t dst, const void *src, size_t len)
{
    if (!guest_range_ok(dst, len))
        return -XEN_EFAULT;
    return copy_with_fixup((void *)(uintptr_t)dst, src, len) ? -XEN_EFAULT : 0;
}
