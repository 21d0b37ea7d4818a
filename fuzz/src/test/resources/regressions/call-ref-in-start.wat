;; Fuzzer bug (not an engine bug): binaryen's call-ref / call-ref-catch imports called during the
;; start function. FuzzingSupport threw a JS exception for them there, as for call-export (no
;; exports exist yet during start, as in JS); but JS is handed the function itself, so the call
;; works, and binaryen 132 (and V8) call it: call-ref-catch returns 0 for a function that returns,
;; 1 for one that throws, 1 for null. The imports have binaryen 132's -ttf signatures.
;; Found by: weft fuzz differential --features eh --seed 1 (case 1896: binaryen's start function
;; went on to trap "unreachable", Weft's ended in a JS exception, "failed to instantiate module").
;; Expected output: call-ref-in-start.binaryen.txt, from wasm-opt call-ref-in-start.wat -all
;; --fuzz-exec-before.
(module
 (import "fuzzing-support" "log-i32" (func $log (param i32)))
 (import "fuzzing-support" "throw" (func $throw (param i32)))
 (import "fuzzing-support" "call-ref" (func $call-ref (param funcref i32)))
 (import "fuzzing-support" "call-ref-catch" (func $call-ref-catch (param funcref i32) (result i32)))
 (import "fuzzing-support" "call-export-catch" (func $call-export-catch (param i32) (result i32)))
 (global $calls (mut i32) (i32.const 0))
 (elem declare func $count $throws $wants-i64)
 (func $count
  (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
  (call $log (global.get $calls)))
 (func $throws (call $throw (i32.const 0)))
 (func $wants-i64 (param i64) (call $log (i32.const -1)))
 (func $start
  (call $log (call $call-ref-catch (ref.func $count) (i32.const 0)))
  (call $log (call $call-ref-catch (ref.func $throws) (i32.const 1)))
  (call $log (call $call-ref-catch (ref.null func) (i32.const 0)))
  (call $log (call $call-ref-catch (ref.func $wants-i64) (i32.const 0)))
  (call $call-ref (ref.func $count) (i32.const 0))
  (call $log (call $call-export-catch (i32.const 0))))
 (start $start)
 (func (export "after-start") (result i32)
  (call $log (call $call-ref-catch (ref.func $count) (i32.const 0)))
  (global.get $calls)))
