/*
 * multiboot.c - read the loader's multiboot information: the memory map
 * (RAM ranges for bootmem), the modules and the command lines.  Everything
 * is copied into struct boot_info; the loader's structures may then be
 * overwritten.  Multiboot addresses are physical: they are read through
 * the direct map, which the early page tables already provide.
 */
#include "hv.h"
#include "multiboot.h"
#include "bootmem.h"
#include "memlayout.h"

static const void *early_phys(paddr_t pa, size_t len)
{
    if (pa + len > DIRECTMAP_SIZE || pa + len < pa)
        panic("multiboot: structure at %#llx is outside the direct map",
              (unsigned long long)pa);
    return (const void *)(uintptr_t)(pa + DIRECTMAP_VIRT_START);
}

static void copy_string(char *dst, paddr_t pa, size_t size)
{
    const char *src = early_phys(pa, 1);
    size_t n = 0;

    while (n < size - 1 && pa + n < DIRECTMAP_SIZE && src[n])
        n++;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/*
 * RAM above 4 GiB is left alone: CR3 holds a 32-bit address, so L3 tables
 * must live below it, and a CPU without 36-bit physical addressing could
 * not map it at all.
 */
#define RAM_LIMIT 0x100000000ULL

static void parse_mmap(const struct multiboot_info *mbi)
{
    const uint8_t *p = early_phys(mbi->mmap_addr, mbi->mmap_length);
    const uint8_t *end = p + mbi->mmap_length;

    while (p + sizeof(struct multiboot_mmap_entry) <= end) {
        const struct multiboot_mmap_entry *e = (const void *)p;
        paddr_t start = e->addr, stop = MIN(e->addr + e->len, RAM_LIMIT);
        if (e->type == MMAP_TYPE_RAM && stop < e->addr + e->len)
            printk("multiboot: ignoring RAM above 4 GiB\n");
        if (e->type == MMAP_TYPE_RAM && start < stop && bootmem_add_ram(start, stop) < 0)
            printk("multiboot: too many RAM ranges, ignoring %#llx+%#llx\n",
                   (unsigned long long)e->addr, (unsigned long long)e->len);
        p += e->size + sizeof(e->size);
    }
}

static void parse_modules(const struct multiboot_info *mbi, struct boot_info *bi)
{
    const struct multiboot_module *mod =
        early_phys(mbi->mods_addr, mbi->mods_count * sizeof(*mod));

    if (mbi->mods_count > BOOT_MAX_MODULES)
        printk("multiboot: %u modules, only the first %u are used\n",
               mbi->mods_count, BOOT_MAX_MODULES);
    bi->nr_modules = MIN(mbi->mods_count, (uint32_t)BOOT_MAX_MODULES);
    for (unsigned i = 0; i < bi->nr_modules; i++) {
        struct boot_module *m = &bi->modules[i];
        m->start = mod[i].mod_start;
        m->end = mod[i].mod_end;
        m->cmdline[0] = '\0';
        m->refused = false;
        if (mod[i].cmdline)
            copy_string(m->cmdline, mod[i].cmdline, sizeof(m->cmdline));
        bootmem_reserve(m->start, m->end);
    }
}

void multiboot_parse(paddr_t mbi_pa, struct boot_info *bi)
{
    const struct multiboot_info *mbi = early_phys(mbi_pa, sizeof(*mbi));

    if (!(mbi->flags & MBI_FLAG_MMAP))
        panic("multiboot: the loader gave no memory map");
    parse_mmap(mbi);
    bi->cmdline[0] = '\0';
    if ((mbi->flags & MBI_FLAG_CMDLINE) && mbi->cmdline)
        copy_string(bi->cmdline, mbi->cmdline, sizeof(bi->cmdline));
    bi->nr_modules = 0;
    if (mbi->flags & MBI_FLAG_MODS)
        parse_modules(mbi, bi);
}
