package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.v128;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.NumType;
import org.junit.jupiter.api.Test;

/**
 * v128 values where they take two operand slots: parameters and results at the host boundary,
 * locals (get/set/tee), select, drop, globals, block parameters across branches and exception
 * payloads. The suite's simd/ files cover the lane arithmetic itself.
 */
class SimdValuesTest {
    private static final Value A = v128(0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
    private static final Value B = v128(0x1111111111111111L, 0x2222222222222222L);

    @Test
    void v128CrossesTheHostBoundaryAndLocalsKeepBothHalves() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module
              (func (export "swap") (param v128 i32 v128) (result v128 i32 v128)
                (local $t v128)
                (local.set $t (local.get 0))
                (local.get 2) (local.get 1) (local.tee $t (local.get $t)))
              (func (export "pick") (param v128 v128 i32) (result v128)
                (select (local.get 0) (local.get 1) (local.get 2)))
              (func (export "pick-typed") (param v128 v128 i32) (result v128)
                (select (result v128) (local.get 0) (local.get 1) (local.get 2)))
              (func (export "drop-first") (param v128 v128) (result v128)
                (local.get 0) (drop) (local.get 1)))
            """);
        Value[] r = inst.function("swap").call(A, i32(7), B);
        assertEquals(B, r[0]);
        assertEquals(i32(7), r[1]);
        assertEquals(A, r[2]);
        assertEquals(A, call1(inst, "pick", A, B, i32(1)));
        assertEquals(B, call1(inst, "pick", A, B, i32(0)));
        assertEquals(B, call1(inst, "pick-typed", A, B, i32(0)));
        assertEquals(B, call1(inst, "drop-first", A, B));
    }

    @Test
    void v128GlobalsAreReadAndWrittenFromWasmAndTheHost() throws Exception {
        Linker linker = new Linker();
        linker.define("env", "g", Externs.global(new GlobalType(NumType.V128, true), A));
        Instance inst = WatTesting.instantiate(linker, """
            (module
              (import "env" "g" (global $g (mut v128)))
              (global $c (export "c") v128 (v128.const i64x2 5 -1))
              (func (export "rotate") (result v128)
                (local $old v128)
                (local.set $old (global.get $g))
                (global.set $g (global.get $c))
                (local.get $old)))
            """);
        assertEquals(v128(5, -1), inst.global("c").get());
        assertEquals(A, call1(inst, "rotate"));
        assertEquals(v128(5, -1), call1(inst, "rotate"));
    }

    @Test
    void v128BlockParametersAndExceptionPayloadsKeepBothHalves() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module
              (tag $t (param i32 v128))
              (func (export "loop") (param v128) (result v128)
                (local $n i32)
                (local.get 0)
                (loop $l (param v128) (result v128)
                  (i64x2.add (v128.const i64x2 1 2))
                  (local.tee $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $l (i32.lt_u (i32.const 3)))))
              (func (export "catch") (param v128) (result v128)
                (local $p v128)
                (block $h (result i32 v128)
                  (try_table (catch $t $h)
                    (throw $t (i32.const 9) (local.get 0)))
                  (unreachable))
                (local.set $p)
                (drop)
                (i8x16.add (local.get $p) (local.get 0))))
            """);
        assertEquals(v128(3, -1), call1(inst, "loop", v128(0, -7)));
        // (a + a) per byte: bytes 0..15 doubled
        assertEquals(v128(0x0E0C0A0806040200L, 0x1E1C1A1816141210L), call1(inst, "catch", A));
    }
}
