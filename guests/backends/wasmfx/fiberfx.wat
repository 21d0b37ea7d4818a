;; fiberfx: the stack-switching half of the wasmfx backend.
;; wasm-merge links it with a C program under the module name "fiberfx"; it
;; imports the C entry trampoline from that program (module name "prog").
;; Each fiber is one continuation stored in slot `fiber id` of $conts; the C glue
;; (fiber_wasmfx.c) picks the slot numbers and switches the C shadow stack.
(module
  (type $ft (func (param i32) (result i32)))   ;; arg -> result, i32 = void*
  (type $ct (cont $ft))
  ;; C side: runs the fiber whose id is given (from the first resume), returns its result
  (import "prog" "fiber_wasmfx_entry" (func $entry (param i32) (result i32)))
  (tag $yield (param i32) (result i32))          ;; payload out, resume value in


  (table $conts 0 (ref null $ct))
  (global $status (mut i32) (i32.const 0))      ;; of the last fx_resume: 0 returned, 1 yielded
  (elem declare func $body)

  (func $body (param $arg i32) (result i32)
    (call $entry (local.get $arg)))

  ;; Makes slot $id hold a fresh continuation of $body (growing the table if needed).
  (func (export "fx_new") (param $id i32)
    (local $size i32)
    (local.set $size (table.size $conts))
    (if (i32.ge_u (local.get $id) (local.get $size))
      (then
        (if (i32.eq
              (table.grow $conts (ref.null $ct)
                (i32.sub (i32.add (local.get $id) (i32.const 1024)) (local.get $size)))
              (i32.const -1))
          (then (unreachable)))))
    (table.set $conts (local.get $id) (cont.new $ct (ref.func $body))))

  ;; Drops the continuation in slot $id (a suspended one is never resumed again).
  (func (export "fx_drop") (param $id i32)
    (table.set $conts (local.get $id) (ref.null $ct)))

  ;; Resumes slot $id with $arg. Returns the yielded value (status 1, the new
  ;; continuation is stored back in the slot) or the result (status 0, slot cleared).
  (func (export "fx_resume") (param $id i32) (param $arg i32) (result i32)
    (local $v i32)
    (local $k (ref null $ct))
    (block $on_yield (result i32 (ref $ct))
      (local.set $v
        (resume $ct (on $yield $on_yield)
          (local.get $arg) (table.get $conts (local.get $id))))
      (table.set $conts (local.get $id) (ref.null $ct))
      (global.set $status (i32.const 0))
      (return (local.get $v)))
    ;; stack: yielded value, continuation
    (local.set $k)
    (local.set $v)
    (table.set $conts (local.get $id) (local.get $k))
    (global.set $status (i32.const 1))
    (local.get $v))

  (func (export "fx_status") (result i32) (global.get $status))

  ;; Suspends the running fiber, handing $v to its resumer.
  (func (export "fx_suspend") (param $v i32) (result i32)
    (suspend $yield (local.get $v)))
)
