/*
 * rl_vsnprintf.c - the hypervisor's vsnprintf.c, unchanged, under names
 * that do not clash with the host libc.  It calls only strlen and strnlen,
 * which the host provides.
 */
#define vsnprintf rl_vsnprintf
#define snprintf rl_snprintf
#include "../../hypervisor/lib/vsnprintf.c"
