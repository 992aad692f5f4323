#!/bin/bash
# bench.sh [--compare] [--isolation split|segments|both] - run the
# benchmark guest (tests/bench/, see docs/benchmarks.md) and report its
# figures:
#   a header and a table on the console, also in build/bench/results.txt;
#   build/bench/results.csv:
#     name,batch,mode,hypervisor,isolation,median,min,max,unit;
#   build/bench/pte-batching.png: cost per PTE against batch size.
#
#   (default)   Ringleader, booted with bench=1, under QEMU TCG with
#               -icount shift=0, where a TSC tick is one executed
#               instruction (deterministic), then under plain TCG, where
#               it is a host TSC cycle (noisy), then under KVM if a probe
#               shows that this host's KVM can run a ring-1 guest at all.
#   --compare   the same binary on Ringleader and on Xen 4.17 (built and
#               cached by tools/xen-build.sh), both under -icount shift=0,
#               row by row with the ratio Ringleader / Xen.
#   --isolation MODE  every Ringleader run above once per isolation mode,
#               with isolation=split, isolation=segments or (both) each in
#               turn on its command line; the table gets a column per mode
#               and, with both, their difference.  Without it Ringleader
#               runs once, in the mode it picks itself ("default").
#
# Environment: BENCH_ARGS, the guest's arguments (default none: n=4096
# passes=9 iters=64; see tests/bench/main.c); BENCH_HV_ARGS, more of
# Ringleader's own arguments, after bench=1 (and before isolation=);
# BENCH_TIMEOUT, seconds per QEMU run (default 600).  Run `make` first
# (make bench does).
set -eu

me=bench.sh
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/bench
hv=$top/build/ringleader.elf
guest=$out/bench.elf
probe_guest=$top/build/tests/boot-hello.elf
timeout=${BENCH_TIMEOUT:-600}
read -r -a guest_args <<< "${BENCH_ARGS:-} mem=32M"
compare=no
isolations=(default)

die() { echo "$me: error: $*" >&2; exit 1; }
say() { echo "$me: $*" >&2; }

usage() { echo "usage: $me [--compare] [--isolation split|segments|both]" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case $1 in
    --compare) compare=yes ;;
    --isolation)
        [ $# -ge 2 ] || usage
        case $2 in
        split|segments) isolations=("$2") ;;
        both) isolations=(split segments) ;;
        *) usage ;;
        esac
        shift ;;
    *) usage ;;
    esac
    shift
done
for f in "$hv" "$guest" "$probe_guest"; do
    [ -f "$f" ] || die "$f is missing: run make first"
done
"$top/tools/deps.sh" bench
mkdir -p "$out"
rows=$out/rows.tsv
runs=$out/runs.txt
: > "$rows"
: > "$runs"

# The BENCH lines of a finished run, as rows: hypervisor, mode,
# isolation (empty for Xen), name, batch, unit, median, min, max, reason
# (for an absent row).  Whatever precedes "BENCH" on a line ("(d0) " on
# Ringleader) is dropped.  The run's line in the header names the
# hypervisor's command line.
collect() {
    local hvname=$1 mode=$2 iso=$3 args=$4 log=$5 status=$6 what=$1\ $2
    case $iso in
    ""|default) ;;
    *) what="$what, isolation $iso" ;;
    esac
    if [ "$status" != 0 ] || ! grep -aq 'BENCH-INFO done' "$log" ||
        ! grep -aq 'Test result: SUCCESS' "$log"; then
        tail -n 20 "$log" | sed 's/^/  | /' >&2
        die "the $what run did not finish cleanly (status $status): see $log"
    fi
    tr -d '\r' < "$log" | sed -n 's/^.*\(BENCH\(-INFO\)\{0,1\} .*\)$/\1/p' |
        awk -v hv="$hvname" -v mode="$mode" -v iso="$iso" -v what="$what ($args)" -v runs="$runs" '
        BEGIN { OFS = "\t" }
        $1 == "BENCH-INFO" && $2 != "done" {
            sub(/^BENCH-INFO /, ""); info = info (info ? "; " : "") $0; next }
        $1 == "BENCH" && $5 == "absent" {
            why = $0; for (i = 1; i <= 5; i++) sub(/^[^ ]+ /, "", why)
            print hv, mode, iso, $2, $3, $4, "absent", "", "", why; next }
        $1 == "BENCH" { print hv, mode, iso, $2, $3, $4, $5, $6, $7, "" }
        END { printf "%s: %s\n", what, info >> runs }' >> "$rows"
}

# Ringleader under QEMU mode `mode`, with isolation=ISO on its command
# line unless iso is "default".
run_ringleader() {
    local mode=$1 iso=$2 log=$out/ringleader-$1.log status=0 args
    local -a how=()
    case $mode in
    icount) how=(--icount) ;;
    kvm) how=(--accel kvm) ;;
    esac
    args="bench=1${BENCH_HV_ARGS:+ $BENCH_HV_ARGS}"
    if [ "$iso" != default ]; then
        args="$args isolation=$iso"
        log=$out/ringleader-$mode-$iso.log
    fi
    say "Ringleader, $mode, isolation $iso ($args): $log"
    "$top/tools/qemu.sh" "${how[@]}" --timeout "$timeout" --kernel "$hv" --append "$args" \
        --module "$guest ${guest_args[*]}" > "$log" 2>&1 < /dev/null || status=$?
    collect ringleader "$mode" "$iso" "$args" "$log" "$status"
}

run_xen() {
    local log=$out/xen-icount.log status=0 args="dom0_mem=32M"
    say "Xen 4.17, icount: $log"
    "$top/tools/xen-run.sh" --icount --timeout "$timeout" --xen-args "$args" \
        "$guest" "${guest_args[@]}" > "$log" 2>&1 < /dev/null || status=$?
    collect xen icount "" "$args" "$log" "$status"
}

# KVM counts only if it can run Ringleader's ring-1 guests: boot the
# smallest test guest and see whether it powers off.  kvm_why says why not.
kvm_why=""
kvm_usable() {
    local log=$out/kvm-probe.log status=0
    if [ ! -c /dev/kvm ]; then
        kvm_why="no /dev/kvm"
        return 1
    fi
    "$top/tools/qemu.sh" --accel kvm --timeout 30 --kernel "$hv" --module "$probe_guest" \
        > "$log" 2>&1 < /dev/null || status=$?
    if [ "$status" = 0 ] && grep -aq 'Test result: SUCCESS' "$log"; then
        return 0
    fi
    kvm_why="the probe (boot-hello, a ring-1 guest, on Ringleader) did not finish under KVM"
    kvm_why="$kvm_why (qemu.sh status $status, $(wc -l < "$log") lines of output: $log)"
    return 1
}

host_tsc_mhz() {
    local mhz
    mhz=$(dmesg 2>/dev/null | sed -n 's/.*tsc: Detected \([0-9.]*\) MHz.*/\1/p' | head -n 1)
    [ -n "$mhz" ] || mhz=$(sed -n 's/^cpu MHz[^:]*: *//p' /proc/cpuinfo | head -n 1)
    echo "${mhz:-unknown}"
}

# What a tick is in each mode.
tick_of() {
    case $1 in
    icount) echo "1 tick = 1 executed instruction (QEMU -icount shift=0: a virtual 1 GHz TSC)" ;;
    *) echo "1 tick = 1 host TSC cycle, $(host_tsc_mhz) MHz ($1 passes the host's TSC through; noisy)" ;;
    esac
}

write_header() {
    local commit dirty=""
    commit=$(git -C "$top" rev-parse --short HEAD 2>/dev/null || echo unknown)
    git -C "$top" diff --quiet HEAD 2>/dev/null || dirty=" (with uncommitted changes)"
    {
        echo "Ringleader benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit$dirty"
        echo "host CPU: $(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1)"
        for mode in "${modes[@]}"; do
            echo "mode $mode: $(tick_of "$mode")"
        done
        [ -z "$kvm_why" ] || echo "mode kvm: not run: $kvm_why"
        sed 's/^/run /' "$runs"
        echo "figures: median [min-max] over the passes, in ticks per PTE or per operation"
    } > "$out/results.txt"
}

# The table: one line per row, one column per run, in the order they
# ran ("ringleader:icount", or "ringleader:icount:split" with
# --isolation); then, with --compare, the ratio of each Ringleader column
# to Xen's, and where both isolation modes ran under a QEMU mode, split's
# median less segments'.  Absent rows are listed after it, with why.
write_table() {
    awk -F'\t' '
    {
        key = $4 "\t" $5 "\t" $6
        if (!(key in seen)) { seen[key] = 1; order[++n] = key }
        c = $1 ":" $2 ($3 == "" || $3 == "default" ? "" : ":" $3)
        if (!(c in known)) { known[c] = 1; col[++nc] = c; hv[c] = $1; mode[c] = $2; iso[c] = $3 }
        med[key, c] = $7
        cell[key, c] = $7 == "absent" ? "absent" : sprintf("%s [%s-%s]", $7, $8, $9)
        if ($7 == "absent") { why[$10 "\t" c] = why[$10 "\t" c] (why[$10 "\t" c] ? ", " : "") $4 }
    }
    # An extra column: the median of column a over that of column b
    # (op "/"), or less it (op "-").
    function extra(name, a, b, op) { xname[++nx] = name; xa[nx] = a; xb[nx] = b; xop[nx] = op }
    function value(r, x,    a, b) {
        a = med[order[r], xa[x]]; b = med[order[r], xb[x]]
        if (a == "" || b == "" || a == "absent" || b == "absent") return "-"
        if (xop[x] == "-") return sprintf("%+.1f", a - b)
        return b + 0 > 0 ? sprintf("%.2f", a / b) : "-"
    }
    END {
        for (i = 1; i <= nc; i++) {
            if (hv[col[i]] == "xen") xen = col[i]
            if (hv[col[i]] == "ringleader") rl++
            col_of[mode[col[i]], iso[col[i]]] = col[i]
        }
        for (i = 1; xen != "" && i <= nc; i++)
            if (hv[col[i]] == "ringleader")
                extra(rl > 1 ? iso[col[i]] "/Xen" : "RL/Xen", col[i], xen, "/")
        for (i = 1; i <= nc; i++)
            if (iso[col[i]] == "split" && ((mode[col[i]], "segments") in col_of))
                extra(mode[col[i]] " split-segments", col[i], col_of[mode[col[i]], "segments"], "-")
        printf "%-24s %5s %-4s", "name", "batch", "per"
        for (i = 1; i <= nc; i++) printf "  %-28s", col[i]
        for (x = 1; x <= nx; x++) printf "  %s", xname[x]
        printf "\n"
        for (r = 1; r <= n; r++) {
            split(order[r], k, "\t")
            printf "%-24s %5s %-4s", k[1], k[2], k[3]
            for (i = 1; i <= nc; i++)
                printf "  %-28s", (((order[r], col[i]) in cell) ? cell[order[r], col[i]] : "-")
            for (x = 1; x <= nx; x++) printf "  %-" length(xname[x]) "s", value(r, x)
            printf "\n"
        }
        for (w in why) { split(w, p, "\t"); printf "absent on %s: %s: %s\n", p[2], why[w], p[1] }
    }' "$rows" >> "$out/results.txt"
}

write_csv() {
    awk -F'\t' '
    function q(s) { if (s ~ /[",]/) { gsub(/"/, "\"\"", s); s = "\"" s "\"" } return s }
    BEGIN { print "name,batch,mode,hypervisor,isolation,median,min,max,unit" }
    {
        unit = ($2 == "icount" ? "instructions" : "cycles") "/" ($6 == "pte" ? "PTE" : "op")
        head = q($4) "," $5 "," $2 "," $1 "," $3
        if ($7 == "absent") print head ",,,," q("absent: " $10)
        else print head "," $7 "," $8 "," $9 "," unit
    }' "$rows" > "$out/results.csv"
}

# Cost per PTE against batch size, one panel per operation, from the
# figures of one QEMU mode and one isolation mode (the first of each): a
# line per way, flat lines for the ways without a batch
# (update_va_mapping alone, the floor), Xen's dashed.
write_plot() {
    local mode=$1 iso=$2 dir=$out/plot gp=$out/plot/pte-batching.gp which=$1
    [ "$iso" = default ] || which="$which, isolation $iso"
    rm -rf "$dir"
    mkdir -p "$dir"
    awk -F'\t' -v mode="$mode" -v iso="$iso" -v dir="$dir" '
    $2 == mode && ($1 == "xen" || $3 == iso) && $6 == "pte" && $7 != "absent" {
        split($4, p, "/"); f = dir "/" $1 "-" p[1] "-" p[2] ".dat"
        if (p[2] ~ /^(uvm|uvm-invlpg|floor)$/) printf "1 %s\n1024 %s\n", $7, $7 > f
        else printf "%s %s\n", $5, $7 > f
    }' "$rows"
    {
        echo "set terminal pngcairo noenhanced size 1800,820 font ',10'"
        echo "set output '$out/pte-batching.png'"
        echo "set multiplot layout 1,3 title \"$(head -n 1 "$out/results.txt"); $which: $(tick_of "$mode" | sed 's/ (.*//')\""
        echo "set logscale x 2; set xrange [0.8:1300]; set yrange [0:*]; set grid"
        echo "set xlabel 'batch: PTEs per hypercall'"
        echo "set ylabel '$([ "$mode" = icount ] && echo instructions || echo 'host TSC cycles') per PTE'"
        echo "set key below left Left reverse maxcols 2 spacing 1.1"
        for op in map remap unmap; do
            echo "set title '$op'"
            plot_lines "$dir" "$op"
        done
        echo "unset multiplot"
    } > "$gp"
    gnuplot "$gp"
}

# The plot command for one panel: each way's line, Ringleader's solid and
# Xen's dashed, in the way's colour.
plot_lines() {
    local dir=$1 op=$2 sep="plot" hvname way f i with
    local -a ways=(mmu_update multicall-uvm uvm uvm-invlpg floor)
    local -a colours=('#0072b2' '#009e73' '#e69f00' '#cc79a7' '#000000')
    local -a titles=("mmu_update, B requests" "multicall of B update_va_mapping"
                     "update_va_mapping, flags 0" "update_va_mapping, UVMF_INVLPG"
                     "floor: ring 0, no trap (rl_bench_op)")
    for hvname in ringleader xen; do
        for i in "${!ways[@]}"; do
            way=${ways[$i]}
            f=$dir/$hvname-$op-$way.dat
            [ -s "$f" ] || continue
            case $way in
            uvm|uvm-invlpg|floor) with=lines ;;     # no batch: flat
            *) with="linespoints pt 7" ;;
            esac
            with="$with lw 2 lc rgb '${colours[$i]}' dt $([ "$hvname" = ringleader ] && echo 1 || echo 2)"
            printf "%s '%s' with %s title '%s: %s'" "$sep" "$f" "$with" "$hvname" "${titles[$i]}"
            sep=", \\"$'\n'" "
        done
    done
    echo
}

# Ringleader under one QEMU mode, once per isolation mode.
run_ringleader_isolations() {
    local iso
    for iso in "${isolations[@]}"; do
        run_ringleader "$1" "$iso"
    done
}

if [ "$compare" = yes ]; then
    modes=(icount)
    run_ringleader_isolations icount
    run_xen
else
    modes=(icount tcg)
    run_ringleader_isolations icount
    run_ringleader_isolations tcg
    if kvm_usable; then
        modes+=(kvm)
        run_ringleader_isolations kvm
    else
        say "KVM: not used: $kvm_why"
    fi
fi
write_header
write_table
write_csv
write_plot "${modes[0]}" "${isolations[0]}"
cat "$out/results.txt"
say "wrote $out/results.txt, $out/results.csv and $out/pte-batching.png"
