package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.FunctionType;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.NumType;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * v128 values crossing between compiled and interpreted functions: as parameters and results
 * (several results too), through direct calls, call_indirect, call_ref, a tail call and a host
 * function, in a mutable global, as an exception payload caught in the other tier, and from the
 * embedder. The numbered comments are function indices; {@link #INTERPRETED} stay on the
 * interpreter.
 */
class VectorMixedTierTest {
    private static final String WAT = """
            (module
              (type $vv (func (param v128) (result v128)))
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $c_add1 $i_times10)
              (elem declare func $c_add1 $i_times10)
              (memory 1)
              (global $g (mut v128) (v128.const i32x4 0 0 0 0))
              (tag $vexn (param i32 v128))
              ;; 0: compiled, the middle of interpreted -> compiled -> interpreted
              (func $c_mid (param v128) (result v128)
                (call $i_times10 (i32x4.add (local.get 0) (v128.const i32x4 1 2 3 4))))
              ;; 1: interpreted
              (func $i_times10 (type $vv) (i32x4.mul (local.get 0) (v128.const i32x4 10 10 10 10)))
              ;; 2: interpreted
              (func (export "chain") (param i32) (result i32)
                (i32x4.extract_lane 3 (call $c_mid (i32x4.splat (local.get 0)))))
              ;; 3: compiled
              (func $c_add1 (type $vv) (i32x4.add (local.get 0) (v128.const i32x4 1 1 1 1)))
              ;; 4: compiled: several results with v128s among them
              (func $c_pair (export "c_pair") (param v128) (result v128 i32 v128)
                (local.get 0) (i32.const 7) (v128.not (local.get 0)))
              ;; 5: interpreted
              (func (export "i_pair") (param i32) (result i32)
                (call $c_pair (i32x4.splat (local.get 0)))
                (drop) (drop) (i32x4.extract_lane 0))
              ;; 6: compiled: v128 through the table, to either tier
              (func (export "c_indirect") (param i32 i32) (result i32)
                (i32x4.extract_lane 1 (call_indirect $t (type $vv) (i32x4.splat (local.get 1)) (local.get 0))))
              ;; 7: interpreted
              (func (export "i_indirect") (param i32 i32) (result i32)
                (i32x4.extract_lane 1 (call_indirect $t (type $vv) (i32x4.splat (local.get 1)) (local.get 0))))
              ;; 8: compiled
              (func (export "c_ref") (param i32) (result i32)
                (i32x4.extract_lane 2 (call_ref $vv (i32x4.splat (local.get 0)) (ref.func $i_times10))))
              ;; 9: compiled: a tail call to an interpreted function
              (func $c_tail (export "c_tail") (param v128) (result v128) (return_call $i_times10 (local.get 0)))
              ;; 10: compiled: writes the global
              (func (export "c_set") (param i32) (global.set $g (i32x4.splat (local.get 0))))
              ;; 11: interpreted: reads it
              (func (export "i_get") (result i32) (i32x4.extract_lane 3 (global.get $g)))
              ;; 12: compiled: throws a v128 payload
              (func $c_throw (export "c_throw") (param i32) (throw $vexn (i32.const 5) (i32x4.splat (local.get 0))))
              ;; 13: interpreted: catches it
              (func (export "i_catches_c") (param i32) (result i32)
                (block $h (result i32 v128)
                  (try_table (catch $vexn $h) (call $c_throw (local.get 0)))
                  (return (i32.const -1)))
                (i32x4.extract_lane 1) (i32.add))
              ;; 14: interpreted: throws
              (func $i_throw (param i32) (throw $vexn (i32.const 6) (i32x4.splat (local.get 0))))
              ;; 15: compiled: catches it
              (func (export "c_catches_i") (param i32) (result i32)
                (block $h (result i32 v128)
                  (try_table (catch $vexn $h) (call $i_throw (local.get 0)))
                  (return (i32.const -1)))
                (i32x4.extract_lane 2) (i32.add))
              ;; 16: compiled: a v128 local starts at zero; memory round trip through both tiers
              (func (export "c_zero_local") (result i32) (local v128)
                (v128.store (i32.const 16) (local.get 0))
                (i32x4.extract_lane 0 (v128.load (i32.const 16))))
              ;; 17: compiled: stores a vector, read back lane by lane by 18
              (func (export "c_store") (param i32)
                (v128.store offset=32 (i32.const 0) (i32x4.add (i32x4.splat (local.get 0)) (v128.const i32x4 0 1 2 3))))
              ;; 18: interpreted
              (func (export "i_load_lane") (param i32) (result i32)
                (i32x4.extract_lane 3 (v128.load32_lane 3 (local.get 0) (v128.const i32x4 0 0 0 0))))
              ;; 19: compiled: the same, with a trap past the end of memory
              (func (export "c_load_lane") (param i32) (result i32)
                (i32x4.extract_lane 3 (v128.load32_lane 3 (local.get 0) (v128.const i32x4 0 0 0 0))))
            )
            """;
    private static final Set<Integer> INTERPRETED = Set.of(1, 2, 5, 7, 11, 13, 14, 18);
    private static Instance inst;

    @BeforeAll
    static void instantiate() throws Exception {
        inst = MixedTierTesting.instantiate(WAT, INTERPRETED);
    }

    private static int call(String name, int... args) {
        return MixedTierTesting.call(inst, name, args);
    }

    private static boolean compiled(String export) {
        return MixedTierTesting.compiled(inst, export);
    }

    /** The i32x4 {@code a, b, c, d} as a v128 value. */
    private static Value i32x4(int a, int b, int c, int d) {
        return Value.v128((a & 0xFFFF_FFFFL) | (long) b << 32, (c & 0xFFFF_FFFFL) | (long) d << 32);
    }

    @Test
    void theModuleIsSplitAsChosen() {
        assertTrue(compiled("c_pair"));
        assertTrue(compiled("c_tail"));
        assertTrue(compiled("c_catches_i"));
        assertFalse(compiled("chain"));
        assertFalse(compiled("i_catches_c"));
    }

    @Test
    void aV128GoesInterpretedToCompiledToInterpretedAndBack() {
        assertEquals((5 + 4) * 10, call("chain", 5));
    }

    @Test
    void severalResultsWithV128sCrossToTheInterpreterAndTheEmbedder() {
        assertEquals(9, call("i_pair", 9));
        Value[] r = inst.function("c_pair").call(i32x4(1, 2, 3, 4));
        assertEquals(i32x4(1, 2, 3, 4), r[0]);
        assertEquals(7, r[1].asInt());
        assertEquals(i32x4(~1, ~2, ~3, ~4), r[2]);
    }

    @Test
    void indirectCallsAndCallRefCarryV128BothWays() {
        assertEquals(6, call("c_indirect", 0, 5), "compiled -> compiled");
        assertEquals(50, call("c_indirect", 1, 5), "compiled -> interpreted");
        assertEquals(6, call("i_indirect", 0, 5), "interpreted -> compiled");
        assertEquals(50, call("i_indirect", 1, 5), "interpreted -> interpreted");
        assertEquals(70, call("c_ref", 7));
    }

    @Test
    void aCompiledTailCallPassesAV128ToTheInterpreter() {
        assertEquals(i32x4(10, 20, -30, 40), inst.function("c_tail").call(i32x4(1, 2, -3, 4))[0]);
    }

    @Test
    void aV128GlobalWrittenCompiledIsReadInterpreted() {
        inst.function("c_set").call(i32(-123));
        assertEquals(-123, call("i_get"));
    }

    @Test
    void aV128ExceptionPayloadIsCaughtInTheOtherTier() {
        assertEquals(5 + 11, call("i_catches_c", 11));
        assertEquals(6 + 12, call("c_catches_i", 12));
        WasmException e = assertThrows(WasmException.class, () -> inst.function("c_throw").call(i32(3)));
        assertEquals(5, e.payload()[0].asInt());
        assertEquals(i32x4(3, 3, 3, 3), e.payload()[1]);
    }

    @Test
    void compiledCodeCallsAHostFunctionWithV128sBothWays() throws Exception {
        Linker linker = new Linker();
        linker.define("env", "twice", HostFunction.nonSwitching(FunctionType.of(NumType.V128).returning(NumType.V128, NumType.I32),
                args -> new Value[] {Value.v128(args[0].bits() * 2, args[0].v128High() * 2), Value.i32(args.length)}));
        Instance host = MixedTierTesting.instantiate(linker, """
                (module
                  (import "env" "twice" (func $twice (param v128) (result v128 i32)))
                  (func (export "c_host") (param i64) (result i64 i32)
                    (call $twice (i64x2.splat (local.get 0)))
                    (local.set 0 (i64.extend_i32_u))
                    (i64x2.extract_lane 1)
                    (i32.wrap_i64 (local.get 0))))
                """, Set.of());
        assertTrue(MixedTierTesting.compiled(host, "c_host"));
        Value[] r = host.function("c_host").call(Value.i64(21));
        assertEquals(42L, r[0].asLong());
        assertEquals(1, r[1].asInt(), "the host function got one argument");
    }

    @Test
    void compiledMemoryAccessesMeetTheInterpreters() {
        assertEquals(0, call("c_zero_local"));
        inst.function("c_store").call(i32(40));
        assertEquals(43, call("i_load_lane", 44));
        assertEquals(43, call("c_load_lane", 44));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> call("c_load_lane", 65536 - 2)).kind());
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, assertThrows(Trap.class, () -> call("i_load_lane", 65536 - 2)).kind());
    }
}
