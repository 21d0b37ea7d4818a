;; Weft demo: round-robin cooperative tasks.
;;
;; Until stack switching lands (issue 4), coroutines are written the way a compiler without
;; stack switching lowers them: each task keeps its state in linear memory and "yields" by
;; returning to the scheduler after every step. Task i follows the Collatz sequence of
;; 27 + i, one step per turn; the scheduler resumes the live tasks in turn until all have
;; reached 1. `run(n)` starts n tasks (at most 8192) and returns the total number of steps.
(module
  (memory 1)
  ;; task i's current value lives at 8*i (i64)

  ;; One step of task i; returns 1 if the task is still alive, 0 once it has finished.
  (func $step (param $i i32) (result i32)
    (local $addr i32) (local $v i64)
    (local.set $addr (i32.shl (local.get $i) (i32.const 3)))
    (local.set $v (i64.load (local.get $addr)))
    (if (i64.le_u (local.get $v) (i64.const 1)) (then (return (i32.const 0))))
    (i64.store (local.get $addr)
      (if (result i64) (i64.eqz (i64.and (local.get $v) (i64.const 1)))
        (then (i64.shr_u (local.get $v) (i64.const 1)))
        (else (i64.add (i64.mul (local.get $v) (i64.const 3)) (i64.const 1)))))
    (i32.const 1))

  (func (export "run") (param $n i32) (result i64)
    (local $i i32) (local $alive i32) (local $steps i64)
    (if (i32.gt_u (local.get $n) (i32.const 8192)) (then (unreachable)))
    ;; spawn: task i starts at 27 + i
    (loop $spawn
      (if (i32.lt_u (local.get $i) (local.get $n))
        (then
          (i64.store (i32.shl (local.get $i) (i32.const 3))
            (i64.extend_i32_u (i32.add (local.get $i) (i32.const 27))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $spawn))))
    ;; schedule: resume every task once per round until none is alive
    (loop $round
      (local.set $alive (i32.const 0))
      (local.set $i (i32.const 0))
      (loop $turn
        (if (i32.lt_u (local.get $i) (local.get $n))
          (then
            (if (call $step (local.get $i))
              (then
                (local.set $alive (i32.add (local.get $alive) (i32.const 1)))
                (local.set $steps (i64.add (local.get $steps) (i64.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $turn))))
      (br_if $round (local.get $alive)))
    (local.get $steps)))
