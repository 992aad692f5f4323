/*
 * cmdline.h - parsing a multiboot module's command line into domain
 * options.  The line is "PATH [ARGS...]" as GRUB and QEMU pass it.
 * Also the switches of the hypervisor's own command line.
 */
#ifndef HV_CMDLINE_H
#define HV_CMDLINE_H

#include "types.h"

#define DOMAIN_NAME_LEN 32
#define DOMAIN_MEM_DEFAULT (16U << 20)
#define DOMAIN_MEM_MIN     (1U << 20)
#define DOMAIN_MEM_MAX     (1024U << 20)

struct domain_options {
    char name[DOMAIN_NAME_LEN];     /* basename of PATH */
    uint32_t mem_bytes;             /* mem=N[K|M|G], default 16 MiB */
    const char *guest_cmdline;      /* ARGS, handed to the guest as is */
};

/*
 * Returns 0, or -1 with a one-line reason in `err` (a malformed, zero,
 * too small, too large or unaligned mem= value).  guest_cmdline points
 * into `line`.
 */
int cmdline_parse_module(const char *line, struct domain_options *opt,
                         char *err, size_t errlen);

/*
 * The hypervisor's own command line: is "key=1" one of its words?  (The
 * one such switch is bench=1, for the benchmark hypercall.)
 */
bool cmdline_flag(const char *line, const char *key);

/*
 * The value of the last "key=VALUE" word of `line` (its length in *len),
 * or NULL if there is none: the last one wins, as on Xen's command line.
 */
const char *cmdline_value(const char *line, const char *key, size_t *len);

#endif /* HV_CMDLINE_H */
