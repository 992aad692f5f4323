#!/bin/bash
# bench-profile.sh [BATCH] - where the instructions of Ringleader's batched
# mmu_update path go, per PTE, for batches of BATCH (default 512).
#
# It boots the benchmark guest (tests/bench) on Ringleader with only that
# row's group (only=mmu_update@BATCH, n=1024, one pass after the warm-up)
# under -icount, logging every instruction executed (qemu.sh --trace-exec,
# into a FIFO: the log would be gigabytes).  It counts the hypervisor's
# instructions executed while the guest is in its mmu_update loop
# (way_mmu_update, and the hypercall page it calls), for the last map,
# remap and unmap, and names each instruction's function with addr2line
# -i, so a function the compiler inlined is counted as itself, not as its
# caller.  These are self counts: a function's own instructions, not
# those of what it calls.
#
# Output: the table on stdout and in build/bench/profile-BATCH.txt.  It
# takes about a minute: the boot alone is some 50 million instructions.
set -eu

me=bench-profile.sh
top=$(cd "$(dirname "$0")/.." && pwd)
batch=${1:-512}
n=1024
hv=$top/build/ringleader.elf
guest=$top/build/bench/bench.elf
out=$top/build/bench/profile-$batch.txt

die() { echo "$me: error: $*" >&2; exit 1; }
case $batch in
1|2|4|8|16|32|64|128|256|512|1024) ;;
*) die "BATCH must be a power of 2 from 1 to 1024, not '$batch'" ;;
esac
for f in "$hv" "$guest"; do
    [ -f "$f" ] || die "$f is missing: run make first"
done

# The guest's loop: [start, end) of way_mmu_update; the hypercall page.
read -r way_start way_size < <(nm -S "$guest" | awk '$4 == "way_mmu_update" { print $1, $2 }')
stub=$(nm "$guest" | awk '$3 == "hypercall_page" { print $1 }')
if [ -z "$way_start" ] || [ -z "$stub" ]; then
    die "no way_mmu_update or hypercall_page in $guest"
fi
way_end=$(printf '%08x' $((16#$way_start + 16#$way_size)))
stub_end=$(printf '%08x' $((16#$stub + 4096)))

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkfifo "$dir/trace"

# Each instruction's log line is "Trace 0: HOST [CS_BASE/EIP/FLAGS/CFLAGS]":
# EIPs are 8 hex digits, so they compare as strings.  (A "Stopped
# execution of TB chain before ..." line names one that did not run yet:
# an interrupt, or the end of icount's budget, came first.)  A new entry into the
# loop's function starts an invocation (map, remap, unmap; the dry runs
# make no hypercall).  Printed: invocation, EIP, count, for the
# hypervisor's instructions and the loop's own.
awk -v ws="$way_start" -v we="$way_end" -v ss="$stub" -v se="$stub_end" '
$1 != "Trace" { next }
{
    pc = substr($4, index($4, "/") + 1, 8)
    if (pc >= "f5800000") {
        if (inloop) count[k, "hv " pc]++
    } else if (pc >= ws && pc < we) {
        if (pc == ws) k++
        inloop = 1
        count[k, "guest " pc]++
    } else if (pc >= ss && pc < se) {
        if (inloop) count[k, "guest " pc]++
    } else {
        inloop = 0
    }
}
END { for (c in count) { split(c, p, SUBSEP); print p[1], p[2], count[c] } }
' "$dir/trace" > "$dir/counts" &
counter=$!

echo "$me: tracing mmu_update with batches of $batch (about a minute)" >&2
status=0
"$top/tools/qemu.sh" --icount --trace-exec "$dir/trace" --timeout 900 --kernel "$hv" \
    --append bench=1 --module "$guest n=$n passes=1 only=mmu_update@$batch mem=8M" \
    > "$dir/log" 2>&1 < /dev/null || status=$?
wait "$counter"
if [ "$status" != 0 ] || ! grep -q 'Test result: SUCCESS' "$dir/log"; then
    tail -n 20 "$dir/log" >&2
    die "the traced run failed (qemu.sh status $status)"
fi

# The last three invocations that entered the hypervisor: the counted
# pass's map, remap and unmap.
last=$(awk '$2 == "hv" { print $1 }' "$dir/counts" | sort -n | uniq | tail -n 3 | tr '\n' ' ')
[ "$(echo "$last" | wc -w)" = 3 ] || die "found no map, remap and unmap in the trace"

# Each hypervisor EIP's innermost function (addr2line -i prints it first),
# and where each out-of-line function starts, to count its calls.
awk '$2 == "hv" { print "0x" $3 }' "$dir/counts" | sort -u > "$dir/pcs"
addr2line -f -i -a -e "$hv" < "$dir/pcs" |
    awk '/^0x/ { pc = substr($1, 3); getline fn; print pc, fn; next }' > "$dir/names"
nm "$hv" | awk '$2 ~ /^[tT]$/ { print $1, $3 }' > "$dir/starts"

{
    echo "Ringleader's mmu_update, batches of $batch, commit $(git -C "$top" rev-parse --short HEAD):"
    echo "instructions per PTE (n=$n) by function, each function's own (a function"
    echo "the compiler inlined counts as itself), and its calls per PTE (- if inlined)"
    grep -a 'BENCH [a-z]*/mmu_update' "$dir/log" | sed 's/^(d0) /measured: /'
    awk -v last="$last" -v n="$n" '
    BEGIN { split(last, inv, " "); for (i = 1; i <= 3; i++) op[inv[i]] = i }
    FILENAME ~ /names$/ { name[$1] = $2; next }
    FILENAME ~ /starts$/ { start[$1] = $2; next }
    !($1 in op) { next }
    $2 == "guest" { guest[op[$1]] += $4; next }
    {
        o = op[$1]; f = name[$3]
        c[f, o] += $4; tot[o] += $4; all[f] += $4
        if (start[$3] == f) calls[f, o] += $4
    }
    END {
        printf "%-24s %14s %14s %14s\n", "function", "map  calls", "remap  calls", "unmap  calls"
        m = 0
        for (f in all) if (all[f] >= 0.5 * n) order[++m] = f; else { rest[1] += c[f, 1]
            rest[2] += c[f, 2]; rest[3] += c[f, 3]; nrest++ }
        for (i = 1; i <= m; i++)            # by total, largest first
            for (j = i; j > 1 && all[order[j]] > all[order[j - 1]]; j--) {
                t = order[j]; order[j] = order[j - 1]; order[j - 1] = t }
        for (i = 1; i <= m; i++) {
            printf "%-24s", order[i]
            for (o = 1; o <= 3; o++)
                printf " %7.1f %6s", c[order[i], o] / n,
                       (order[i], o) in calls ? sprintf("%.1f", calls[order[i], o] / n) : "-"
            printf "\n"
        }
        printf "%-24s", "(" nrest " others)"
        for (o = 1; o <= 3; o++) printf " %7.1f %6s", rest[o] / n, ""
        printf "\n%-24s", "hypervisor, in all"
        for (o = 1; o <= 3; o++) printf " %7.1f %6s", tot[o] / n, ""
        printf "\n%-24s", "guest loop and stub"
        for (o = 1; o <= 3; o++) printf " %7.1f %6s", guest[o] / n, ""
        printf "\n"
    }' "$dir/names" "$dir/starts" "$dir/counts"
} | tee "$out"
