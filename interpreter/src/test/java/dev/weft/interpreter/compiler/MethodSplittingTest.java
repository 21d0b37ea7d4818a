package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Method splitting ({@link SplitPlan}, {@link OutlinedBlocks}): functions whose blocks are
 * outlined into helper methods give the interpreter's results, traps and exceptions. The module
 * is compiled with a 24-byte budget, so that nearly every block and run of statements of it is
 * outlined, and run side by side with the same module on the interpreter.
 */
class MethodSplittingTest {
    private static final String WAT = """
            (module
              (type $pair (func (param i32 i32) (result i32 i32)))
              (type $ii (func (param i32) (result i32)))
              (elem declare func $callee)
              (tag $boom (param i32))
              (memory 1)
              (func $callee (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3)))
              ;; branches with values out of nested blocks, from br, br_if and br_table
              (func (export "branches") (param i32) (result i32) (local $x i32)
                (i32.add (i32.const 1000)
                  (block $a (result i32)
                    (block $b (result i32)
                      (block $c
                        (local.set $x (i32.const 10))
                        (drop (br_if $a (i32.const 100) (i32.eq (local.get 0) (i32.const 0))))
                        (drop (br_if $b (i32.const 200) (i32.eq (local.get 0) (i32.const 1))))
                        (br_if $c (i32.eq (local.get 0) (i32.const 2)))
                        (block $d
                          (br_table $a $b $b $a
                            (i32.add (local.get $x) (i32.const 7)) (i32.sub (local.get 0) (i32.const 3)))))
                      (i32.add (local.get $x) (i32.const 300)))
                    (i32.add (local.get $x))
                    (local.tee $x)
                    (i32.mul (i32.const 2)))))
              ;; return from deep inside, with locals of every kind written inside
              (func (export "returns") (param i32) (result i64) (local $l i64) (local $d f64) (local $r (ref null $ii))
                (block
                  (block
                    (local.set $l (i64.extend_i32_s (local.get 0)))
                    (local.set $d (f64.convert_i32_s (local.get 0)))
                    (local.set $r (ref.func $callee))
                    (if (i32.gt_s (local.get 0) (i32.const 5))
                      (then (block (return (i64.mul (local.get $l) (i64.const 1000)))))))
                  (local.set $l (i64.add (local.get $l) (i64.trunc_f64_s (f64.mul (local.get $d) (f64.const 0.5))))))
                (i64.add (local.get $l)
                  (i64.extend_i32_s (call_ref $ii (i32.const 1) (local.get $r)))))
              ;; loops: a counted loop, and a loop with parameters carried by br
              (func (export "loops") (param i32) (result i32) (local $i i32) (local $s i32)
                (loop $top
                  (block $skip
                    (br_if $skip (i32.eq (i32.rem_u (local.get $i) (i32.const 3)) (i32.const 0)))
                    (local.set $s (i32.add (local.get $s) (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $top (i32.lt_u (local.get $i) (local.get 0))))
                (local.get $s)
                (i32.const 0) (local.get 0)
                (loop $sum (type $pair)
                  (local.set $i)
                  (if (param i32) (result i32 i32) (i32.eqz (local.get $i))
                    (then (local.get $i))
                    (else (i32.add (local.get $i)) (i32.sub (local.get $i) (i32.const 1)) (br $sum))))
                (drop)
                (i32.add))
              ;; if/else with parameters and several results, values below the block
              (func (export "ifs") (param i32 i32) (result i32 i32)
                (i32.const 7)
                (local.get 0) (local.get 1)
                (if (type $pair) (local.get 0)
                  (then (i32.add) (i32.const 1))
                  (else (i32.sub) (i32.const 2)))
                (local.set 1)
                (i32.add)
                (local.get 1))
              ;; a trap inside an outlined block
              (func (export "divide") (param i32 i32) (result i32)
                (block (result i32)
                  (block (result i32) (i32.div_s (local.get 0) (local.get 1)))))
              ;; a try_table around outlined blocks: locals written before the throw are seen by the handler
              (func (export "catchAround") (param i32) (result i32) (local $x i32)
                (block $h (result i32)
                  (try_table (catch $boom $h)
                    (block
                      (local.set $x (i32.const 40))
                      (block
                        (local.set $x (i32.add (local.get $x) (i32.const 2)))
                        (if (local.get 0) (then (throw $boom (local.get $x)))))))
                  (i32.const -1))
                (i32.add (local.get $x)))
              ;; a try_table inside an outlined block, catching to a label outside it
              (func (export "catchInside") (param i32) (result i32) (local $x i32)
                (i32.add (i32.const 500)
                  (block $out (result i32)
                    (block
                      (block
                        (local.set $x (i32.const 5))
                        (try_table (catch $boom $out)
                          (block (if (local.get 0) (then (throw $boom (i32.add (local.get $x) (local.get 0))))))
                          (local.set $x (i32.const 6)))))
                    (local.get $x))))
              ;; an exception leaving the function from an outlined block
              (func (export "throws") (param i32)
                (block (block (throw $boom (local.get 0)))))
              ;; a tail call to another function, from inside an outlined block
              (func (export "tail") (param i32) (result i32)
                (block (block (return_call $callee (i32.add (local.get 0) (i32.const 1)))))
                (i32.const -1))
              ;; a self tail call beside outlined blocks
              (func $count (export "count") (param i32 i32) (result i32)
                (block (block (local.set 1 (i32.add (local.get 1) (i32.const 2)))))
                (if (result i32) (i32.eqz (local.get 0))
                  (then (local.get 1))
                  (else (return_call $count (i32.sub (local.get 0) (i32.const 1)) (local.get 1)))))
              ;; memory in outlined blocks
              (func (export "memory") (param i32) (result i32)
                (block (i32.store (i32.const 8) (local.get 0))
                  (block (i32.store (i32.const 12) (i32.mul (i32.load (i32.const 8)) (i32.const 2)))))
                (i32.load (i32.const 12)))
            )
            """;

    private static Instance interpreted;
    private static Instance split;
    private static long splitFunctions;

    @BeforeAll
    static void instantiate() throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(WAT));
        interpreted = BytecodeTier.compilingOnly(i -> false, () -> new Linker().instantiate(module));
        long before = TierStats.split();
        split = BytecodeTier.compilingOnly(i -> true,
                () -> ModuleCompiler.withMaxMethodBytes(24, () -> new Linker().instantiate(module)));
        splitFunctions = TierStats.split() - before;
    }

    private static boolean compiled(Instance inst, String export) {
        return BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry;
    }

    /** Calls {@code name} in both instances and checks that the outcomes agree; returns the split one's. */
    private static String same(String name, Value... args) {
        assertTrue(compiled(split, name), name + " compiles");
        assertFalse(compiled(interpreted, name));
        String expected = outcome(interpreted, name, args);
        String actual = outcome(split, name, args);
        assertEquals(expected, actual, name + Arrays.toString(args));
        return actual;
    }

    private static String outcome(Instance inst, String name, Value... args) {
        try {
            return Arrays.toString(inst.function(name).call(args));
        } catch (Trap t) {
            return "trap " + t.kind();
        } catch (WasmException e) {
            return "exception " + Arrays.toString(e.payload());
        }
    }

    private static Value i32(int v) {
        return Value.i32(v);
    }

    @Test
    void theFunctionsAreSplit() {
        assertEquals(11, splitFunctions, "every function with a block, $callee has none");
    }

    @Test
    void branchesLeaveOutlinedBlocksWithTheirValues() {
        for (int i = -1; i <= 8; i++) {
            same("branches", i32(i));
        }
        assertEquals("[" + i32(1100) + "]", same("branches", i32(0)));
    }

    @Test
    void returnsLeaveFromInsideAndLocalsWrittenInsideAreSeenOutside() {
        for (int i : new int[] {-7, 0, 3, 5, 6, 100}) {
            same("returns", i32(i));
        }
    }

    @Test
    void loopsRunInsideAndAcrossOutlinedBlocks() {
        for (int n : new int[] {0, 1, 2, 10, 1000}) {
            same("loops", i32(n));
        }
    }

    @Test
    void ifsTakeParametersAndLeaveSeveralResults() {
        for (int a : new int[] {0, 1, 9}) {
            same("ifs", i32(a), i32(4));
        }
    }

    @Test
    void trapsInOutlinedBlocksAreTheInterpretersTraps() {
        assertEquals("[" + i32(3) + "]", same("divide", i32(7), i32(2)));
        assertTrue(same("divide", i32(7), i32(0)).startsWith("trap"));
        assertTrue(same("divide", i32(Integer.MIN_VALUE), i32(-1)).startsWith("trap"));
    }

    @Test
    void exceptionsCrossOutlinedBlocksWithTheLocalsTheyWrote() {
        assertEquals("[" + i32(84) + "]", same("catchAround", i32(1)));
        same("catchAround", i32(0));
        same("catchInside", i32(0));
        assertEquals("[" + i32(512) + "]", same("catchInside", i32(7)));
        assertTrue(same("throws", i32(9)).startsWith("exception"));
    }

    @Test
    void tailCallsFromAndBesideOutlinedBlocks() {
        same("tail", i32(4));
        assertEquals("[" + i32(400_000) + "]", same("count", i32(199_999), i32(0)));
    }

    @Test
    void memoryInOutlinedBlocks() {
        same("memory", i32(21));
    }

    /** A function too big for one method: with the default budget it compiles split. */
    @Test
    void aBigFunctionCompilesSplitAtTheDefaultBudget() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int b = 0; b < 60; b++) {
            body.append("(block ");
            for (int k = 0; k < 40; k++) {
                body.append("(local.set 1 (i32.add (i32.mul (local.get 1) (i32.const ").append(31 + k)
                        .append(")) (i32.xor (local.get 0) (i32.const ").append(b * 40 + k).append("))))");
            }
            body.append("(br_if 0 (i32.eq (local.get 1) (local.get 0))))");
        }
        String wat = "(module (func (export \"big\") (param i32) (result i32) (local i32) " + body + " (local.get 1)))";
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        Instance reference = BytecodeTier.compilingOnly(i -> false, () -> new Linker().instantiate(module));
        long before = TierStats.split();
        Instance compiled = BytecodeTier.compilingOnly(i -> true,
                () -> ModuleCompiler.withMaxMethodBytes(ModuleCompiler.HUGE_METHOD, () -> new Linker().instantiate(module)));
        assertTrue(compiled(compiled, "big"));
        assertEquals(1, TierStats.split() - before);
        for (int x : new int[] {0, 1, 12345}) {
            assertArrayEquals(reference.function("big").call(i32(x)), compiled.function("big").call(i32(x)));
        }
    }

    /** A big function of statements without blocks compiles as runs of statements. */
    @Test
    void aBigStraightLineFunctionCompilesAsRunsOfStatements() throws Exception {
        String body = "(local.set 1 (i32.add (i32.mul (local.get 1) (i32.const 31)) (local.get 0)))".repeat(2000);
        String wat = "(module (func (export \"flat\") (param i32) (result i32) (local i32) " + body + " (local.get 1)))";
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        long before = TierStats.split();
        Instance inst = BytecodeTier.compilingOnly(i -> true,
                () -> ModuleCompiler.withMaxMethodBytes(ModuleCompiler.HUGE_METHOD, () -> new Linker().instantiate(module)));
        assertTrue(compiled(inst, "flat"));
        assertEquals(1, TierStats.split() - before);
        int expected = 0;
        for (int i = 0; i < 2000; i++) {
            expected = expected * 31 + 1;
        }
        assertEquals(expected, inst.function("flat").call(i32(1))[0].asInt());
    }

    /** A function that is one long expression has nothing to outline: too big, it stays interpreted. */
    @Test
    void aBigExpressionStaysInterpreted() throws Exception {
        String body = "(i32.mul (i32.const 31)) (i32.add (local.get 0))".repeat(3000);
        String wat = "(module (func (export \"expr\") (param i32) (result i32) (local.get 0) " + body + "))";
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        Instance inst = BytecodeTier.compilingOnly(i -> true,
                () -> ModuleCompiler.withMaxMethodBytes(ModuleCompiler.HUGE_METHOD, () -> new Linker().instantiate(module)));
        assertFalse(compiled(inst, "expr"));
        int expected = 1;
        for (int i = 0; i < 3000; i++) {
            expected = expected * 31 + 1;
        }
        assertEquals(expected, inst.function("expr").call(i32(1))[0].asInt());
        assertTrue(TierStats.interpreted().keySet().stream().anyMatch(r -> r.startsWith("method over 8000 bytes")),
                TierStats.interpreted().toString());
    }
}
