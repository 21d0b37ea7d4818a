package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.Test;

/**
 * The auto tier's swap: an instance runs interpreted until one of its functions has been called
 * the chosen number of times, then its compilable functions run compiled from the call that
 * set it off on, whichever way they are called, while frames already running finish on the
 * interpreter.
 */
class TierUpTest {
    private static final String WAT = """
            (module
              (type $ii (func (param i32) (result i32)))
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $double)
              (elem declare func $double)
              (tag $boom (param i32))
              (func $double (export "double") (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (func (export "via_table") (param i32) (result i32)
                (call_indirect $t (type $ii) (local.get 0) (i32.const 0)))
              (func (export "via_ref") (param i32) (result i32) (call_ref $ii (local.get 0) (ref.func $double)))
              (func (export "via_tail") (param i32) (result i32) (return_call_indirect $t (type $ii) (local.get 0) (i32.const 0)))
              ;; sum(n) = n + sum(n - 1): every level adds after its callee returns, so the
              ;; interpreted frames below the tier-up must resume correctly
              (func $sum (export "sum") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (local.get 0) (call $sum (i32.sub (local.get 0) (i32.const 1)))))))
              ;; throws at the bottom of a recursion; caught by the frame n levels up (a try_table
              ;; at each level with n % 4 == 0 catches, adds 1000 and rethrows by its own throw)
              (func $dive (export "dive") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (throw $boom (i32.const 1)))
                  (else
                    (if (result i32) (i32.eqz (i32.rem_u (local.get 0) (i32.const 4)))
                      (then
                        (block $h (result i32)
                          (try_table (result i32) (catch $boom $h) (call $dive (i32.sub (local.get 0) (i32.const 1))))
                          (return))
                        (i32.add (i32.const 1000))
                        (throw $boom))
                      (else (call $dive (i32.sub (local.get 0) (i32.const 1))))))))
              (func (export "catch_dive") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $boom $h) (call $dive (local.get 0)))))
              ;; counts n down to zero in a loop: work without calls
              (func (export "spin") (param i32) (result i32) (local $steps i32)
                (block $done (loop $again
                  (br_if $done (i32.eqz (local.get 0)))
                  (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                  (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
                  (br $again)))
                (local.get $steps))
              ;; divides by zero at the bottom of a recursion
              (func $trap_at (export "trap_at") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.div_s (i32.const 1) (local.get 0)))
                  (else (i32.add (i32.const 1) (call $trap_at (i32.sub (local.get 0) (i32.const 1)))))))
            )
            """;

    private static Instance instantiate(int hotCalls) throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(WAT));
        return BytecodeTier.autoAfter(hotCalls, () -> new Linker().instantiate(module));
    }

    private static int call(Instance inst, String name, int arg) {
        return inst.function(name).call(i32(arg))[0].asInt();
    }

    private static boolean compiled(Instance inst, String export) {
        return BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry;
    }

    @Test
    void theInstanceStaysInterpretedUntilAFunctionIsHot() throws Exception {
        Instance inst = instantiate(3);
        long tierUps = TierStats.tierUps();
        assertEquals(2, call(inst, "double", 1));
        assertEquals(4, call(inst, "double", 2));
        assertFalse(compiled(inst, "double"));
        assertTrue(BytecodeSupport.isInterpreted((FunctionInstance) inst.function("sum")));
        assertEquals(tierUps, TierStats.tierUps());
        assertEquals(6, call(inst, "double", 3)); // the third call compiles, then runs compiled
        assertEquals(tierUps + 1, TierStats.tierUps());
        assertTrue(compiled(inst, "double"));
        assertTrue(compiled(inst, "sum"), "the whole instance tiers up at once");
        assertEquals(8, call(inst, "double", 4));
    }

    /** Long loops in few calls: the instance tiers up by the work its meter counted. */
    @Test
    void anInstanceThatLoopsLongInFewCallsTiersUpByItsMeter() throws Exception {
        Instance inst = instantiate(1_000);
        assertEquals(10_000, call(inst, "spin", 10_000));
        assertFalse(compiled(inst, "spin"), "ten thousand back-edges are not busy yet");
        assertEquals(3_000_000, call(inst, "spin", 3_000_000)); // over 64 slices of 16,384: tier-up mid-loop
        assertTrue(compiled(inst, "spin"), "the frame that set it off finished interpreted, later calls compile");
        assertEquals(5, call(inst, "spin", 5));
    }

    @Test
    void aFunctionCalledThroughATableAndCallRefTiersUpAndStaysReachable() throws Exception {
        Instance inst = instantiate(4);
        // via_table, via_ref and via_tail are each called at most three times: $double reaches
        // four calls first, from interpreted callers through call_indirect, call_ref and a tail call
        assertEquals(2, call(inst, "via_table", 1));
        assertEquals(4, call(inst, "via_ref", 2));
        assertEquals(6, call(inst, "via_tail", 3));
        assertFalse(compiled(inst, "double"));
        assertEquals(8, call(inst, "via_table", 4)); // $double's fourth call: tier-up
        assertTrue(compiled(inst, "double"));
        assertTrue(compiled(inst, "via_ref"));
        assertEquals(10, call(inst, "via_table", 5));
        assertEquals(12, call(inst, "via_ref", 6));
        assertEquals(14, call(inst, "via_tail", 7));
    }

    @Test
    void recursionInTheMiddleOfTierUpFinishesOnBothTiers() throws Exception {
        Instance inst = instantiate(5);
        // the fifth level compiles the instance; levels 1 to 4 are interpreted frames that then
        // add the compiled levels' sum
        assertEquals(100 * 101 / 2, call(inst, "sum", 100));
        assertTrue(compiled(inst, "sum"));
        assertEquals(10 * 11 / 2, call(inst, "sum", 10));
    }

    @Test
    void aWasmExceptionFromCompiledLevelsIsCaughtByInterpretedFramesBelow() throws Exception {
        Instance inst = instantiate(6);
        // levels 12, 8 and 4 catch and add 1000; levels from the sixth call of $dive on are compiled
        assertEquals(3001, call(inst, "catch_dive", 12));
        assertTrue(compiled(inst, "dive"));
        assertEquals(3001, call(inst, "catch_dive", 12));
        WasmException e = assertThrows(WasmException.class, () -> inst.function("dive").call(i32(9)));
        assertEquals(2001, e.payload()[0].asInt());
    }

    @Test
    void aTrapInCompiledLevelsReachesTheHostWithItsKind() throws Exception {
        Instance inst = instantiate(3);
        Trap t = assertThrows(Trap.class, () -> call(inst, "trap_at", 10));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        assertTrue(compiled(inst, "trap_at"));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, assertThrows(Trap.class, () -> call(inst, "trap_at", 3)).kind());
    }

    @Test
    void theFirstCallCanSetOffTheTierUp() throws Exception {
        Instance inst = instantiate(1);
        assertEquals(2, call(inst, "double", 1));
        assertTrue(compiled(inst, "double"));
        assertTrue(compiled(inst, "sum"));
    }

    @Test
    void aTierUpThresholdBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> instantiate(0));
    }

    @Test
    void theHotCallsPropertyMustBeAPositiveNumber() {
        String before = System.getProperty(BytecodeTier.HOT_CALLS);
        try {
            System.setProperty(BytecodeTier.HOT_CALLS, "many");
            assertThrows(IllegalArgumentException.class, BytecodeTier::hotCalls);
            System.setProperty(BytecodeTier.HOT_CALLS, "250");
            assertEquals(250, BytecodeTier.hotCalls());
        } finally {
            if (before == null) {
                System.clearProperty(BytecodeTier.HOT_CALLS);
            } else {
                System.setProperty(BytecodeTier.HOT_CALLS, before);
            }
        }
    }
}
