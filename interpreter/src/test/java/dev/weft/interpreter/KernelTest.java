package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The compute kernels used to compare speed with other engines (recursive fib, a sieve over
 * linear memory written by hand and in the shape clang emits), checked for the right answers.
 */
class KernelTest {
    /** Hand-written loops: test at the top, {@code br} back. Also exports {@code fib}. */
    static final String SIEVE = """
            (module
              (memory 16)
              (func $sieve (export "sieve") (param $n i32) (result i32)
                (local $i i32) (local $j i32) (local $count i32)
                (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
                (local.set $i (i32.const 2))
                (block $done
                  (loop $outer
                    (br_if $done (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
                    (if (i32.load8_u (local.get $i))
                      (then
                        (local.set $j (i32.mul (local.get $i) (local.get $i)))
                        (block $inner_done
                          (loop $inner
                            (br_if $inner_done (i32.ge_u (local.get $j) (local.get $n)))
                            (i32.store8 (local.get $j) (i32.const 0))
                            (local.set $j (i32.add (local.get $j) (local.get $i)))
                            (br $inner)))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $outer)))
                (local.set $i (i32.const 2))
                (block $cdone
                  (loop $count_loop
                    (br_if $cdone (i32.ge_u (local.get $i) (local.get $n)))
                    (local.set $count (i32.add (local.get $count) (i32.load8_u (local.get $i))))
                    (local.set $i (i32.add (local.get $i) (i32.const 1)))
                    (br $count_loop)))
                (local.get $count))
              (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
                  (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                 (call $fib (i32.sub (local.get 0) (i32.const 2))))))))
            """;

    /** clang -O2 shape: do-while loops, {@code local.tee}, {@code i32.ne} exits. */
    static final String CLANG_SIEVE = """
            (module
              (memory 16)
              ;; clang -O2 style: do-while loops with local.tee and i32.ne exits
              (func (export "sieve") (param $n i32) (result i32)
                (local $i i32) (local $j i32) (local $count i32) (local $p i32)
                (memory.fill (i32.const 0) (i32.const 1) (local.get $n))
                (local.set $i (i32.const 2))
                (loop $outer
                  (if (i32.load8_u (local.get $i))
                    (then
                      (local.set $j (i32.mul (local.get $i) (local.get $i)))
                      (if (i32.lt_u (local.get $j) (local.get $n))
                        (then
                          (loop $inner
                            (i32.store8 (local.get $j) (i32.const 0))
                            (br_if $inner (i32.lt_u (local.tee $j (i32.add (local.get $j) (local.get $i))) (local.get $n))))))))
                  (br_if $outer (i32.le_u (i32.mul (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $i)) (local.get $n))))
                (local.set $i (i32.const 2))
                (loop $c
                  (local.set $count (i32.add (local.get $count) (i32.load8_u (local.get $i))))
                  (br_if $c (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (local.get $count)))
            """;

    @Test
    void bothSievesCountThePrimesBelowOneHundredThousand() throws Exception {
        assertEquals(i32(9592), call1(WatTesting.instantiate(SIEVE), "sieve", i32(100_000)));
        assertEquals(i32(9592), call1(WatTesting.instantiate(CLANG_SIEVE), "sieve", i32(100_000)));
        assertEquals(i32(25), call1(WatTesting.instantiate(CLANG_SIEVE), "sieve", i32(100)));
    }

    @Test
    void fibonacciOfTwentyFiveIsRight() throws Exception {
        assertEquals(i32(75025), call1(WatTesting.instantiate(SIEVE), "fib", i32(25)));
    }
}
