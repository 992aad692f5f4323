/*
 * multiboot.h - the Multiboot 1 information structure (the parts we use)
 * and the boot information the hypervisor copies out of it at once, so
 * nothing later depends on where the loader left it.
 */
#ifndef HV_MULTIBOOT_H
#define HV_MULTIBOOT_H

#include "types.h"

#define MBI_FLAG_MEM     (1U << 0)
#define MBI_FLAG_CMDLINE (1U << 2)
#define MBI_FLAG_MODS    (1U << 3)
#define MBI_FLAG_MMAP    (1U << 6)
#define MMAP_TYPE_RAM    1

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};

struct multiboot_module {
    uint32_t mod_start, mod_end;
    uint32_t cmdline;
    uint32_t reserved;
};
_Static_assert(sizeof(struct multiboot_module) == 16, "multiboot module layout");

struct __attribute__((packed)) multiboot_mmap_entry {
    uint32_t size;      /* of the rest of the entry */
    uint64_t addr, len;
    uint32_t type;
};

#define BOOT_MAX_MODULES 16
#define BOOT_CMDLINE_LEN 1024

struct boot_module {
    paddr_t start, end;
    char cmdline[BOOT_CMDLINE_LEN];
    bool refused;       /* at boot, before any domain: its frames are gone */
};

struct boot_info {
    char cmdline[BOOT_CMDLINE_LEN];
    unsigned nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
};

/* Copy what we need and feed RAM and module ranges to bootmem; panics on
 * a loader that gave no memory map. */
void multiboot_parse(paddr_t mbi_pa, struct boot_info *bi);

#endif /* HV_MULTIBOOT_H */
