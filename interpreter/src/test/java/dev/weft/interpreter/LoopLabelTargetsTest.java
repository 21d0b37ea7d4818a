package dev.weft.interpreter;

import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every construct that names a label branches to a loop label's start, not past the loop: a
 * try_table catch clause (found by the differential fuzz run against V8, which returned 5 and
 * 105 where Weft returned 1 and 101), a resume handler clause, and br_on_null/br_on_non_null.
 * Each function counts iterations in $n and stops after five.
 */
class LoopLabelTargetsTest {
    private static final String WAT = """
        (module
          (tag $t)
          (tag $v (param i32))
          (type $f (func))
          (type $c (cont $f))
          (global $n (mut i32) (i32.const 0))
          (func $bump (global.set $n (i32.add (global.get $n) (i32.const 1))))
          (func $more (result i32) (i32.lt_u (global.get $n) (i32.const 5)))
          (func $yield (suspend $t))
          (elem declare func $yield)

          (func (export "catch_all-void") (result i32)
            (global.set $n (i32.const 0))
            (loop $l
              (call $bump)
              (try_table (catch_all $l)
                (if (call $more) (then (throw $t)))))
            (global.get $n))

          (func (export "catch_all-local") (result i32) (local $acc i32)
            (global.set $n (i32.const 0))
            (local.set $acc (i32.const 100))
            (loop $l
              (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
              (call $bump)
              (try_table (catch_all $l)
                (if (call $more) (then (throw $t)))))
            (local.get $acc))

          (func (export "catch-result-loop") (result i32)
            (global.set $n (i32.const 0))
            (loop $l (result i32)
              (call $bump)
              (try_table (catch $t $l)
                (if (call $more) (then (throw $t))))
              (global.get $n)))

          (func (export "catch_all-result-loop") (result i32)
            (global.set $n (i32.const 0))
            (loop $l (result i32)
              (call $bump)
              (try_table (catch_all $l)
                (if (call $more) (then (throw $t))))
              (global.get $n)))

          (func (export "catch-param-loop") (result i32)
            (global.set $n (i32.const 0))
            (i32.const 0)
            (loop $l (param i32) (result i32)
              (drop)
              (call $bump)
              (try_table (catch $v $l)
                (if (call $more) (then (throw $v (global.get $n)))))
              (global.get $n)))

          (func (export "catch_all_ref-param-loop") (result i32)
            (global.set $n (i32.const 0))
            (ref.null exn)
            (loop $l (param exnref) (result i32)
              (drop)
              (call $bump)
              (try_table (catch_all_ref $l)
                (if (call $more) (then (throw $t))))
              (global.get $n)))

          (func (export "resume-handler-loop") (result i32)
            (global.set $n (i32.const 0))
            (block $done
              (ref.null $c)
              (loop $l (param (ref null $c))
                (drop)
                (call $bump)
                (br_if $done (i32.eqz (call $more)))
                (resume $c (on $t $l) (cont.new $c (ref.func $yield)))))
            (global.get $n))

          (func (export "br_on_null-loop") (result i32)
            (global.set $n (i32.const 0))
            (loop $l
              (call $bump)
              (if (call $more) (then (br_on_null $l (ref.null func)) (drop))))
            (global.get $n))

          (func (export "br_on_non_null-loop") (result i32)
            (global.set $n (i32.const 0))
            (ref.null func)
            (loop $l (param funcref)
              (drop)
              (call $bump)
              (if (call $more) (then (br_on_non_null $l (ref.func $yield)))))
            (global.get $n)))
        """;

    @ParameterizedTest
    @CsvSource({
        "catch_all-void, 5",
        "catch_all-local, 105",
        "catch-result-loop, 5",
        "catch_all-result-loop, 5",
        "catch-param-loop, 5",
        "catch_all_ref-param-loop, 5",
        "resume-handler-loop, 5",
        "br_on_null-loop, 5",
        "br_on_non_null-loop, 5",
    })
    void labelNamingALoopRestartsIt(String export, int expected) throws Exception {
        Instance inst = WatTesting.instantiate(WAT);
        assertEquals(expected, call1(inst, export).asInt());
    }
}
