/*
 * types.h - the hypervisor's basic types.  Machine frames, guest
 * pseudo-physical frames and virtual addresses are distinct types so the
 * compiler refuses to mix them up.
 */
#ifndef HV_TYPES_H
#define HV_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint64_t paddr_t;       /* a machine (physical) address */
typedef uint32_t vaddr_t;       /* a virtual address */

/* A machine frame number. */
typedef struct { uint32_t m; } mfn_t;
/* A guest pseudo-physical frame number. */
typedef struct { uint32_t p; } pfn_t;

static inline mfn_t _mfn(uint32_t m) { return (mfn_t){ m }; }
static inline uint32_t mfn_x(mfn_t mfn) { return mfn.m; }
static inline pfn_t _pfn(uint32_t p) { return (pfn_t){ p }; }
static inline uint32_t pfn_x(pfn_t pfn) { return pfn.p; }
static inline paddr_t mfn_to_maddr(mfn_t mfn) { return (paddr_t)mfn.m << 12; }
static inline mfn_t maddr_to_mfn(paddr_t pa) { return _mfn((uint32_t)(pa >> 12)); }
static inline bool mfn_eq(mfn_t a, mfn_t b) { return a.m == b.m; }

#define INVALID_MFN _mfn(~0U)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a) (((x) + (a) - 1) / (a) * (a))
#define ROUND_DOWN(x, a) ((x) / (a) * (a))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif /* HV_TYPES_H */
