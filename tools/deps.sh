#!/bin/sh
# deps.sh [SET...] - make sure the Debian packages a part of the project
# needs are installed.  As root, installs what is missing with apt-get;
# otherwise names the packages to install and fails.
#   base (the default)  building Ringleader and running its tests; make
#                       calls this before anything is built
#   xen                 building Xen from source (tools/xen-build.sh): the
#                       kconfig host tools, the compat-header generator in
#                       python, the ELF tools, and fetching and unpacking
#                       a Debian source package
#   bench               the benchmark report (tools/bench.sh): gnuplot, for
#                       the plot (its -nox build: no X11 needed for PNG)
set -eu

BASE="make gcc binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools check pkg-config"
XEN="make gcc libc6-dev binutils flex bison python3 dpkg-dev xz-utils patch apt"
BENCH="gnuplot-nox"

missing=""
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
need() {
    for p in "$@"; do
        have "$p" || case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac
    done
}

[ $# -gt 0 ] || set -- base
for set in "$@"; do
    case $set in
    base)
        # shellcheck disable=SC2086
        need $BASE
        # A 32-bit capable toolchain: gcc-multilib, or the i686 cross compiler.
        if ! have gcc-multilib && ! have gcc-i686-linux-gnu; then
            need gcc-multilib
        fi ;;
    xen)
        # shellcheck disable=SC2086
        need $XEN ;;
    bench)
        # A gnuplot of any build will do.
        if ! have gnuplot-nox && ! have gnuplot-qt && ! have gnuplot-x11; then
            # shellcheck disable=SC2086
            need $BENCH
        fi ;;
    *) echo "deps.sh: unknown package set '$set' (base, xen, bench)" >&2; exit 2 ;;
    esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps.sh: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
    exit 0
fi

echo "deps.sh: missing packages:$missing" >&2
echo "deps.sh: install them as root: apt-get install$missing" >&2
exit 1
