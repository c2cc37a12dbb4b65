#!/usr/bin/env bash
# Installs what the build needs and skips what is already there: the wasm32 target, the
# wasm-bindgen CLI at exactly the version Cargo.lock pins (CLI and library must match), and the
# npm tools (binaryen's wasm-opt) under scripts/node_modules.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  echo "== adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ ! -f Cargo.lock ]; then
  cargo generate-lockfile
fi
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  cargo fetch >/dev/null
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "== installing wasm-bindgen-cli $want (found: ${have:-none}); takes 2-3 minutes"
  # No --locked: the registry index here can lag behind the CLI's own lockfile.
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x scripts/node_modules/.bin/wasm-opt ]; then
  echo "== installing npm build tools (binaryen)"
  (cd scripts && npm ci --no-audit --no-fund --loglevel=error)
fi
