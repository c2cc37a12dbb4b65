#!/usr/bin/env bash
# Builds target/wasm32-unknown-unknown/release/orderbridge.wasm with profile-guided optimization
# (called by scripts/build-pkg.sh; ORDERBRIDGE_PGO=0 there builds without it).
#
# rustc ships no profiler runtime for wasm32, so the profile is taken natively: an instrumented
# build of examples/pgo_train.rs converts realistic orders between every pair of formats (the
# inputs written by benches/convert.mjs), scripts/pgo-remap.mjs renames its functions to the
# wasm build's, and the wasm is built with that profile. Both builds use v0 symbol names (the
# crates' disambiguators are then spelled out and can be renamed) and no pre-inlining before
# instrumentation (which follows each target's cost model and would make the two builds' control
# flow differ). Functions whose code still differs between the targets get no profile and are
# optimized as before; the build prints how many (about a tenth, among them the conversion's
# per-order pipeline: rustc inlines some of std's generic code, such as Vec::push, into them on
# wasm32 but calls it on x86_64, and that happens before LLVM sees the function).
#
# The profile is made anew at every build, from the code being built: nothing goes stale.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

host=$(rustc -vV | awk '/^host:/ { print $2 }')
tools="$(rustc --print sysroot)/lib/rustlib/$host/bin"
if [ ! -x "$tools/llvm-profdata" ] || [ ! -x "$tools/llvm-nm" ]; then
  echo "== adding the llvm-tools component (llvm-profdata, llvm-nm)"
  if ! rustup component add llvm-tools || [ ! -x "$tools/llvm-profdata" ]; then
    # The package is the same without a profile, only slower: say so loudly and go on.
    echo "WARNING: llvm-tools could not be installed; building the wasm WITHOUT profile-guided optimization (conversions about 10% slower)." >&2
    cargo build --release --lib --target wasm32-unknown-unknown
    exit 0
  fi
fi

dir="$root/target/pgo"
mkdir -p "$dir"
profile="$dir/wasm.profdata"
common="-Csymbol-mangling-version=v0 -Cllvm-args=-disable-preinline"
# LLVM inlines a call site the profile finds hot up to a cost of 3000 by default; 1000 ran as
# fast on the conversion batch (callgrind: 40.7k against 41.0k instructions an order → Wialon)
# for an 18 KB (gzip) smaller .wasm, and 300 was 4.5% slower.
wasm_flags="${RUSTFLAGS:-} $common -Cllvm-args=-hot-callsite-threshold=1000 -Cprofile-use=$profile"
build_wasm() {
  RUSTFLAGS="$wasm_flags" cargo build --release --lib --target wasm32-unknown-unknown
}

# The wasm build needs a profile file from the start; the first pass compiles the dependencies
# with the very flags of the final build (so that only orderbridge is compiled again) and gives
# the crates' wasm names.
if [ ! -f "$profile" ]; then
  printf '# IR level Instrumentation Flag\n:ir\n' > "$dir/empty.proftext"
  "$tools/llvm-profdata" merge -o "$profile" "$dir/empty.proftext"
fi

echo "== cargo build (release, wasm32) and the instrumented native build, side by side"
rm -rf "$dir/raw"
build_wasm > "$dir/wasm-build.log" 2>&1 &
wasm_pid=$!
RUSTFLAGS="${RUSTFLAGS:-} $common -Cprofile-generate=$dir/raw" CARGO_TARGET_DIR="$dir/native" \
  cargo build --release --example pgo_train --target "$host"
if ! wait "$wasm_pid"; then
  cat "$dir/wasm-build.log"
  exit 1
fi

echo "== training run"
N=20000 node benches/convert.mjs --write "$dir/optimoroute.json"
N=20000 node benches/convert.mjs --write-magiclane "$dir/magiclane.json"
"$dir/native/$host/release/examples/pgo_train" "$dir/optimoroute.json" "$dir/magiclane.json" 2> "$dir/train.log" || {
  cat "$dir/train.log"
  exit 1
}
"$tools/llvm-profdata" merge --text -o "$dir/native.proftext" "$dir/raw"

for rlib in target/wasm32-unknown-unknown/release/deps/*.rlib "$(rustc --print sysroot)"/lib/rustlib/wasm32-unknown-unknown/lib/*.rlib; do
  "$tools/llvm-nm" "$rlib" 2> /dev/null || true
done | grep -o 'Cs[0-9A-Za-z]*_[0-9]*[A-Za-z_][A-Za-z0-9_]*' | sort -u > "$dir/wasm-symbols.txt"
node scripts/pgo-remap.mjs "$dir/native.proftext" "$dir/wasm-symbols.txt" "$dir/wasm.proftext"
"$tools/llvm-profdata" merge -o "$profile" "$dir/wasm.proftext"

echo "== cargo build (release, wasm32, with the profile)"
cargo clean --release --target wasm32-unknown-unknown -p orderbridge 2> /dev/null
build_wasm 2> "$dir/wasm-build.log" || {
  cat "$dir/wasm-build.log"
  exit 1
}
grep -v 'hash mismatch\|^$' "$dir/wasm-build.log" || true
mismatched=$(grep -c 'hash mismatch' "$dir/wasm-build.log" || true)
echo "PGO: $(grep -c '^# Func Hash:' "$dir/wasm.proftext") functions profiled; $mismatched of them compile to other code on wasm32 and were optimized without their profile (target/pgo/wasm-build.log)"
