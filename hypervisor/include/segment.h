/*
 * segment.h - the hypervisor's GDT layout.  The guest's flat selectors
 * (FLAT_RING1_CS and friends) and the hypervisor's own code and data
 * selectors (__HYPERVISOR_CS/DS), which guests must be refused, come from
 * the public ABI; the GDT page that holds them is the first reserved page
 * (FIRST_RESERVED_GDT_PAGE), as in Xen.
 */
#ifndef HV_SEGMENT_H
#define HV_SEGMENT_H

#include "../../hypercall-abi/arch-x86_32.h"

#define HV_CS        __HYPERVISOR_CS    /* ring-0 code, flat */
#define HV_DS        __HYPERVISOR_DS    /* ring-0 data, flat */
#define HV_TSS_SEL   0xe038     /* the per-CPU TSS */
#define HV_PROBE_SEL 0xe040     /* a 4 KiB data segment for the limit probe */
#define HV_LDT_SEL   0xe048     /* the running vCPU's LDT, when it has one */
#define HV_GDT_LAST_SEL HV_LDT_SEL
#define SEL_NULL_RPL3 3         /* the CS a SYSENTER frame shows, as on Xen */

/* Early-boot selectors in boot.S's temporary GDT. */
#define BOOT_CS 0x08
#define BOOT_DS 0x10

#endif /* HV_SEGMENT_H */
