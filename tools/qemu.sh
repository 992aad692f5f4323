#!/bin/sh
# qemu.sh [--gdb] [--timeout SECONDS] [--icount] [--trace-exec FILE] [--accel kvm]
#         (--iso ISO | --kernel HV [--append 'HV ARGS'] --module 'ELF ARGS'...)
# Boot Ringleader in QEMU (TCG) with the serial console on stdio and the
# isa-debug-exit device, and turn QEMU's exit status into ours:
#   0  every domain powered off        1  a domain crashed or rebooted
#   2  the hypervisor panicked          3  no domain could be built
#   124 timeout                         other: QEMU failed
# --append gives the hypervisor its command line (with --kernel).
# --icount runs TCG with -icount shift=0: the TSC then counts executed
# instructions, so timings are deterministic (tools/bench.sh).  --accel kvm
# uses the host's KVM instead of TCG, where that can run Ringleader at all.
# --trace-exec logs the address of every instruction executed to FILE
# (QEMU's -d exec, one instruction per translation block, none chained),
# for tools/bench-profile.sh; it is slow and the log is huge: use a FIFO.
set -eu
timeout=${RL_QEMU_TIMEOUT:-60}
gdb="" boot="" append="" accel=tcg icount=no trace=""
modules=""
while [ $# -gt 0 ]; do
    case $1 in
    --gdb) gdb="-s -S"; timeout=0 ;;
    --timeout) timeout=$2; shift ;;
    --iso) boot="-cdrom $2"; shift ;;
    --kernel) boot="-kernel $2"; shift ;;
    --append) append=$2; shift ;;
    --icount) icount=yes ;;
    --accel) accel=$2; shift ;;
    --trace-exec) trace=$2; shift ;;
    --module)
        # QEMU separates modules with ',' and needs ',,' for a literal comma.
        m=$(printf '%s' "$2" | sed 's/,/,,/g')
        modules="${modules:+$modules,}$m"; shift ;;
    *) echo "qemu.sh: unknown argument '$1'" >&2; exit 125 ;;
    esac
    shift
done
[ -n "$boot" ] || { echo "qemu.sh: give --iso or --kernel" >&2; exit 125; }
case $accel:$icount in
    tcg:*|kvm:no) ;;
    kvm:yes) echo "qemu.sh: --icount needs TCG, not KVM" >&2; exit 125 ;;
    *) echo "qemu.sh: unknown accelerator '$accel' (tcg, kvm)" >&2; exit 125 ;;
esac

set -- qemu-system-i386 -accel "$accel" -cpu qemu32,+pae -m 256 -smp 1 \
    -display none -serial stdio -monitor none -no-reboot \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04
# sleep=off: virtual time never waits for the host, so a run is the same
# every time.
if [ "$icount" = yes ]; then
    set -- "$@" -icount shift=0,sleep=off
fi
if [ -n "$trace" ]; then
    set -- "$@" -singlestep -d exec,nochain -D "$trace"
fi
if [ -n "$append" ]; then
    set -- "$@" -append "$append"
fi
if [ -n "$modules" ]; then
    set -- "$@" -initrd "$modules"
fi
# shellcheck disable=SC2086
set -- "$@" $boot $gdb

status=0
if [ "$timeout" -gt 0 ]; then
    timeout --foreground -k 5 "$timeout" "$@" || status=$?
else
    "$@" || status=$?
fi
case $status in
    33) exit 0 ;;
    35) exit 1 ;;
    37) exit 2 ;;
    39) exit 3 ;;
    124) echo "qemu.sh: timed out after ${timeout}s" >&2; exit 124 ;;
    *) echo "qemu.sh: QEMU exited with status $status" >&2; exit "$status" ;;
esac
