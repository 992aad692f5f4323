/*
 * entry.S - the guest kernel's trap entry points: a stub per vector it
 * handles, then kernel_trap(frame) (traps.c) and a native IRET back (see
 * trap_stubs.h for the frame).
 */
#include "trap_stubs.h"

        .text
        TRAP_STUB trap_0, 0
        TRAP_STUB trap_3, 3
        TRAP_STUB trap_6, 6
        TRAP_STUB trap_7, 7
        TRAP_STUB trap_13, 13
        TRAP_STUB trap_14, 14
        TRAP_COMMON kernel_trap
