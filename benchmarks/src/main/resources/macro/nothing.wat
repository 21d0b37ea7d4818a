;; A WASI command that does nothing, for the process cold-start figures of `weft bench`:
;; every engine starts, loads it, calls the empty _start and exits with 0.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")))
