#!/usr/bin/env bash
# Builds the SIMD guest programs (no fibers) twice each: build/<program>-simd128.wasm with
# clang's -msimd128 (the <wasm_simd128.h> code paths, plus whatever clang auto-vectorises) and
# build/<program>-scalar.wasm without. Both builds must print the same output. Updates their
# lines of build/manifest.txt as build.sh does ("<wasm> <sha256> <source>:<sha256>...").
# Needs clang-14 for wasm32-wasi (install-toolchain.sh). Usage: ./build-simd.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
command -v clang-14 >/dev/null || { echo "build-simd.sh: clang-14 missing; run ./install-toolchain.sh" >&2; exit 1; }

programs=(vectors)
CC=(clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -Wall -Wextra -Werror -Wl,--strip-debug)
hash_of() { sha256sum "$1" | cut -d' ' -f1; }
manifest=build/manifest.txt
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p build

for p in "${programs[@]}"; do
  src="programs/$p.c"
  "${CC[@]}" -msimd128 "$src" -o "build/$p-simd128.wasm"
  "${CC[@]}" "$src" -o "build/$p-scalar.wasm"
  for b in simd128 scalar; do
    out="build/$p-$b.wasm"
    line="$out $(hash_of "$out") build-simd.sh:$(hash_of build-simd.sh) $src:$(hash_of "$src")"
    { grep -v "^$out " "$manifest" 2>/dev/null || true; echo "$line"; } | sort > "$tmp/manifest"
    mv "$tmp/manifest" "$manifest"
    printf '%-28s %8d bytes\n' "$out" "$(stat -c %s "$out")"
  done
done
