#!/usr/bin/env bash
# Builds the `briefing` program that staff download: one file that runs without a Swift
# toolchain. On Linux the Swift runtime and Foundation are linked in (--static-swift-stdlib)
# and so is cmark-gfm (Debian's .a files); only the C library, libm, libstdc++ and libgcc_s
# stay shared. On macOS the system provides the Swift runtime; cmark-gfm is linked in the
# same way. Writes dist/briefing-OS-ARCH, dist/briefing-OS-ARCH.tar.gz and dist/SHA256SUMS.
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFT=${SWIFT:-swift}
PYTHON=${PYTHON:-python3}
SCRATCH=${SCRATCH:-.build-dist}
root=$PWD

case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    *) echo "dist: unsupported system $(uname -s)" >&2; exit 2 ;;
esac
arch=$(uname -m)
[ "$arch" = arm64 ] && [ "$os" = linux ] && arch=aarch64
name="briefing-$os-$arch"

# cmark-gfm from its static archives: a folder that holds only the .a files, named first on the
# library path by a copy of cmark-gfm's pkg-config file (SwiftPM puts that file's -L before any
# other), so `-lcmark-gfm` finds the archives before the shared libraries beside them.
pc=$(pkg-config --path libcmark-gfm)
libdir=$(pkg-config --variable=libdir libcmark-gfm)
static="$root/$SCRATCH/cmark-static"
mkdir -p "$static"
for lib in libcmark-gfm libcmark-gfm-extensions; do
    if [ ! -f "$libdir/$lib.a" ]; then
        echo "dist: $libdir/$lib.a is missing; it comes with libcmark-gfm-dev and libcmark-gfm-extensions-dev" >&2
        exit 2
    fi
    ln -sf "$libdir/$lib.a" "$static/$lib.a"
done
sed "s|^libdir=.*|libdir=$static|" "$pc" >"$static/libcmark-gfm.pc"
grep -q -- '-L${libdir}' "$static/libcmark-gfm.pc" || { echo "dist: $pc does not name its folder as -L\${libdir}" >&2; exit 2; }
export PKG_CONFIG_PATH="$static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

flags=(-c release --product briefing --scratch-path "$SCRATCH"
       # No build folder in the program: the same source gives the same file wherever it is built.
       -Xswiftc -file-prefix-map -Xswiftc "$root=." -Xcc "-ffile-prefix-map=$root=.")
[ "$os" = linux ] && flags+=(--static-swift-stdlib)

"$SWIFT" build "${flags[@]}"
bin="$("$SWIFT" build "${flags[@]}" --show-bin-path)/briefing"

mkdir -p dist
rm -f "dist/$name" "dist/$name.tar.gz"
cp "$bin" "dist/$name"
chmod 755 "dist/$name"
# Symbols and debug information only: Swift's metadata sections stay.
if [ "$os" = linux ]; then
    strip --strip-debug --strip-unneeded "dist/$name"
else
    strip -S -x "dist/$name"
    # Apple silicon runs only signed programs; stripping voids the linker's ad-hoc signature.
    codesign --force --sign - "dist/$name"
fi

# What the program loads at start, against what every system of its kind has.
if [ "$os" = linux ]; then
    needed=$(readelf -d "dist/$name" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    allowed='^(libc\.so\.6|libm\.so\.6|libstdc\+\+\.so\.6|libgcc_s\.so\.1|ld-linux-[a-z0-9_-]+\.so\.[0-9]+|libdl\.so\.2|libpthread\.so\.0|librt\.so\.1)$'
else
    needed=$(otool -L "dist/$name" | tail -n +2 | awk '{print $1}')
    allowed='^(/usr/lib/|/System/Library/)'
fi
echo "dist/$name loads:"
printf '  %s\n' $needed
bad=$(printf '%s\n' $needed | grep -Ev "$allowed" || true)
if [ -n "$bad" ]; then
    echo "dist: dist/$name needs libraries a machine without Swift does not have:" >&2
    printf '  %s\n' $bad >&2
    exit 1
fi

"dist/$name" --help >/dev/null

"$PYTHON" scripts/dist-pack.py "$name"
