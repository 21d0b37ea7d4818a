;; Continuation lifecycle: n times a fresh continuation (cont.new), run to completion by one
;; resume that sees it return. Nothing suspends. run(n) = n (each body returns 1).
;; Baseline without switching: lifecycle-plain.wat.
(module
  (type $body (func (result i32)))
  (type $ct (cont $body))
  (elem declare func $one)

  (func $one (result i32) (i32.const 1))

  (func (export "run") (param $n i32) (result i32)
    (local $left i32)
    (local $count i32)
    (local.set $left (local.get $n))
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $left)))
        (local.set $count
          (i32.add (local.get $count)
            (resume $ct (cont.new $ct (ref.func $one)))))
        (local.set $left (i32.sub (local.get $left) (i32.const 1)))
        (br $more)))
    (local.get $count)))
