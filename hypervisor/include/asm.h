/*
 * asm.h - inline-assembly wrappers for privileged instructions.  Only
 * files that touch the hardware include this, so the pure logic elsewhere
 * compiles unchanged for the host unit tests.
 */
#ifndef HV_ASM_H
#define HV_ASM_H

#include "types.h"
#include "fpu.h"
#include "x86.h"

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile ("outb %0, %1" : : "a" (v), "Nd" (port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile ("inb %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile ("outw %0, %1" : : "a" (v), "Nd" (port));
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;
    __asm__ volatile ("inw %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile ("outl %0, %1" : : "a" (v), "Nd" (port));
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;
    __asm__ volatile ("inl %1, %0" : "=a" (v) : "Nd" (port));
    return v;
}

static inline uint32_t read_cr0(void)
{
    uint32_t v;
    __asm__ volatile ("mov %%cr0, %0" : "=r" (v));
    return v;
}

static inline void write_cr0(uint32_t v)
{
    __asm__ volatile ("mov %0, %%cr0" : : "r" (v) : "memory");
}

static inline uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile ("mov %%cr2, %0" : "=r" (v));
    return v;
}

static inline uint32_t read_cr3(void)
{
    uint32_t v;
    __asm__ volatile ("mov %%cr3, %0" : "=r" (v));
    return v;
}

static inline void write_cr3(uint32_t v)
{
    __asm__ volatile ("mov %0, %%cr3" : : "r" (v) : "memory");
}

static inline uint32_t read_cr4(void)
{
    uint32_t v;
    __asm__ volatile ("mov %%cr4, %0" : "=r" (v));
    return v;
}

static inline void write_cr4(uint32_t v)
{
    __asm__ volatile ("mov %0, %%cr4" : : "r" (v) : "memory");
}

/* Debug registers: the number is part of the instruction. */
static inline void write_dr(unsigned n, uint32_t v)
{
    switch (n) {
    case 0: __asm__ volatile ("mov %0, %%dr0" : : "r" (v)); break;
    case 1: __asm__ volatile ("mov %0, %%dr1" : : "r" (v)); break;
    case 2: __asm__ volatile ("mov %0, %%dr2" : : "r" (v)); break;
    case 3: __asm__ volatile ("mov %0, %%dr3" : : "r" (v)); break;
    case 6: __asm__ volatile ("mov %0, %%dr6" : : "r" (v)); break;
    case 7: __asm__ volatile ("mov %0, %%dr7" : : "r" (v)); break;
    }
}

static inline uint32_t read_dr6(void)
{
    uint32_t v;
    __asm__ volatile ("mov %%dr6, %0" : "=r" (v));
    return v;
}

static inline void invlpg(vaddr_t va)
{
    __asm__ volatile ("invlpg (%0)" : : "r" (va) : "memory");
}

/* The x87/MMX/SSE state as FXSAVE stores it (fpu.h); 16-byte aligned. */
static inline void fpu_init(void)
{
    __asm__ volatile ("fninit");
}

static inline void fpu_save(uint8_t *state)
{
    __asm__ volatile ("fxsave %0" : "=m" (*(uint8_t (*)[FPU_STATE_SIZE])state));
}

static inline void fpu_restore(const uint8_t *state)
{
    __asm__ volatile ("fxrstor %0" : : "m" (*(const uint8_t (*)[FPU_STATE_SIZE])state));
}

#define CPUID1_EDX_SEP  (1U << 11)      /* SYSENTER/SYSEXIT */
#define CPUID1_EDX_FXSR (1U << 24)

/* CPUID leaf 1's EDX: the feature flags. */
static inline uint32_t cpuid1_edx(void)
{
    uint32_t eax = 1, ebx, ecx = 0, edx;

    __asm__ volatile ("cpuid" : "+a" (eax), "=b" (ebx), "+c" (ecx), "=d" (edx));
    return edx;
}

static inline bool cpu_has_fxsr(void)
{
    return cpuid1_edx() & CPUID1_EDX_FXSR;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ volatile ("wrmsr" : : "c" (msr), "A" (val) : "memory");
}

/* CR0.TS: the next FPU instruction raises #NM. */
static inline void clts(void)
{
    __asm__ volatile ("clts");
}

static inline void stts(void)
{
    write_cr0(read_cr0() | CR0_TS);
}

static inline void halt_forever(void)
{
    for (;;)
        __asm__ volatile ("cli; hlt");
}

#endif /* HV_ASM_H */
