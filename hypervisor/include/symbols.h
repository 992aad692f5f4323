/*
 * symbols.h - function names for stack traces.  The table is generated
 * from the linked image by tools/gensyms.sh and linked in a second pass.
 */
#ifndef HV_SYMBOLS_H
#define HV_SYMBOLS_H

#include "types.h"

/* Write "name+0xoff" (or "?") for a code address into buf. */
void symbol_describe(uint32_t addr, char *buf, size_t len);

#endif
