#!/usr/bin/env bash
# Rebuilds every guest program x backend into build/<program>-<backend>.wasm.
# Also rewrites build/manifest.txt: one line per .wasm, "<wasm> <sha256> <source>:<sha256>...".
# Needs the toolchain of install-toolchain.sh (clang-14 for wasm32-wasi, binaryen@132
# in .tools). Usage: ./build.sh [program...]   (default: all programs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
bin=.tools/node_modules/.bin
for t in wasm-opt wasm-merge wasm-as; do
  [ -x "$bin/$t" ] || { echo "build.sh: $bin/$t missing; run ./install-toolchain.sh" >&2; exit 1; }
done
command -v clang-14 >/dev/null || { echo "build.sh: clang-14 missing; run ./install-toolchain.sh" >&2; exit 1; }

programs=("$@")
[ ${#programs[@]} -gt 0 ] || programs=(hello generator sieve c10m skynet overflow httpd)

# Extra C sources and their headers, per program (the waeio library for httpd).
extras_of() { # program
  case "$1" in
    httpd) printf '%s\n' waeio/waeio.c ;;
  esac
}
headers_of() { # program
  case "$1" in
    httpd) printf '%s\n' include/waeio.h ;;
  esac
}

# C: wasm32-wasi, -O2, no debug info; each object pulls only what it needs.
CC=(clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -std=c11 -Wall -Wextra -Werror
    -Iinclude -Wl,--strip-debug)
COMMON=backends/common/shadow_stack.c
# Features of the C code (clang-14's default for wasm32 plus mutable-globals).
CFEAT=(--mvp-features --enable-mutable-globals)
# WasmFX builds add stack switching and what it rests on.
FXFEAT=("${CFEAT[@]}" --enable-reference-types --enable-gc --enable-exception-handling
        --enable-multivalue --enable-stack-switching)

# Inputs of build/<program>-<backend>.wasm, recorded with their hashes in
# build/manifest.txt (GuestFreshnessTest checks it against the sources).
sources_of() { # program backend
  local s=(build.sh include/fiber.h backends/common/shadow_stack.h backends/common/shadow_stack.c
           "programs/$1.c" $(extras_of "$1") $(headers_of "$1"))
  case "$2" in
    native) s+=(backends/native/fiber_native.c) ;;
    wasmfx) s+=(backends/wasmfx/fiber_wasmfx.c backends/wasmfx/fiberfx.wat) ;;
    asyncify) s+=(backends/asyncify/fiber_asyncify.c) ;;
  esac
  printf '%s\n' "${s[@]}"
}
hash_of() { sha256sum "$1" | cut -d' ' -f1; }
manifest=build/manifest.txt

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p build

"$bin/wasm-as" "${FXFEAT[@]}" backends/wasmfx/fiberfx.wat -o "$tmp/fiberfx.wasm"

for p in "${programs[@]}"; do
  src="programs/$p.c"
  [ -f "$src" ] || { echo "build.sh: no $src" >&2; exit 1; }
  mapfile -t extra < <(extras_of "$p")

  # native: fiber_* imported from "weft_fiber"; the host switches __stack_pointer,
  # so it is exported (needs mutable-globals), as is the table holding entry points.
  "${CC[@]}" -mmutable-globals -DWEFT_FIBER_NATIVE "$src" "${extra[@]}" backends/native/fiber_native.c "$COMMON" \
    -Wl,--export=__stack_pointer -Wl,--export-table -o "$tmp/$p-native.wasm"
  "$bin/wasm-opt" "${CFEAT[@]}" -O2 --strip-debug "$tmp/$p-native.wasm" -o "build/$p-native.wasm"

  # wasmfx: C glue imports fx_* from module "fiberfx"; wasm-merge links the WAT in.
  "${CC[@]}" "$src" "${extra[@]}" backends/wasmfx/fiber_wasmfx.c "$COMMON" -o "$tmp/$p-prog.wasm"
  "$bin/wasm-merge" "${FXFEAT[@]}" "$tmp/$p-prog.wasm" prog "$tmp/fiberfx.wasm" fiberfx \
    -o "$tmp/$p-merged.wasm"
  "$bin/wasm-opt" "${FXFEAT[@]}" -O2 --strip-debug "$tmp/$p-merged.wasm" -o "build/$p-wasmfx.wasm"

  # asyncify: instrument, then optimise. Only asyncify.* imports can unwind (WASI can't).
  "${CC[@]}" "$src" "${extra[@]}" backends/asyncify/fiber_asyncify.c "$COMMON" -o "$tmp/$p-asyncify.wasm"
  "$bin/wasm-opt" "${CFEAT[@]}" --asyncify --pass-arg=asyncify-ignore-imports -O2 --strip-debug \
    "$tmp/$p-asyncify.wasm" -o "build/$p-asyncify.wasm"

  for b in native wasmfx asyncify; do
    out="build/$p-$b.wasm"
    line="$out $(hash_of "$out")"
    for f in $(sources_of "$p" "$b"); do line+=" $f:$(hash_of "$f")"; done
    { grep -v "^$out " "$manifest" 2>/dev/null || true; echo "$line"; } | sort > "$tmp/manifest"
    mv "$tmp/manifest" "$manifest"
    printf '%-28s %8d bytes\n' "build/$p-$b.wasm" "$(stat -c %s "build/$p-$b.wasm")"
  done
done
