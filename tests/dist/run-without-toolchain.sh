#!/usr/bin/env bash
# Runs a `briefing` program as on a staff computer that has no Swift: in a mount namespace of
# its own, the Swift toolchain's folders are covered by empty tmpfs mounts, and each command
# runs under `env -i`. Then `briefing init`, `check` and `build --no-search` on the new site
# and on a copy of the repository's content/ must succeed.
#
#   tests/dist/run-without-toolchain.sh [--reference DEV_BINARY] BINARY
#       with --reference, the site BINARY builds from content/ must equal the one DEV_BINARY
#       (a build that uses the toolchain) builds, before the toolchain is hidden.
#   tests/dist/run-without-toolchain.sh --expect-missing-runtime BINARY
#       the control: BINARY (a normal, dynamically linked build) must fail to start because
#       libswiftCore.so cannot be found, which shows the toolchain really is hidden.
#
# Needs root (it calls itself again through `unshare -m`) or sudo without a password, or
# unprivileged user namespaces (`unshare --map-root-user`).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)

expect_missing=0 reference=
while [ $# -gt 1 ]; do
    case "$1" in
        --expect-missing-runtime) expect_missing=1; shift ;;
        --reference) reference=$2; shift 2 ;;
        *) break ;;
    esac
done
if [ $# -ne 1 ] || [ ! -x "$1" ] || { [ -n "$reference" ] && [ ! -x "$reference" ]; }; then
    echo "usage: $0 [--expect-missing-runtime] [--reference DEV_BINARY] BINARY" >&2
    exit 2
fi
absolute() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(absolute "$1")
[ -z "$reference" ] || reference=$(absolute "$reference")

if [ "${BRIEFING_DIST_INNER:-}" != 1 ]; then
    # Outside the namespace: find every folder that holds the toolchain or its runtime.
    hide=()
    add() { [ -d "$1" ] && hide+=("$(cd "$1" && pwd -P)") || true; }
    if swift=$(command -v swift); then
        bindir=$(dirname "$(readlink -f "$swift")")
        toolchain=${bindir%/usr/bin}
        toolchain=${toolchain%/bin}
        # A toolchain in /usr itself (as in the swift container image) is hidden by its own folders below.
        case "$toolchain" in "" | /usr | /usr/local) ;; *) add "$toolchain" ;; esac
        for p in $("$swift" -print-target-info 2>/dev/null | sed -n 's/.*"\(\/[^"]*\)".*/\1/p'); do add "$p"; done
    fi
    for p in /usr/lib/swift /usr/lib/swift_static /usr/libexec/swift /usr/share/swift /usr/local/lib/swift; do add "$p"; done
    # Covering a folder covers what is inside it: keep only the outermost folders.
    outer=()
    for p in $(printf '%s\n' "${hide[@]}" | sort -u); do
        inside=0
        for o in "${outer[@]}"; do case "$p/" in "$o"/*) inside=1 ;; esac; done
        [ $inside = 1 ] || outer+=("$p")
    done
    hide=("${outer[@]}")
    if [ ${#hide[@]} -eq 0 ]; then echo "no Swift toolchain found: nothing to hide"; fi
    # The reference site, built from the same content/ by the toolchain's own build.
    BRIEFING_DIST_REFERENCE=
    if [ -n "$reference" ]; then
        BRIEFING_DIST_REFERENCE=$(mktemp -d)
        cp -R "$repo/content" "$BRIEFING_DIST_REFERENCE/content"
        (cd "$BRIEFING_DIST_REFERENCE" && env -i PATH=/usr/bin:/bin HOME="$BRIEFING_DIST_REFERENCE" "$reference" build --no-search >/dev/null)
        echo "reference site built by $reference"
    fi
    export BRIEFING_DIST_INNER=1 BRIEFING_DIST_HIDE="${hide[*]}" BRIEFING_DIST_PATH="$PATH" BRIEFING_DIST_REFERENCE
    args=("$0")
    [ $expect_missing = 1 ] && args+=(--expect-missing-runtime)
    args+=("$bin")
    if [ "$(id -u)" = 0 ]; then exec unshare --mount --propagation private bash "${args[@]}"; fi
    if sudo -n true 2>/dev/null; then
        exec sudo -n --preserve-env=BRIEFING_DIST_INNER,BRIEFING_DIST_HIDE,BRIEFING_DIST_PATH,BRIEFING_DIST_REFERENCE unshare --mount --propagation private bash "${args[@]}"
    fi
    exec unshare --mount --map-root-user --propagation private bash "${args[@]}"
fi

# Inside the namespace: cover the toolchain, then check it is gone.
for dir in $BRIEFING_DIST_HIDE; do
    mount -t tmpfs -o ro,size=1k,mode=0755 none "$dir"
    echo "hidden: $dir"
done
fail() { echo "FAIL: $*" >&2; exit 1; }
for dir in $BRIEFING_DIST_HIDE; do [ -z "$(ls -A "$dir")" ] || fail "$dir is still visible"; done
if PATH=$BRIEFING_DIST_PATH command -v swift >/dev/null && PATH=$BRIEFING_DIST_PATH swift --version >/dev/null 2>&1; then
    fail "swift still runs"
fi
if ldconfig -p 2>/dev/null | grep -q 'libswiftCore\.so'; then fail "libswiftCore.so is still in the loader's cache"; fi
echo "swift and libswiftCore.so are unavailable"

work=$(mktemp -d)
trap 'rm -rf "$work" ${BRIEFING_DIST_REFERENCE:+"$BRIEFING_DIST_REFERENCE"}' EXIT
cp "$bin" "$work/briefing"
# No variables but a plain PATH and a home: nothing from the developer's shell helps the program.
run() { env -i PATH=/usr/bin:/bin HOME="$work" "$work/briefing" "$@"; }

if [ $expect_missing = 1 ]; then
    status=0
    out=$(run --help 2>&1) || status=$?
    [ $status -ne 0 ] || fail "the control binary ran, so the toolchain is not hidden: $out"
    grep -q 'libswift' <<<"$out" || fail "the control binary failed for another reason (exit $status): $out"
    echo "control: $(basename "$bin") does not start without the toolchain (exit $status): $out"
    echo "1 passed, 0 failed"
    exit 0
fi

passed=0
step() {
    local want=$1 dir=$2; shift 2
    local status=0
    (cd "$dir" && run "$@") >"$work/out.txt" 2>&1 || status=$?
    if [ "$status" -ne "$want" ]; then
        cat "$work/out.txt" >&2
        fail "briefing $* in $dir: exit $status, expected $want"
    fi
    echo "ok: briefing $* (exit $status)"
    passed=$((passed + 1))
}
exists() {
    [ -s "$1" ] || fail "$1 was not written"
    echo "ok: $1 exists"
    passed=$((passed + 1))
}

step 0 "$work" init 我的简报 --title 我们的学习简报 --publisher 某某党校
step 0 "$work/我的简报" check
step 0 "$work/我的简报" build --no-search
exists "$work/我的简报/site/index.html"

mkdir "$work/repo"
cp -R "$repo/content" "$work/repo/content"
step 0 "$work/repo" check
step 0 "$work/repo" build --no-search
exists "$work/repo/site/index.html"
# Linked differently, rendered the same: the static Foundation (and its ICU) must not change a byte.
if [ -n "$BRIEFING_DIST_REFERENCE" ]; then
    if ! diff -r "$BRIEFING_DIST_REFERENCE/site" "$work/repo/site" >"$work/diff.txt"; then
        head -40 "$work/diff.txt" >&2
        fail "the site built without the toolchain differs from the reference build's"
    fi
    echo "ok: the site equals the reference build's, byte for byte"
    passed=$((passed + 1))
fi

echo "$passed passed, 0 failed"
