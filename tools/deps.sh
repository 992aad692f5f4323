#!/bin/sh
# deps.sh - make sure the build and test dependencies are installed.
# As root, installs what is missing with apt-get; otherwise names the
# packages to install and fails.  Called by make before anything is built.
set -eu

PACKAGES="make gcc binutils qemu-system-x86 grub-pc-bin grub-common xorriso mtools check pkg-config"

missing=""
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

for p in $PACKAGES; do
    have "$p" || missing="$missing $p"
done
# A 32-bit capable toolchain: gcc-multilib, or the i686 cross compiler.
if ! have gcc-multilib && ! have gcc-i686-linux-gnu; then
    missing="$missing gcc-multilib"
fi

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
