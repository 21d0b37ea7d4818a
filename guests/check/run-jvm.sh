#!/usr/bin/env bash
# Runs one backend's build of every program on a JVM engine, Weft or Chicory 1.7.5's
# interpreter (the peer), and compares its last output line with check/expected.py:
#   guests/check/run-jvm.sh weft|chicory [--small|--full] [asyncify|wasmfx|native]
# (defaults: --small, asyncify). Chicory runs only the Asyncify builds: it has no stack
# switching and no weft_fiber module.
# Prints one line per program: verdict, wall seconds (JVM start included), output.
# Needs the built jars: ./weft builds them, or `mvn -B -q -DskipTests install`.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)/..
engine=${1:-}
usage="usage: run-jvm.sh weft|chicory [--small|--full] [asyncify|wasmfx|native]"
case "$engine" in weft|chicory) ;; *) echo "$usage" >&2; exit 2;; esac
scale=--small
backend=asyncify
for a in "${@:2}"; do
  case "$a" in
    --small) scale=--small;;
    --full) scale="";;
    asyncify|wasmfx|native) backend=$a;;
    *) echo "run-jvm: unknown argument '$a'; $usage" >&2; exit 2;;
  esac
done
if [ "$engine" = chicory ] && [ "$backend" != asyncify ]; then
  echo "run-jvm: Chicory runs only the asyncify builds (no stack switching, no weft_fiber)" >&2; exit 2
fi
java_home=""
for d in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  if [ -n "$d" ] && [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -q 'version "25'; then java_home=$d; break; fi
done
[ -n "$java_home" ] || { echo "run-jvm: JDK 25 not found" >&2; exit 1; }
jar=$root/benchmarks/target/benchmarks.jar
[ "$engine" = weft ] && jar=$root/cli/target/weft.jar
[ -f "$jar" ] || { echo "run-jvm: $jar missing; build with: mvn -B -q -DskipTests install" >&2; exit 1; }
fail=0
while IFS=$'\t' read -r cmd want; do
  set -- $cmd
  prog=$1; shift
  start=$(date +%s.%N)
  if [ "$engine" = weft ]; then
    out=$("$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$jar" run "build/$prog-$backend.wasm" "$@" 2>&1)
  else
    out=$("$java_home/bin/java" -Xss64m -cp "$jar" dev.weft.benchmarks.peers.ChicoryWasiRun "build/$prog-asyncify.wasm" "$@" 2>&1)
  fi
  rc=$?
  secs=$(printf '%.2f' "$(echo "$(date +%s.%N) - $start" | bc)")
  got=$(printf '%s' "$out" | tail -n 1)
  if [ $rc -eq 0 ] && [ "$got" = "$want" ]; then verdict=ok; else verdict="FAIL(rc=$rc)"; fail=1; fi
  printf '%-10s %-12s %8ss  %s\n' "$prog" "$verdict" "$secs" "$(printf '%s' "$got" | cut -c1-60)"
done < <(python3 check/expected.py $scale)
exit $fail
