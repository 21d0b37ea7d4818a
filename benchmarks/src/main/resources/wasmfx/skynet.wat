;; Skynet: a tree with 10 children per node, each node a continuation of its own. A node
;; (num, size) with size 1 is a leaf: it suspends its number once and returns 0. Any other
;; node spawns 10 children (num + i*size/10, size/10), resumes each until it returns, adds
;; the leaf values its children suspend, and returns the sum.
;; run(depth): (10^(depth+1) - 1)/9 continuations; 1,111,111 at depth 6, which returns
;; 499999500000 (= L(L-1)/2 with L = 10^depth leaves). Baseline: skynet-plain.wat.
(module
  (type $node (func (param i64 i64) (result i64)))
  (type $ct (cont $node))
  (type $resumed (func (result i64)))
  (type $rt (cont $resumed))
  (tag $leaf (param i64))
  (elem declare func $node)

  ;; Runs node (num, size) as a fresh continuation; returns its result plus every value
  ;; suspended to this handler.
  (func $spawn (param $num i64) (param $size i64) (result i64)
    (local $k (ref null $rt))
    (local $sum i64)
    (block $returned (result i64)
      (block $first (result i64 (ref $rt))
        (resume $ct (on $leaf $first)
          (local.get $num) (local.get $size) (cont.new $ct (ref.func $node)))
        (br $returned))
      (local.set $k)
      (local.set $sum)
      (loop $again
        (block $suspended (result i64 (ref $rt))
          (resume $rt (on $leaf $suspended) (local.get $k))
          (br $returned (i64.add (local.get $sum))))
        (local.set $k)
        (local.set $sum (i64.add (local.get $sum)))
        (br $again))
      (unreachable)))

  (func $node (param $num i64) (param $size i64) (result i64)
    (local $child i64)
    (local $i i64)
    (local $sum i64)
    (if (i64.eq (local.get $size) (i64.const 1))
      (then
        (suspend $leaf (local.get $num))
        (return (i64.const 0))))
    (local.set $child (i64.div_u (local.get $size) (i64.const 10)))
    (loop $children
      (local.set $sum
        (i64.add (local.get $sum)
          (call $spawn
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
    (call $spawn (i64.const 0) (local.get $size))))
