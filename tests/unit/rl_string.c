/*
 * rl_string.c - the hypervisor's string.c, unchanged, with every function
 * but strlcpy (which glibc 2.36 lacks) renamed so it does not clash with
 * the host libc.  The code under test gets strlcpy from here.
 */
#define memcpy rl_memcpy
#define memmove rl_memmove
#define memset rl_memset
#define memcmp rl_memcmp
#define strlen rl_strlen
#define strnlen rl_strnlen
#define strcmp rl_strcmp
#define strncmp rl_strncmp
#define strchr rl_strchr
#include "../../hypervisor/lib/string.c"
