#!/bin/sh
# gensyms.sh ELF > symbols.S
# Emit the hypervisor's symbol table (text symbols, sorted by address) as
# assembly for the second link pass.  With no ELF, emit an empty table.
set -eu
emit() {
    awk '
    BEGIN { n = 0; off = 0 }
    $2 ~ /^[tTwW]$/ { addr[n] = $1; name[n] = $3; noff[n] = off; off += length($3) + 1; n++ }
    END {
        print "\t.section .rodata.symbols, \"a\""
        print "\t.balign 4"
        print "\t.globl symbols_count, symbols_addr, symbols_name, symbols_strings"
        print "symbols_count:\t.long " n
        print "symbols_addr:"
        for (i = 0; i < n; i++) print "\t.long 0x" addr[i]
        print "symbols_name:"
        for (i = 0; i < n; i++) print "\t.long " noff[i]
        print "symbols_strings:"
        for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
    }'
}
if [ $# -eq 0 ]; then
    emit < /dev/null
else
    nm -n --defined-only "$1" | emit
fi
