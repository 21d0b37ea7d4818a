;; Baseline for lifecycle.wat without stack switching: a plain call of the same body instead
;; of cont.new + resume. run(n) = n.
(module
  (func $one (result i32) (i32.const 1))

  (func (export "run") (param $n i32) (result i32)
    (local $left i32)
    (local $count i32)
    (local.set $left (local.get $n))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $left)))
        (local.set $count (i32.add (local.get $count) (call $one)))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (br $more)))
    (local.get $count)))
