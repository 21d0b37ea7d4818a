;; Imports a name WASI preview1 does not define, and a real one with the wrong type: both link as
;; ENOSYS stubs. Exits with the sum of the two errnos (52 + 52 = 104).
(module
  (import "wasi_snapshot_preview1" "no_such_function" (func $none (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $close_wrong (param i64) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (call $proc_exit (i32.add (call $none (i32.const 0)) (call $close_wrong (i64.const 0))))))
