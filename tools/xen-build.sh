#!/bin/bash
# xen-build.sh - build (once) a real Xen 4.17 hypervisor that runs 32-bit PAE
# PV guests, to use as a test oracle next to Ringleader.
#
# Why: Debian ships Xen 4.17, but its binary package is built with
# CONFIG_PV32 off, so it cannot run our 32-bit PV guests.  We rebuild just the
# hypervisor (xen/ of Debian's `xen` source package, Debian's patches applied)
# with defconfig + CONFIG_PV32=y.
#
# How:
#   * The source comes from `apt-get source` run against a private sources
#     list (deb-src twins of the host's Debian entries for this release) and
#     private lists/cache directories, so the host's apt setup is untouched.
#   * dpkg-source -x unpacks it and applies Debian's quilt patches.
#   * `make -C xen` builds the hypervisor.  Its output xen/xen is an ELF32
#     image with a multiboot header (made by mkelf32), which is what QEMU's
#     `-kernel` multiboot loader accepts; xen/xen-syms is ELF64 and the
#     installed xen.gz is compressed, and QEMU boots neither.
#   * The image is cached in
#       ${XDG_CACHE_HOME:-$HOME/.cache}/ringleader/xen-<source version>-pv32/xen
#     with a stamp of the config recipe; later runs print that path at once.
#     flock keeps concurrent runs from building twice.
#
# Output: the image's path, as the last line on stdout.  Progress goes to
# stderr.  Exit status is non-zero, with a message, on any failure.
#
# Environment:
#   XEN_BUILD_REFRESH=1   re-read the mirror (apt-get update) for a newer
#                         source version instead of trusting the cache
#   XEN_BUILD_KEEP=1      keep the unpacked, built source tree
#   XEN_BUILD_DEBUG=1     build and cache a debug hypervisor instead
#                         (CONFIG_DEBUG=y, in xen-<version>-pv32-debug/)
set -euo pipefail

me=xen-build.sh
say() { printf '%s: %s\n' "$me" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The config recipe.  Changing it changes the stamp, so the cache is rebuilt.
# PV32 is the point of the exercise (upstream's default for it is off outside
# the PV shim, and Debian keeps it off); PV and the 16550 serial driver are on
# in x86 defconfig already and are checked after configuring.
flavor=pv32
CONFIG_SET="CONFIG_PV32=y"
CONFIG_CHECK="CONFIG_PV=y CONFIG_PV32=y CONFIG_COMPAT=y CONFIG_HAS_NS16550=y"
if [ "${XEN_BUILD_DEBUG:-0}" = 1 ]; then
    # Debug builds print why a hypercall or page-table update is refused
    # (gdprintk), which is what makes Xen useful as an oracle for failures.
    flavor=pv32-debug
    CONFIG_SET="$CONFIG_SET CONFIG_DEBUG=y"
    CONFIG_CHECK="$CONFIG_CHECK CONFIG_DEBUG=y"
fi
RECIPE="recipe-2 defconfig $CONFIG_SET"

cache_root=${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/ringleader
current=$cache_root/xen-$flavor.current   # names the last good build's dir

# cached_image DIR: print DIR/xen if it is a finished build of this recipe.
cached_image() {
    local dir=$cache_root/$1
    [ -s "$dir/xen" ] && [ -f "$dir/stamp" ] &&
        [ "$(cat "$dir/stamp")" = "$RECIPE" ] || return 1
    printf '%s\n' "$dir/xen"
}

# Fast path: no apt, no lock.
if [ "${XEN_BUILD_REFRESH:-0}" != 1 ] && [ -f "$current" ] &&
    cached_image "$(cat "$current")"; then
    exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/xen-build.lock"
if ! flock -n 9; then
    say "another build holds $cache_root/xen-build.lock; waiting"
    flock 9
fi
# The holder may have just finished the same build.
if [ "${XEN_BUILD_REFRESH:-0}" != 1 ] && [ -f "$current" ] &&
    cached_image "$(cat "$current")"; then
    exit 0
fi

# --- host packages ---------------------------------------------------------
# The project's one installer knows what building Xen needs.
"$(dirname "$0")/deps.sh" xen >&2 || die "the packages to build Xen are missing"

# --- private apt setup -----------------------------------------------------
apt_dir=$cache_root/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" \
    "$apt_dir/sources.list.d"
srclist=$apt_dir/sources.list

codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release 2>/dev/null | tr -d "\"'" || true)
[ -n "$codename" ] || say "warning: no VERSION_CODENAME in /etc/os-release; using every suite"

# Turn the host's enabled entries (one-line *.list and deb822 *.sources) into
# deb-src lines, keeping only the suites of this release (bookworm,
# bookworm-updates, bookworm-security, ...) so that third-party repositories,
# which seldom carry sources, are left out.
host_lists=()
[ -f /etc/apt/sources.list ] && host_lists+=(/etc/apt/sources.list)
for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && host_lists+=("$f")
done
[ ${#host_lists[@]} -gt 0 ] || die "no apt sources found under /etc/apt"

# shellcheck disable=SC2016
awk -v codename="$codename" '
function keep(suite) {
    return codename == "" || suite == codename || index(suite, codename "-") == 1 ||
        index(suite, codename "/") == 1
}
function emit(uri, suite, comps, signed,   opt, line) {
    if (!keep(suite)) return
    opt = signed != "" ? "[signed-by=" signed "] " : ""
    line = "deb-src " opt uri " " suite " " comps
    if (!(line in seen)) { seen[line] = 1; print line }
}
function flush(   i, j, nu, ns, u, s, ok) {
    if (types != "" && enabled != "no") {
        ok = 0
        if (types ~ /(^| )deb( |$)/ || types ~ /(^| )deb-src( |$)/) ok = 1
        if (ok) {
            nu = split(uris, u, " "); ns = split(suites, s, " ")
            for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
                emit(u[i], s[j], comps, signed ~ /^\// ? signed : "")
        }
    }
    types = uris = suites = comps = signed = ""; enabled = "yes"; field = ""
}
FNR == 1 { flush(); deb822 = FILENAME ~ /\.sources$/ }
deb822 {
    if ($0 ~ /^[ \t]*#/) next
    if ($0 ~ /^[ \t]*$/) { flush(); next }
    if ($0 ~ /^[ \t]/) { field = ""; next }   # continuation (e.g. an inline key)
    field = tolower(substr($0, 1, index($0, ":") - 1))
    val = substr($0, index($0, ":") + 1); gsub(/^[ \t]+|[ \t]+$/, "", val)
    if (field == "types") types = val
    else if (field == "uris") uris = val
    else if (field == "suites") suites = val
    else if (field == "components") comps = val
    else if (field == "signed-by") signed = val
    else if (field == "enabled") enabled = tolower(val)
    next
}
{
    sub(/#.*/, "")
    if ($1 != "deb" && $1 != "deb-src") next
    signed = ""; i = 2
    if ($2 ~ /^\[/) {                  # [opt=val ...] may span several fields
        while (i <= NF) {
            o = $i; gsub(/[][]/, "", o)
            if (o ~ /^signed-by=/) signed = substr(o, 11)
            if ($i ~ /\]$/) { i++; break }
            i++
        }
    }
    uri = $i; suite = $(i + 1); comps = ""
    for (k = i + 2; k <= NF; k++) comps = comps (comps == "" ? "" : " ") $k
    emit(uri, suite, comps, signed)
}
END { flush() }
' "${host_lists[@]}" >"$srclist.new"
[ -s "$srclist.new" ] || die "no Debian $codename entries found in ${host_lists[*]}"
mv "$srclist.new" "$srclist"
say "private deb-src list $srclist:"
sed 's/^/    /' "$srclist" >&2

apt_opts=(
    -o "Dir::Etc::SourceList=$srclist"
    -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
    -o "Dir::State::Lists=$apt_dir/lists"
    -o "Dir::Cache=$apt_dir/cache"
)
# apt drops to the _apt user to download, which cannot enter root's home;
# it then falls back to root with a warning.  Say so up front instead.
[ "$(id -u)" -eq 0 ] && apt_opts+=(-o "APT::Sandbox::User=root")

# --- source version ----------------------------------------------------------
# Every version of the `xen` source that the private lists know, newest first.
# Normally the first one downloads; a mirror that lacks it (e.g. one that
# serves the security suite's binaries but not its sources) costs a 404 and
# the next version is tried.
versions_known() {
    local v i sorted=()
    while read -r v; do              # insertion sort in Debian version order
        i=0
        while [ $i -lt ${#sorted[@]} ] &&
            dpkg --compare-versions "${sorted[$i]}" gt "$v"; do
            i=$((i + 1))
        done
        sorted=("${sorted[@]:0:$i}" "$v" "${sorted[@]:$i}")
    done < <(apt-cache "${apt_opts[@]}" showsrc xen 2>/dev/null |
        sed -n 's/^Version: *//p' | sort -u)
    [ ${#sorted[@]} -eq 0 ] || printf '%s\n' "${sorted[@]}"
}
versions=""
[ "${XEN_BUILD_REFRESH:-0}" = 1 ] || versions=$(versions_known)
if [ -z "$versions" ]; then
    say "apt-get update (private lists in $apt_dir)"
    apt-get "${apt_opts[@]}" -q update >&2 || die "apt-get update failed (private lists)"
    versions=$(versions_known)
fi
[ -n "$versions" ] || die "no 'xen' source package in the deb-src entries of $srclist"

srcdir=$cache_root/src
mkdir -p "$srcdir"
cd "$srcdir"
dsc=""
for version in $versions; do
    name=xen-$version-$flavor
    if cached_image "$name"; then
        printf '%s\n' "$name" >"$current"
        exit 0
    fi
    # File names carry the version without its epoch.
    dsc=xen_${version#*:}.dsc
    # Files already here with the right checksums are not fetched again.
    say "downloading the xen $version source"
    if apt-get "${apt_opts[@]}" -q source --download-only "xen=$version" >&2 &&
        [ -f "$dsc" ]; then
        break
    fi
    say "could not download xen $version; trying an older version"
    dsc=""
done
[ -n "$dsc" ] || die "no version of the xen source could be downloaded (tried: ${versions//$'\n'/ })"
outdir=$cache_root/$name
say "using xen $version"

# --- unpack ----------------------------------------------------------------
work=$cache_root/build-$flavor
rm -rf "$work"
mkdir -p "$work"
say "unpacking $dsc (dpkg-source applies Debian's patches)"
dpkg-source -x "$srcdir/$dsc" "$work/xen" >"$work/unpack.log" 2>&1 || {
    tail -n 30 "$work/unpack.log" >&2
    die "dpkg-source -x failed; log: $work/unpack.log"
}
tree=$work/xen
[ -d "$tree/xen" ] || die "unpacked source has no xen/ directory: $tree"

# --- configure and build ---------------------------------------------------
# Xen's build wants plain python3; prefer Debian's over any shim in PATH.
python=python3
[ -x /usr/bin/python3 ] && python=/usr/bin/python3
# DEB_VERSION feeds the version in Xen's boot banner (a Debian patch).
mk=(make -C "$tree/xen" XEN_TARGET_ARCH=x86_64 PYTHON="$python"
    DEB_VERSION="$version $flavor")
log=$work/build.log
say "configuring: defconfig + $CONFIG_SET"
{
    "${mk[@]}" defconfig &&
        for opt in $CONFIG_SET; do
            key=${opt%%=*}
            sed -i -e "/^$key=/d" -e "/^# $key is not set/d" "$tree/xen/.config"
            printf '%s\n' "$opt" >>"$tree/xen/.config"
        done &&
        "${mk[@]}" olddefconfig
} >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "configuring failed; log: $log"; }
for opt in $CONFIG_CHECK; do
    grep -qx "$opt" "$tree/xen/.config" || die "$opt missing from the resolved config $tree/xen/.config"
done

jobs=$(nproc 2>/dev/null || echo 1)
say "building the hypervisor: make -C xen -j$jobs (log: $log)"
start=$(date +%s)
"${mk[@]}" -j"$jobs" >>"$log" 2>&1 || { tail -n 40 "$log" >&2; die "build failed; log: $log"; }
say "built in $(($(date +%s) - start))s"

# --- check and cache the image ---------------------------------------------
img=$tree/xen/xen
[ -s "$img" ] || die "the build produced no $img"
# ELF32 (class byte 1) carrying the multiboot1 magic in its first 8 KiB.
[ "$(od -An -tx1 -j0 -N5 "$img" | tr -d ' \n')" = 7f454c4601 ] ||
    die "$img is not an ELF32 file, QEMU -kernel would refuse it"
# (No grep -q on a pipe here: with pipefail, od's SIGPIPE would fail it.)
[ "$(od -An -tx4 -v -N8192 "$img" | grep -cw 1badb002)" -gt 0 ] ||
    die "$img has no multiboot header in its first 8 KiB"

tmp=$cache_root/.$name.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$img" "$tmp/xen"
cp "$tree/xen/xen-syms" "$tmp/xen-syms"   # symbols, for reading crash dumps
cp "$tree/xen/.config" "$tmp/config"
printf '%s\n' "$RECIPE" >"$tmp/stamp"
rm -rf "$outdir"
mv "$tmp" "$outdir"
printf '%s\n' "$name" >"$current"
[ "${XEN_BUILD_KEEP:-0}" = 1 ] || rm -rf "$work"
say "cached in $outdir"
printf '%s\n' "$outdir/xen"
