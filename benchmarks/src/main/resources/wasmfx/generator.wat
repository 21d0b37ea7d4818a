;; Generator: a producer continuation suspends once per value 1..n; the consumer resumes it
;; and sums. One suspend/resume pair per value (plus the final resume that sees the return).
;; run(n) = n(n+1)/2. Baseline without switching: generator-plain.wat.
(module
  (type $producer (func))
  (type $ct (cont $producer))
  (tag $yield (param i64))
  (global $limit (mut i64) (i64.const 0))
  (elem declare func $produce)

  ;; Suspends with 1, 2, ..., $limit, then returns.
  (func $produce
    (local $i i64)
    (loop $next
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (if (i64.le_u (local.get $i) (global.get $limit))
        (then
          (suspend $yield (local.get $i))
          (br $next)))))

  (func (export "run") (param $n i32) (result i64)
    (local $k (ref null $ct))
    (local $sum i64)
    (global.set $limit (i64.extend_i32_u (local.get $n)))
    (local.set $k (cont.new $ct (ref.func $produce)))
    (block $done
      (loop $resume
        (block $on_yield (result i64 (ref $ct))
          (resume $ct (on $yield $on_yield) (local.get $k))
          (br $done))
        ;; the value and the suspended producer
        (local.set $k)
        (local.set $sum (i64.add (local.get $sum)))
        (br $resume)))
    (local.get $sum)))
