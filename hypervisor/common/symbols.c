/*
 * symbols.c - address-to-name lookup over the generated symbol table:
 * addresses sorted ascending, each with an offset into a string blob.
 */
#include "hv.h"
#include "symbols.h"

extern const uint32_t symbols_count;
extern const uint32_t symbols_addr[];
extern const uint32_t symbols_name[];
extern const char symbols_strings[];

void symbol_describe(uint32_t addr, char *buf, size_t len)
{
    uint32_t lo = 0, hi = symbols_count;

    /* Find the last symbol at or below addr. */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (symbols_addr[mid] <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0) {
        snprintf(buf, len, "?");
        return;
    }
    snprintf(buf, len, "%s+%#x", &symbols_strings[symbols_name[lo - 1]],
             addr - symbols_addr[lo - 1]);
}
