/*
 * guest_access.c - checked copies to and from guest virtual addresses.
 */
#include "hv.h"
#include "guest_access.h"
#include "memlayout.h"
#include "../../hypercall-abi/xen.h"

/* Is [va, va + len) below `limit` (and not wrapping)? */
static bool range_below(vaddr_t va, size_t len, vaddr_t limit)
{
    return len <= limit && va <= limit - len;
}

/*
 * rep movsl for the whole words, rep movsb for the rest (a page-table
 * request is four words: four moves, not sixteen); returns the bytes not
 * copied.  A fault in either resumes at a fixup with ECX = what that
 * instruction had left, so the words left count four bytes each.  The
 * fixup path also writes EAX (the vector), hence the clobber.
 */
static size_t copy_with_fixup(void *dst, const void *src, size_t len)
{
    size_t left = len / 4, tail = len % 4;

    __asm__ volatile ("1:\trep movsl\n\t"
                      "movl %[tail], %%ecx\n"
                      "2:\trep movsb\n\t"
                      "jmp 4f\n"
                      "3:\tleal (%[tail], %%ecx, 4), %%ecx\n"
                      "4:\n"
                      ".pushsection .extable, \"a\"\n\t"
                      ".long 1b, 3b\n\t"
                      ".long 2b, 4b\n\t"
                      ".popsection"
                      : "+D" (dst), "+S" (src), "+c" (left)
                      : [tail] "r" (tail) : "eax", "memory");
    return left;
}

/* A guest may read the read-only M2P itself, so it may pass it to us too (as on Xen). */
int copy_from_guest(void *dst, vaddr_t src, size_t len)
{
    if (!range_below(src, len, GUEST_SEGMENT_MAX_ADDR))
        return -XEN_EFAULT;
    return copy_with_fixup(dst, (const void *)(uintptr_t)src, len) ? -XEN_EFAULT : 0;
}

int copy_to_guest(vaddr_t dst, const void *src, size_t len)
{
    if (!range_below(dst, len, HYPERVISOR_VIRT_START))
        return -XEN_EFAULT;
    return copy_with_fixup((void *)(uintptr_t)dst, src, len) ? -XEN_EFAULT : 0;
}

bool guest_range_ok(vaddr_t va, size_t len)
{
    return range_below(va, len, HYPERVISOR_VIRT_START);
}

/* One byte of every page the range touches; only the mapping matters.
 * Like a copy of nothing, an empty range is always fine. */
int guest_readable(vaddr_t va, size_t len)
{
    uint8_t byte;

    if (len && !range_below(va, len, HYPERVISOR_VIRT_START))
        return -XEN_EFAULT;
    for (vaddr_t p = va; len && p < va + len; p = (p | (PAGE_SIZE - 1)) + 1)
        if (copy_from_guest(&byte, p, 1) < 0)
            return -XEN_EFAULT;
    return 0;
}

/* As guest_readable, writing each byte back as it was. */
int guest_writable(vaddr_t va, size_t len)
{
    uint8_t byte;

    if (len && !range_below(va, len, HYPERVISOR_VIRT_START))
        return -XEN_EFAULT;
    for (vaddr_t p = va; len && p < va + len; p = (p | (PAGE_SIZE - 1)) + 1)
        if (copy_from_guest(&byte, p, 1) < 0 || copy_to_guest(p, &byte, 1) < 0)
            return -XEN_EFAULT;
    return 0;
}
