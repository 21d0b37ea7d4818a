package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A comparison followed by {@code if} or {@code br_if} compiles to one JVM conditional jump
 * ({@code FunctionEmitter.jumpIf}); each comparison, in each of the three places, decides as
 * Java's own operators do on edge values.
 */
class CompareBranchTest {
    private static final Map<String, BiPredicate<Long, Long>> I32 = new LinkedHashMap<>();
    private static final Map<String, BiPredicate<Long, Long>> I64 = new LinkedHashMap<>();
    private static final long[] I32_VALUES = {0, 1, -1, 5, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final long[] I64_VALUES = {0, 1, -1, 5, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32};
    private static Instance inst;

    static {
        I32.put("eq", (a, b) -> a.intValue() == b.intValue());
        I32.put("ne", (a, b) -> a.intValue() != b.intValue());
        I32.put("lt_s", (a, b) -> a.intValue() < b.intValue());
        I32.put("gt_s", (a, b) -> a.intValue() > b.intValue());
        I32.put("le_s", (a, b) -> a.intValue() <= b.intValue());
        I32.put("ge_s", (a, b) -> a.intValue() >= b.intValue());
        I32.put("lt_u", (a, b) -> Integer.compareUnsigned(a.intValue(), b.intValue()) < 0);
        I32.put("gt_u", (a, b) -> Integer.compareUnsigned(a.intValue(), b.intValue()) > 0);
        I32.put("le_u", (a, b) -> Integer.compareUnsigned(a.intValue(), b.intValue()) <= 0);
        I32.put("ge_u", (a, b) -> Integer.compareUnsigned(a.intValue(), b.intValue()) >= 0);
        I64.put("eq", (a, b) -> a.longValue() == b.longValue());
        I64.put("ne", (a, b) -> a.longValue() != b.longValue());
        I64.put("lt_s", (a, b) -> a < b);
        I64.put("gt_s", (a, b) -> a > b);
        I64.put("le_s", (a, b) -> a <= b);
        I64.put("ge_s", (a, b) -> a >= b);
        I64.put("lt_u", (a, b) -> Long.compareUnsigned(a, b) < 0);
        I64.put("gt_u", (a, b) -> Long.compareUnsigned(a, b) > 0);
        I64.put("le_u", (a, b) -> Long.compareUnsigned(a, b) <= 0);
        I64.put("ge_u", (a, b) -> Long.compareUnsigned(a, b) >= 0);
    }

    /** Three functions per comparison: in an {@code if}, a {@code br_if} alone, a {@code br_if} with a value. */
    private static String functions(String type, String op, String test) {
        String params = "(param $a " + type + ") (param $b " + type + ") (result i32)";
        String name = type + "." + op;
        return "(func (export \"if " + name + "\") " + params
                + " (if (result i32) " + test + " (then (i32.const 1)) (else (i32.const 0))))\n"
                + "(func (export \"br_if " + name + "\") " + params
                + " (block $t (br_if $t " + test + ") (return (i32.const 0))) (i32.const 1))\n"
                + "(func (export \"br_if value " + name + "\") " + params
                + " (block $t (result i32) (drop (br_if $t (i32.const 1) " + test + ")) (i32.const 0)))\n";
    }

    @BeforeAll
    static void setUp() throws Exception {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String type : new String[] {"i32", "i64"}) {
            for (String op : I32.keySet()) {
                wat.append(functions(type, op, "(" + type + "." + op + " (local.get $a) (local.get $b))"));
            }
            wat.append(functions(type, "eqz", "(" + type + ".eqz (local.get $a))"));
        }
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat.append(")").toString()));
        inst = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module));
    }

    private static void check(String type, String op, BiPredicate<Long, Long> expected, long[] values) {
        for (String form : new String[] {"if ", "br_if ", "br_if value "}) {
            String export = form + type + "." + op;
            assertTrue(BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry,
                    export + " compiled");
            for (long a : values) {
                for (long b : values) {
                    Value va = type.equals("i32") ? Value.i32((int) a) : Value.i64(a);
                    Value vb = type.equals("i32") ? Value.i32((int) b) : Value.i64(b);
                    int want = expected.test(a, b) ? 1 : 0;
                    assertEquals(want, inst.function(export).call(va, vb)[0].asInt(), export + " " + a + " " + b);
                }
            }
        }
    }

    @Test
    void i32ComparisonsBranchAsJavaCompares() {
        I32.forEach((op, p) -> check("i32", op, p, I32_VALUES));
        check("i32", "eqz", (a, b) -> a.intValue() == 0, I32_VALUES);
    }

    @Test
    void i64ComparisonsBranchAsJavaCompares() {
        I64.forEach((op, p) -> check("i64", op, p, I64_VALUES));
        check("i64", "eqz", (a, b) -> a == 0, I64_VALUES);
    }
}
