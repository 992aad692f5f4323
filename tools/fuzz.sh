#!/bin/bash
# fuzz.sh [--seed S] [--n N] [--timeout SECONDS] [--icount] - a long run of
# the hypercall fuzzer (tests/guests/sec-fuzz) beside the witness domain
# (tests/guests/sec-witness) on Ringleader in QEMU, as `make fuzz` runs it.
#
# It prints the fuzzer's summary and the rate, in calls per second of
# wall time from the fuzzer's first line to its summary (the witness shares
# the CPU), and fails if the hypervisor panicked, a domain crashed, the
# run hung (timeout), a "(RL) BUG" line appeared, the fuzzer reported a
# failure or the witness did not end with SUCCESS.  It warns if the
# witness ended first, leaving the rest of the run unwitnessed.
#
#   --seed S       the fuzzer's seed (default 1); the same seed makes the
#                  same calls
#   --n N          how many calls (default 1000000)
#   --timeout S    seconds before the run counts as hung (default 120 +
#                  N / 5000, ten times what a run takes here)
#   --icount       QEMU -icount shift=0: the domains interleave the same
#                  way every time, so a failure repeats exactly (slower)
#
# The log is build/fuzz/seed-S.log.  Run `make` first (make fuzz does).
set -u

me=fuzz.sh
top=$(cd "$(dirname "$0")/.." && pwd)
seed=1 n=1000000 timeout="" icount=()

usage() { echo "usage: $me [--seed S] [--n N] [--timeout SECONDS] [--icount]" >&2; exit 2; }
number() { [[ $2 =~ ^[0-9]+$ ]] || { echo "$me: $1 wants a number, not '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
    case $1 in
    --seed) [ $# -ge 2 ] || usage; number "$1" "$2"; seed=$2; shift ;;
    --n) [ $# -ge 2 ] || usage; number "$1" "$2"; n=$2; shift ;;
    --timeout) [ $# -ge 2 ] || usage; number "$1" "$2"; timeout=$2; shift ;;
    --icount) icount=(--icount) ;;
    *) usage ;;
    esac
    shift
done
hv=$top/build/ringleader.elf fuzzer=$top/build/tests/sec-fuzz.elf
witness=$top/build/tests/sec-witness.elf
for f in "$hv" "$fuzzer" "$witness"; do
    [ -f "$f" ] || { echo "$me: $f is missing: run make first" >&2; exit 2; }
done
timeout=${timeout:-$((120 + n / 5000))}
# The witness checks about one round per 600 calls while the fuzzer runs
# (sec-fuzz/test.conf): give it twice that, and some for the start.
rounds=$((n / 300 + 50))
mkdir -p "$top/build/fuzz"
log=$top/build/fuzz/seed-$seed.log

echo "$me: seed $seed, $n calls, witness $rounds rounds, timeout ${timeout}s; log $log"
: > "$log"
start="" end=""
while IFS= read -r line; do
    printf '%s\n' "$line" >> "$log"
    case $line in
    *"fuzz: seed "*) start=$EPOCHREALTIME ;;
    *"fuzz: "[0-9]*" calls, "*) end=$EPOCHREALTIME ;;
    esac
    case $line in
    *"fuzz: "[0-9]*" of "*|*"witness: round"*) ;;    # progress: only in the log
    *fuzz:*|*witness:*|*Failure:*|*Error:*|*"Test result"*|"(RL) BUG"*|*panic*|*crashed*)
        printf '%s\n' "$line" ;;
    esac
done < <("$top/tools/qemu.sh" "${icount[@]}" --timeout "$timeout" --kernel "$hv" \
             --module "$fuzzer seed=$seed n=$n" \
             --module "$witness seed=$seed rounds=$rounds every=$((rounds / 10 + 1))" 2>&1 \
             < /dev/null; echo "qemu.sh status $?")

status=$(sed -n 's/^qemu.sh status //p' "$log")
problems=()
case $status in
0) ;;
2) problems+=("the hypervisor panicked") ;;
124) problems+=("the run hung: no end within ${timeout}s") ;;
*) problems+=("tools/qemu.sh exited with status $status (1: a domain crashed)") ;;
esac
grep -aq '^(RL) BUG' "$log" && problems+=("the hypervisor printed a BUG line")
grep -aq '^(d0) Failure:' "$log" && problems+=("the fuzzer reported a failure")
grep -aq '^(d0) Test result: SUCCESS' "$log" || problems+=("the fuzzer did not end with SUCCESS")
grep -aq '^(d1) Test result: SUCCESS' "$log" || problems+=("the witness did not end with SUCCESS")
if [ -n "$start" ] && [ -n "$end" ]; then
    awk -v n="$n" -v s="$start" -v e="$end" -v me="$me" 'BEGIN {
        printf "%s: %d calls in %.1f s of wall time: %.0f calls/s\n", me, n, e - s, n / (e - s) }'
fi
first=$(grep -an 'Test result' "$log" | head -n 1)
case $first in
*"(d1) Test result"*)
    echo "$me: warning: the witness ended before the fuzzer; the rest went unwitnessed" ;;
esac
if [ ${#problems[@]} -gt 0 ]; then
    for p in "${problems[@]}"; do echo "$me: FAIL (seed $seed, n $n): $p"; done
    echo "$me: the last lines of $log:"
    tail -n 15 "$log" | sed 's/^/  | /'
    exit 1
fi
echo "$me: PASS (seed $seed, n $n)"
