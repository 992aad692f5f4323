/*
 * cmdline.c - a module's command line: "PATH [ARGS...]".
 *
 * The domain is named after PATH's last component.  ARGS go to the guest
 * unchanged in start_info.cmd_line (as Xen passes a kernel's arguments);
 * the hypervisor also reads one option from them:
 *
 *   mem=N[K|M|G]   the domain's memory (default 16 MiB, a whole number of
 *                  pages from 1 MiB to 1 GiB); no suffix means bytes
 *
 * The hypervisor's own command line has switches of the form key=1
 * (cmdline_flag()) and options of the form key=VALUE (cmdline_value()).
 *
 * Pure logic, unit-tested on the host.
 */
#include "cmdline.h"
#include "../lib/lib.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static size_t token_len(const char *s)
{
    size_t n = 0;

    while (s[n] && !is_space(s[n]))
        n++;
    return n;
}

/* Sizes saturate here: far above any limit, and safe to shift by 30. */
#define SIZE_SATURATED (1ULL << 40)

/*
 * Parse "N[K|M|G]" up to the next space; -1 on a malformed value.  A huge
 * value saturates at SIZE_SATURATED instead of failing, so that it is
 * reported as too large rather than as not a size.
 */
static int parse_size(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    const char *start = s;

    for (; *s >= '0' && *s <= '9'; s++)
        v = MIN(v * 10 + (uint64_t)(*s - '0'), SIZE_SATURATED);
    if (s == start)
        return -1;
    switch (*s) {
    case 'K': case 'k': shift = 10; s++; break;
    case 'M': case 'm': shift = 20; s++; break;
    case 'G': case 'g': shift = 30; s++; break;
    default: break;
    }
    if (*s && !is_space(*s))
        return -1;
    *out = v > SIZE_SATURATED >> shift ? SIZE_SATURATED : v << shift;
    return 0;
}

static void set_name(struct domain_options *opt, const char *path, size_t len)
{
    const char *base = path;

    for (size_t i = 0; i < len; i++)
        if (path[i] == '/')
            base = path + i + 1;
    len -= (size_t)(base - path);
    if (len == 0) {
        base = "domain";
        len = 6;
    }
    len = MIN(len, sizeof(opt->name) - 1);
    memcpy(opt->name, base, len);
    opt->name[len] = '\0';
}

static int parse_mem(const char *val, struct domain_options *opt, char *err, size_t errlen)
{
    uint64_t v;

    if (parse_size(val, &v) < 0) {
        snprintf(err, errlen, "mem=: '%.*s' is not a size (N, NK, NM or NG)",
                 (int)token_len(val), val);
        return -1;
    }
    if (v < DOMAIN_MEM_MIN) {
        snprintf(err, errlen, "mem=: '%.*s' is too small (the least is %u MiB)",
                 (int)token_len(val), val, DOMAIN_MEM_MIN >> 20);
        return -1;
    }
    if (v > DOMAIN_MEM_MAX) {
        snprintf(err, errlen, "mem=: '%.*s' is too large (the most is %u MiB)",
                 (int)token_len(val), val, DOMAIN_MEM_MAX >> 20);
        return -1;
    }
    if (v % 4096) {
        snprintf(err, errlen, "mem=: %llu bytes is not a whole number of 4 KiB pages",
                 (unsigned long long)v);
        return -1;
    }
    opt->mem_bytes = (uint32_t)v;
    return 0;
}

int cmdline_parse_module(const char *line, struct domain_options *opt,
                         char *err, size_t errlen)
{
    size_t path_len;
    const char *s;

    while (is_space(*line))
        line++;
    path_len = token_len(line);
    set_name(opt, line, path_len);
    opt->mem_bytes = DOMAIN_MEM_DEFAULT;
    s = line + path_len;
    while (is_space(*s))
        s++;
    opt->guest_cmdline = s;
    for (; *s; s++) {
        if ((s == opt->guest_cmdline || is_space(s[-1])) && !strncmp(s, "mem=", 4) &&
            parse_mem(s + 4, opt, err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* The value of the first word "key=VALUE" at or after s, or NULL. */
static const char *next_value(const char *s, const char *key)
{
    size_t key_len = strlen(key);

    for (; *s; s += token_len(s)) {
        while (is_space(*s))
            s++;
        if (token_len(s) > key_len && !strncmp(s, key, key_len) && s[key_len] == '=')
            return s + key_len + 1;
    }
    return NULL;
}

bool cmdline_flag(const char *line, const char *key)
{
    for (const char *v = next_value(line, key); v; v = next_value(v + token_len(v), key))
        if (token_len(v) == 1 && *v == '1')
            return true;
    return false;
}

const char *cmdline_value(const char *line, const char *key, size_t *len)
{
    const char *found = NULL;

    for (const char *v = next_value(line, key); v; v = next_value(v + token_len(v), key)) {
        found = v;
        *len = token_len(v);
    }
    return found;
}
