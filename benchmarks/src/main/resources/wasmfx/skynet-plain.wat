;; Baseline for skynet.wat without stack switching: the same tree walked by plain recursion,
;; one call per node; a leaf returns its number. run(depth) as in skynet.wat
;; (499999500000 at depth 6, 1,111,111 calls).
(module
  (func $node (param $num i64) (param $size i64) (result i64)
    (local $child i64)
    (local $i i64)
    (local $sum i64)
    (if (i64.eq (local.get $size) (i64.const 1))
      (then (return (local.get $num))))
    (local.set $child (i64.div_u (local.get $size) (i64.const 10)))
    (loop $children
      (local.set $sum
        (i64.add (local.get $sum)
          (call $node
            (i64.add (local.get $num) (i64.mul (local.get $i) (local.get $child)))
            (local.get $child))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br_if $children (i64.lt_u (local.get $i) (i64.const 10))))
    (local.get $sum))

  (func (export "run") (param $depth i32) (result i64)
    (local $size i64)
    (local.set $size (i64.const 1))
    (block $done
      (loop $pow
        (br_if $done (i32.eqz (local.get $depth)))
        (local.set $size (i64.mul (local.get $size) (i64.const 10)))
        (local.set $depth (i32.sub (local.get $depth) (i32.const 1)))
        (br $pow)))
    (call $node (i64.const 0) (local.get $size))))
