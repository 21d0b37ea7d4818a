package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calls between compiled and interpreted functions in both directions, through every kind of
 * call, with exceptions, traps and the call-depth limit crossing the boundary. The module picks
 * which functions compile (the numbered comments are function indices).
 */
class MixedTierTest {
    private static final String WAT = """
            (module
              (type $ii (func (param i32) (result i32)))
              (table $t 4 funcref)
              (elem (table $t) (i32.const 0) func $c_double $i_double $other)
              (elem declare func $c_double $i_double)
              (memory 1)
              (tag $boom (param i32))
              (func $c_double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (func $i_double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "c_calls_i") (param i32) (result i32) (call $i_double (local.get 0)))
              (func (export "i_calls_c") (param i32) (result i32) (call $c_double (local.get 0)))
              (func (export "c_indirect") (param i32 i32) (result i32)
                (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
              (func (export "i_indirect") (param i32 i32) (result i32)
                (call_indirect $t (type $ii) (local.get 1) (local.get 0)))
              (func (export "c_ref_to_i") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $i_double)))
              (func (export "i_ref_to_c") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $c_double)))
              (func (export "i_tail_to_c") (param i32) (result i32) (return_call $c_double (local.get 0)))
              (func (export "i_tail_indirect") (param i32 i32) (result i32)
                (return_call_indirect $t (type $ii) (local.get 1) (local.get 0)))
              (func $count (export "count") (param i32 i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (local.get 1))
                  (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (call $c_inc (local.get 1))))))
              (func $c_inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func $c_throw (export "c_throw") (param i32) (throw $boom (local.get 0)))
              (func $c_through (param i32) (call $i_throw (local.get 0)))
              (func $i_throw (param i32) (throw $boom (local.get 0)))
              (func (export "i_catches_c") (param i32) (result i32)
                (block $h (result i32) (try_table (catch $boom $h) (call $c_throw (local.get 0))) (i32.const -1)))
              (func (export "i_catches_through_c") (param i32) (result i32)
                (block $h (result i32) (try_table (catch $boom $h) (call $c_through (local.get 0))) (i32.const -1)))
              (func $c_deep (export "c_deep") (param i32 i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.div_s (i32.const 1) (local.get 1)))
                  (else (call $c_deep (i32.sub (local.get 0) (i32.const 1)) (local.get 1)))))
              (func (export "i_deep") (param i32 i32) (result i32) (call $c_deep (local.get 0) (local.get 1)))
              (func (export "c_oob") (param i32) (result i32) (i32.load (local.get 0)))
              (func $c_forever (export "c_forever") (param i32) (result i32)
                (call $c_forever (i32.add (local.get 0) (i32.const 1))))
              (func $m_c (export "mixed_forever") (param i32) (result i32) (call $m_i (i32.add (local.get 0) (i32.const 1))))
              (func $m_i (param i32) (result i32) (call $m_c (local.get 0)))
              (func $other (param i64))
              (func (export "c_catches_i") (param i32) (result i32)
                (i32.add (i32.const 100)
                  (block $h (result i32) (try_table (catch $boom $h) (call $i_throw (local.get 0))) (i32.const -1))))
              (func (export "c_rethrows") (param i32)
                (throw_ref (block $h (result exnref) (try_table (catch_all_ref $h) (call $i_throw (local.get 0))) (unreachable))))
              (func $c_loop (export "c_loop") (param i32 i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (local.get 1))
                  (else (return_call $c_loop (i32.sub (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.const 2))))))
              (func $c_swap (export "c_swap") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
              (func (export "c_swap_sub") (param i32 i64) (result i64)
                (call $c_swap (local.get 0) (local.get 1)) (i64.extend_i32_s) (i64.sub))
              (func (export "i_swap_sub") (param i32 i64) (result i64)
                (call $c_swap (local.get 0) (local.get 1)) (i64.extend_i32_s) (i64.sub))
              (func (export "c_tail_to_i") (param i32) (result i32) (return_call $i_double (local.get 0)))
              (func (export "c_tail_indirect") (param i32 i32) (result i32)
                (return_call_indirect $t (type $ii) (local.get 1) (local.get 0)))
              (func $even (export "even") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1))
                  (else (return_call $odd (i32.sub (local.get 0) (i32.const 1))))))
              (func $odd (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (return_call $even (i32.sub (local.get 0) (i32.const 1))))))
            )
            """;
    /** Functions kept on the interpreter; every other one compiles. */
    private static final Set<Integer> INTERPRETED = Set.of(1, 3, 5, 7, 8, 9, 10, 14, 15, 16, 18, 22, 29);
    private static Instance inst;

    @BeforeAll
    static void instantiate() throws Exception {
        inst = MixedTierTesting.instantiate(WAT, INTERPRETED);
    }

    private static int call(String name, int... args) {
        return MixedTierTesting.call(inst, name, args);
    }

    private static TrapKind trap(String name, int... args) {
        return assertThrows(Trap.class, () -> call(name, args)).kind();
    }

    private static boolean compiled(String export) {
        return MixedTierTesting.compiled(inst, export);
    }

    @Test
    void theModuleIsSplitAsChosen() {
        assertTrue(compiled("c_calls_i"));
        assertTrue(compiled("c_indirect"));
        assertTrue(compiled("c_deep"));
        assertFalse(compiled("i_calls_c"));
        assertFalse(compiled("count"));
        assertTrue(BytecodeSupport.isInterpreted((FunctionInstance) inst.function("i_indirect")));
    }

    @Test
    void directCallsCrossInBothDirections() {
        assertEquals(42, call("c_calls_i", 21));
        assertEquals(42, call("i_calls_c", 21));
    }

    @Test
    void callIndirectReachesEitherTierAndChecksLikeTheInterpreter() {
        for (String caller : new String[] {"c_indirect", "i_indirect"}) {
            assertEquals(10, call(caller, 0, 5), caller + " -> compiled");
            assertEquals(10, call(caller, 1, 5), caller + " -> interpreted");
            assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap(caller, 2, 5), caller);
            assertEquals(TrapKind.UNINITIALIZED_ELEMENT, trap(caller, 3, 5), caller);
            assertEquals(TrapKind.UNDEFINED_ELEMENT, trap(caller, 9, 5), caller);
            assertEquals(TrapKind.UNDEFINED_ELEMENT, trap(caller, -1, 5), caller);
        }
    }

    @Test
    void callRefCrossesInBothDirections() {
        assertEquals(8, call("c_ref_to_i", 4));
        assertEquals(8, call("i_ref_to_c", 4));
    }

    @Test
    void interpretedTailCallsReachCompiledFunctions() {
        assertEquals(14, call("i_tail_to_c", 7));
        assertEquals(14, call("i_tail_indirect", 0, 7));
        assertEquals(14, call("i_tail_indirect", 1, 7));
        // 200,000 tail calls, each calling compiled code: the stacks stay flat
        assertEquals(200_000, call("count", 200_000, 0));
    }

    @Test
    void exceptionsCrossTheBoundary() {
        assertEquals(7, call("i_catches_c", 7));
        assertEquals(9, call("i_catches_through_c", 9));
        WasmException e = assertThrows(WasmException.class, () -> inst.function("c_throw").call(i32(5)));
        assertEquals(5, e.payload()[0].asInt());
    }

    @Test
    void compiledTryTableCatchesAnInterpretedThrowAndKeepsTheStackBelow() {
        assertTrue(compiled("c_catches_i"));
        assertEquals(107, call("c_catches_i", 7));
        WasmException e = assertThrows(WasmException.class, () -> inst.function("c_rethrows").call(i32(3)));
        assertEquals(3, e.payload()[0].asInt());
    }

    @Test
    void aSelfTailCallInCompiledCodeRunsInConstantStack() {
        assertTrue(compiled("c_loop"));
        assertEquals(2_000_000, call("c_loop", 1_000_000, 0));
    }

    @Test
    void tailCallsCompileOnlyWhereTheJavaStackStaysBounded() {
        assertTrue(compiled("c_tail_to_i"));
        assertEquals(22, call("c_tail_to_i", 11));
        assertTrue(compiled("c_tail_indirect"), "no function in the table tail-calls back");
        assertEquals(14, call("c_tail_indirect", 0, 7));
        assertEquals(14, call("c_tail_indirect", 1, 7));
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, trap("c_tail_indirect", 2, 7));
        // mutual tail recursion could grow the Java stack without bound: it stays interpreted
        assertFalse(compiled("even"));
        assertEquals(1, call("even", 1_000_000));
    }

    @Test
    void severalResultsCrossTheBoundary() {
        Value[] r = inst.function("c_swap").call(i32(5), Value.i64(9));
        assertEquals(9, r[0].asLong());
        assertEquals(5, r[1].asInt());
        assertEquals(4, inst.function("c_swap_sub").call(i32(5), Value.i64(9))[0].asLong());
        assertEquals(4, inst.function("i_swap_sub").call(i32(5), Value.i64(9))[0].asLong());
    }

    @Test
    void aTrapDeepInCompiledCodeReachesTheHostWithItsKind() {
        assertEquals(1, call("c_deep", 1000, 1));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap("c_deep", 1000, 0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap("i_deep", 1000, 0));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap("c_oob", 65_536));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, trap("c_oob", -1));
    }

    @Test
    void endlessRecursionIsCallStackExhaustedNotAStackOverflowError() {
        Trap t = assertThrows(Trap.class, () -> call("c_forever", 0));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        Trap mixed = assertThrows(Trap.class, () -> call("mixed_forever", 0));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, mixed.kind());
        // and the instance still works afterwards
        assertEquals(42, call("c_calls_i", 21));
        assertInstanceOf(Trap.class, assertThrows(Trap.class, () -> call("c_forever", 0)));
    }
}
