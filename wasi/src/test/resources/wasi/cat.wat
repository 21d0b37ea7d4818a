;; cat: copies "input.txt" from the first preopen (fd 3) to stdout in 64-byte chunks. On a failing
;; call it exits with that call's errno.
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  ;; 0 fd | 8 iovec | 16 nread/nwritten | 100 path | 1024 buffer (64 bytes)
  (memory (export "memory") 1)
  (data (i32.const 100) "input.txt")
  (func $check (param $errno i32)
    (if (local.get $errno) (then (call $proc_exit (local.get $errno)))))
  (func (export "_start")
    ;; dirflags symlink_follow, no oflags, rights fd_read
    (call $check (call $path_open (i32.const 3) (i32.const 1) (i32.const 100) (i32.const 9)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 0)))
    (block $eof
      (loop $more
        (i32.store (i32.const 8) (i32.const 1024))
        (i32.store (i32.const 12) (i32.const 64))
        (call $check (call $fd_read (i32.load (i32.const 0)) (i32.const 8) (i32.const 1) (i32.const 16)))
        (br_if $eof (i32.eqz (i32.load (i32.const 16))))
        (i32.store (i32.const 12) (i32.load (i32.const 16)))
        (call $check (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 16)))
        (br $more)))
    (call $check (call $fd_close (i32.load (i32.const 0))))))
