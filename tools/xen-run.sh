#!/bin/bash
# xen-run.sh [--timeout SECONDS] [--debug] [--icount] [--xen-args 'ARGS'] GUEST.elf [GUEST ARGS...]
# Boot real Xen 4.17 (built and cached by xen-build.sh) in QEMU/TCG with
# GUEST.elf as dom0, the guest's arguments on its module command line, and
# the serial console on stdout.  This is the oracle: the same test guest run
# here and under Ringleader should end the same way.
#
# Xen never lets QEMU exit when dom0 powers off: it prints
# "Hardware Dom0 halted: halting machine" and spins in cli;hlt, whatever
# noreboot/reboot= say.  So this script reads the serial output and stops
# QEMU itself once Xen has printed its last words.  On Xen's console, Xen's
# lines start with "(XEN)"; dom0's console_io output comes through as is.
#
# --icount runs QEMU with -icount shift=0 (the TSC counts instructions), as
# tools/qemu.sh --icount does for Ringleader, so the two can be compared.
#
# Exit status follows tools/qemu.sh:
#   0  dom0 powered off                1  dom0 crashed or rebooted
#   2  Xen panicked                    3  Xen could not build dom0
#   124 timeout                        other: QEMU or the build failed
set -euo pipefail

me="xen-run.sh"
timeout=${XEN_RUN_TIMEOUT:-120}
xen_args=""
icount=()
usage() { echo "usage: $me [--timeout S] [--debug] [--icount] [--xen-args 'ARGS'] GUEST.elf [ARGS...]" >&2; exit 125; }
while [ $# -gt 0 ]; do
    case $1 in
    --timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
    --debug) export XEN_BUILD_DEBUG=1; shift ;;
    --icount) icount=(-icount "shift=0,sleep=off"); shift ;;
    --xen-args) [ $# -ge 2 ] || usage; xen_args=$2; shift 2 ;;
    --) shift; break ;;
    -*) usage ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || usage
guest=$1
shift
[ -f "$guest" ] || { echo "$me: no such guest: $guest" >&2; exit 125; }

xen=$("$(dirname "$0")/xen-build.sh" | tail -n 1) || { echo "$me: xen-build.sh failed" >&2; exit 125; }
[ -f "$xen" ] || { echo "$me: xen-build.sh printed no image path" >&2; exit 125; }

# QEMU splits -initrd at commas (',,' is a literal one); the module's command
# line is the whole string, and Xen drops its first word, the file name.
module=$guest
[ $# -eq 0 ] || module="$guest $*"
module=${module//,/,,}

# No noreboot: on a panic or a dom0 crash/reboot Xen then resets the machine
# and -no-reboot makes QEMU exit even if the watcher below missed the line.
# loglvl/guest_loglvl=all: show every warning Xen has about the guest.
append="console=com1 com1=115200,8n1 dom0_mem=64M loglvl=all guest_loglvl=all${xen_args:+ $xen_args}"

dir=$(mktemp -d)
qemu=""
# Stop QEMU too if we are cut short (e.g. our reader went away).
trap '[ -z "$qemu" ] || kill "$qemu" 2>/dev/null || true; rm -rf "$dir"' EXIT
mkfifo "$dir/serial"

timeout -k 5 "$timeout" qemu-system-x86_64 -accel tcg -m 1024 -smp 1 \
    -display none -monitor none -serial stdio -no-reboot "${icount[@]}" \
    -kernel "$xen" -append "$append" -initrd "$module" \
    </dev/null >"$dir/serial" 2>&1 &
qemu=$!

# Read the console; once Xen's final message is complete, note the outcome
# and stop QEMU.  Xen's serial lines end in CR LF.
outcome="" panic=0 reason="" building=0
while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    if [ -n "$outcome" ]; then
        case $line in *"terminating on signal 15"*) continue ;; esac
        printf '%s\n' "$line"
        continue
    fi
    printf '%s\n' "$line"
    case $line in
    *"Hardware Dom0 halted"*) outcome=0 ;;
    *"Hardware Dom0 crashed"* | *"Hardware Dom0 shutdown"* | *"Hardware domain 0 did unsupported soft reset"*) outcome=1 ;;
    # A panic while dom0 is being built (from Xen's "Building a PV Dom0"
    # to its "Freed ... init memory"), or one that names dom0, means Xen
    # could not build it.
    *"Building a PV Dom0"* | *"Dom0 kernel:"*) building=1 ;;
    *"Freed "*"init memory"*) building=0 ;;
    *"Panic on CPU"*) panic=1 ;;
    *"Reboot in five seconds"* | *"Manual reset required"*)
        if [ "$panic" = 1 ]; then
            case $building:$reason in
            1:* | *[Dd]om0* | *DOM0* | *"domain 0"* | *"Error creating d0"*) outcome=3 ;;
            *) outcome=2 ;;
            esac
        fi ;;
    *) [ "$panic" != 1 ] || [ -n "$reason" ] || reason=$line ;;
    esac
    if [ -n "$outcome" ]; then
        kill "$qemu" 2>/dev/null || true   # timeout passes SIGTERM on to QEMU
    fi
done <"$dir/serial"

status=0
wait "$qemu" || status=$?
if [ -n "$outcome" ]; then
    exit "$outcome"
fi
case $status in
    124) echo "$me: timed out after ${timeout}s" >&2; exit 124 ;;
    0) echo "$me: QEMU exited (machine reset) without a dom0 shutdown message" >&2; exit 1 ;;
    *) echo "$me: QEMU exited with status $status" >&2; exit "$status" ;;
esac
