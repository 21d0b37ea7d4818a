package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Direct calls, recursion depth and the call stack limit. */
class CallTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (func $fib (export "fib") (param i32) (result i32)
                (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
                  (then (local.get 0))
                  (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                                 (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
              (func $depth (export "depth") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1)))))))
              (func $runaway (export "runaway") (param i64) (result i64)
                (local f64 f64 externref)
                (call $runaway (i64.add (local.get 0) (i64.const 1))))
              (func $locals (export "locals-are-zeroed") (param i32) (result i64) (local i64 externref)
                (if (local.get 0) (then (drop (call $locals (i32.const 0)))))
                (local.set 1 (i64.add (local.get 1) (i64.const 7)))
                (if (i32.eqz (ref.is_null (local.get 2))) (then (unreachable)))
                (local.get 1))
            )""");
    }

    @Test
    void recursiveFibonacciReturnsTheRightValue() {
        assertEquals(i32(832040), call1(inst, "fib", i32(30)));
    }

    /**
     * The interpreter's frames live on its own stack, so this depth holds whatever the JIT does.
     * Pinned to the interpreter: run outside the pom's executions (surefire:test alone, where
     * weft.tier defaults to auto), the shared instance tiered up once fib was hot, and the
     * recursion then ran compiled on the 8 MiB Java stack of the tests and trapped "call stack
     * exhausted".
     */
    @Test
    void recursionOneHundredThousandDeepWorks() throws Exception {
        Instance interpreted = WatTesting.inTier("interp", () -> WatTesting.instantiate("""
            (module
              (func $depth (export "depth") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $depth (i32.sub (local.get 0) (i32.const 1))))))))"""));
        assertEquals(i32(100_000), call1(interpreted, "depth", i32(100_000)));
    }

    @Test
    void runawayRecursionTrapsPromptlyWithCallStackExhausted() {
        Trap t = assertThrows(Trap.class, () -> inst.function("runaway").call(i64(0)));
        assertEquals("call stack exhausted", t.getMessage());
        assertEquals(i32(55), call1(inst, "fib", i32(10)));
    }

    @Test
    void localsStartAtZeroInEveryFrame() {
        assertEquals(i64(7), call1(inst, "locals-are-zeroed", i32(1)));
    }
}
