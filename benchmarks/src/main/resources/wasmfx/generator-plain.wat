;; Baseline for generator.wat without stack switching: the same values 1..n come from a
;; producer function called once per value (state in a global, as an iterator's next()),
;; summed by a plain loop. run(n) = n(n+1)/2.
(module
  (global $i (mut i64) (i64.const 0))

  ;; The next value of the sequence 1, 2, 3, ...
  (func $next (result i64)
    (global.set $i (i64.add (global.get $i) (i64.const 1)))
    (global.get $i))

  (func (export "run") (param $n i32) (result i64)
    (local $left i32)
    (local $sum i64)
    (global.set $i (i64.const 0))
    (local.set $left (local.get $n))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $left)))
        (local.set $sum (i64.add (local.get $sum) (call $next)))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (br $more)))
    (local.get $sum)))
