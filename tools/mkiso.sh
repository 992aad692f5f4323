#!/bin/sh
# mkiso.sh ISO HYPERVISOR GUEST [GUEST-ARGS...]
# Make a bootable GRUB2 (BIOS) ISO that loads the hypervisor and one guest
# module.  GRUB itself stays on the VGA console; the serial line is the
# hypervisor's.
set -eu
iso=$1 hv=$2 guest=$3
shift 3
args=${*:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$hv" "$dir/boot/ringleader.elf"
cp "$guest" "$dir/boot/guest.elf"
cat > "$dir/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
menuentry "Ringleader" {
    multiboot /boot/ringleader.elf
    module /boot/guest.elf guest.elf $args
    boot
}
CFG
grub-mkrescue -o "$iso" "$dir" >/dev/null 2>&1 || {
    echo "mkiso.sh: grub-mkrescue failed; rerun: grub-mkrescue -o $iso $dir" >&2
    exit 1
}
