;; Dense f64 matrix multiply over linear memory: C = A x B for n x n matrices, A at 0,
;; B at 8*n*n, C at 16*n*n. init(n) fills A and B; matmul(n) multiplies and returns the trace of C.
(module
  (memory (export "memory") 16)
  (func (export "init") (param $n i32)
    (local $i i32) (local $total i32)
    (local.set $total (i32.mul (i32.mul (local.get $n) (local.get $n)) (i32.const 2)))
    (block $done
      (loop $fill
        (br_if $done (i32.ge_u (local.get $i) (local.get $total)))
        (f64.store (i32.shl (local.get $i) (i32.const 3))
          (f64.div (f64.convert_i32_u (i32.rem_u (local.get $i) (i32.const 17))) (f64.const 7)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill))))
  (func (export "matmul") (param $n i32) (result f64)
    (local $i i32) (local $j i32) (local $k i32) (local $sum f64) (local $b i32) (local $c i32)
    (local $trace f64)
    (local.set $b (i32.shl (i32.mul (local.get $n) (local.get $n)) (i32.const 3)))
    (local.set $c (i32.shl (local.get $b) (i32.const 1)))
    (loop $li
      (local.set $j (i32.const 0))
      (loop $lj
        (local.set $sum (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $lk
          (local.set $sum
            (f64.add (local.get $sum)
              (f64.mul
                (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
                (f64.load (i32.add (local.get $b)
                  (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $lk (i32.lt_u (local.get $k) (local.get $n))))
        (f64.store (i32.add (local.get $c)
            (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3)))
          (local.get $sum))
        (if (i32.eq (local.get $i) (local.get $j))
          (then (local.set $trace (f64.add (local.get $trace) (local.get $sum)))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $lj (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $li (i32.lt_u (local.get $i) (local.get $n))))
    (local.get $trace)))
