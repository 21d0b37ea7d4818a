package dev.weft.interpreter.exec;

import static dev.weft.interpreter.code.Opcodes.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.code.Opcodes;
import dev.weft.interpreter.lower.Lowerer;
import dev.weft.interpreter.text.WatParser;
import java.util.function.BiPredicate;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fused additions, multiplications and ands work on whole 64-bit slots and serve i32 and
 * i64 alike; the i64 comparisons fuse with {@code br_if} and {@code if}. Each shape the lowering
 * fuses is checked against Java's own arithmetic on values where the upper half matters: an i64
 * result must carry into it, an i32 result must not leak it (seen through
 * {@code i64.extend_i32_u/s} and host results).
 */
class FusedArithmeticTest {
    private static final long[] SAMPLES = {
        0, 1, -1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, 0x1_0000_0001L,
        Long.MAX_VALUE, Long.MIN_VALUE, -0x1_0000_0000L, -0x8000_0000L, 0x1234_5678_9ABC_DEF0L,
    };
    private static final String[] COMPARISONS = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};

    private static Instance inst;
    private static String source;
    private static CompiledFunction[] lowered;

    @BeforeAll
    static void setUp() throws Exception {
        StringBuilder wat = new StringBuilder("(module\n");
        wat.append("""
              ;; local.set x (x + c), x + c, local.tee, c outside i32, x - c with c = i32 minimum
              (func (export "inc") (param i64) (result i64) (local.set 0 (i64.add (local.get 0) (i64.const 1))) (local.get 0))
              (func (export "add_c") (param i64) (result i64) (i64.add (local.get 0) (i64.const -7)))
              (func (export "add_tee") (param i64) (result i64) (local i64) (drop (local.tee 1 (i64.add (local.get 0) (i64.const 3)))) (local.get 1))
              (func (export "add_big") (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x1_0000_0000)))
              (func (export "sub_min") (param i64) (result i64) (i64.sub (local.get 0) (i64.const -2147483648)))
              (func (export "sub_c") (param i64) (result i64) (i64.sub (local.get 0) (i64.const 5)))
              ;; a + b over locals (plain, set, tee), top + local, top + local then set
              (func (export "add_ll") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
              (func (export "add_ll_set") (param i64 i64) (result i64) (local i64) (local.set 2 (i64.add (local.get 0) (local.get 1))) (local.get 2))
              (func (export "add_ll_tee") (param i64 i64) (result i64) (local i64) (drop (local.tee 2 (i64.add (local.get 0) (local.get 1)))) (local.get 2))
              (func (export "add_l") (param i64 i64) (result i64) (i64.add (i64.mul (local.get 0) (i64.const 1)) (local.get 1)))
              (func (export "add_l_set") (param i64 i64) (result i64) (local.set 1 (i64.add (i64.xor (local.get 0) (i64.const 0)) (local.get 1))) (local.get 1))
              (func (export "add_set") (param i64 i64) (result i64) (local i64) (local.set 2 (i64.add (i64.xor (local.get 0) (i64.const 0)) (i64.xor (local.get 1) (i64.const 0)))) (local.get 2))
              ;; multiplications and ands with a local or a constant
              (func (export "mul_l") (param i64 i64) (result i64) (i64.mul (i64.xor (local.get 0) (i64.const 0)) (local.get 1)))
              (func (export "mul_c") (param i64) (result i64) (i64.mul (local.get 0) (i64.const 100003)))
              (func (export "and_neg") (param i64) (result i64) (i64.and (local.get 0) (i64.const -16)))
              (func (export "and_pos") (param i64) (result i64) (i64.and (local.get 0) (i64.const 0x7FFF_FFFF)))
              ;; the same fused forms for i32, widened afterwards: the upper half must not leak
              (func (export "i32_inc_u") (param i32) (result i64) (local.set 0 (i32.add (local.get 0) (i32.const 1))) (i64.extend_i32_u (local.get 0)))
              (func (export "i32_add_ll_s") (param i32 i32) (result i64) (i64.extend_i32_s (i32.add (local.get 0) (local.get 1))))
              (func (export "i32_add_l_set_u") (param i32 i32) (result i64) (local.set 1 (i32.add (i32.xor (local.get 0) (i32.const 0)) (local.get 1))) (i64.extend_i32_u (local.get 1)))
              (func (export "i32_mul_c_u") (param i32) (result i64) (i64.extend_i32_u (i32.mul (local.get 0) (i32.const 65536))))
              (func (export "i32_and_u") (param i32) (result i64) (i64.extend_i32_u (i32.and (local.get 0) (i32.const -2))))
              (func (export "i32_add_c") (param i32) (result i32) (i32.add (local.get 0) (i32.const 0x7FFF_FFFF)))
              (func (export "i32_add_c_eq") (param i32) (result i32)
                (if (result i32) (i32.eq (i32.add (local.get 0) (i32.const 1)) (i32.const 0)) (then (i32.const 1)) (else (i32.const 0))))
            """);
        for (String c : COMPARISONS) {
            // br_if taken on the comparison, and if (which jumps on its negation)
            wat.append("  (func (export \"br_").append(c).append("\") (param i64 i64) (result i32)\n")
                    .append("    (block $t (br_if $t (i64.").append(c).append(" (local.get 0) (local.get 1))) (return (i32.const 0))) (i32.const 1))\n");
            wat.append("  (func (export \"if_").append(c).append("\") (param i64 i64) (result i32)\n")
                    .append("    (if (result i32) (i64.").append(c).append(" (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))\n");
        }
        wat.append("""
              (func (export "br_eqz") (param i64) (result i32) (block $t (br_if $t (i64.eqz (local.get 0))) (return (i32.const 0))) (i32.const 1))
              (func (export "if_eqz") (param i64) (result i32) (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1)) (else (i32.const 0))))
            )
            """);
        source = wat.toString();
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(source));
        lowered = Lowerer.lowerAll(module.validated());
        inst = new Linker().instantiate(module);
    }

    /** The lowered code of the exported function {@code name} (functions are defined in export order). */
    private static int[] code(String name) {
        int at = source.indexOf("(export \"" + name + "\")");
        int index = 0;
        for (int i = source.indexOf("(func "); i >= 0 && i < at; i = source.indexOf("(func ", i + 1)) {
            index++;
        }
        return lowered[index - 1].code;
    }

    private static void assertUses(String name, int opcode) {
        for (int v : code(name)) {
            if (v == opcode) {
                return;
            }
        }
        throw new AssertionError(name + " is not lowered to " + Opcodes.name(opcode) + ": " + java.util.Arrays.toString(code(name)));
    }

    @Test
    void theI64FormsAreFused() {
        assertEquals(LOCAL_ADD_CONST_SET, code("inc")[0]);
        assertEquals(LOCAL_ADD_CONST, code("add_c")[0]);
        assertEquals(LOCAL_ADD_CONST_TEE, code("add_tee")[0]);
        assertEquals(LOCAL_ADD_CONST, code("sub_c")[0]);
        assertEquals(ADD_LL, code("add_ll")[0]);
        assertEquals(ADD_LL_SET, code("add_ll_set")[0]);
        assertUses("add_l", ADD_L);
        assertUses("add_l_set", ADD_L_SET);
        assertUses("add_set", ADD_SET);
        assertUses("mul_l", MUL_L);
        assertUses("mul_c", MUL_CONST);
        assertUses("and_neg", AND_CONST);
        assertUses("add_big", I64_ADD); // the constant does not fit an immediate
        assertUses("sub_min", I64_SUB); // its negation does not either
        assertUses("br_lt_u", BR_IF_I64_LT_U);
        assertUses("if_le_u", BR_IF_I64_GT_U); // if jumps past its then-arm when the test fails
        assertUses("br_eqz", BR_IF_I64_EQZ);
    }

    private static Value call(String name, Value... args) {
        return ((WasmFunction) inst.export(name)).call(args)[0];
    }

    private static long i64(String name, long... args) {
        Value[] values = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = Value.i64(args[i]);
        }
        return call(name, values).asLong();
    }

    private static void unary(String name, java.util.function.LongUnaryOperator expected) {
        for (long x : SAMPLES) {
            assertEquals(expected.applyAsLong(x), i64(name, x), name + "(" + Long.toHexString(x) + ")");
        }
    }

    private static void binary(String name, LongBinaryOperator expected) {
        for (long a : SAMPLES) {
            for (long b : SAMPLES) {
                assertEquals(expected.applyAsLong(a, b), i64(name, a, b),
                        name + "(" + Long.toHexString(a) + ", " + Long.toHexString(b) + ")");
            }
        }
    }

    @Test
    void i64AdditionsWithAConstantCarryIntoTheUpperHalf() {
        unary("inc", x -> x + 1);
        unary("add_c", x -> x - 7);
        unary("add_tee", x -> x + 3);
        unary("add_big", x -> x + 0x1_0000_0000L);
        unary("sub_min", x -> x + 0x8000_0000L);
        unary("sub_c", x -> x - 5);
        assertEquals(0x1_0000_0000L, i64("inc", 0xFFFF_FFFFL));
    }

    @Test
    void i64AdditionsOverLocalsAndTheStackCarryIntoTheUpperHalf() {
        binary("add_ll", Long::sum);
        binary("add_ll_set", Long::sum);
        binary("add_ll_tee", Long::sum);
        binary("add_l", Long::sum);
        binary("add_l_set", Long::sum);
        binary("add_set", Long::sum);
    }

    @Test
    void i64MultiplicationsAndAndsUseTheWholeValue() {
        binary("mul_l", (a, b) -> a * b);
        unary("mul_c", x -> x * 100003);
        unary("and_neg", x -> x & -16L);
        unary("and_pos", x -> x & 0x7FFF_FFFFL);
    }

    @Test
    void i32ResultsOfTheSameFusedFormsWrapAndDoNotLeakTheUpperHalf() {
        for (long sample : SAMPLES) {
            int x = (int) sample;
            assertEquals(Integer.toUnsignedLong(x + 1), call("i32_inc_u", Value.i32(x)).asLong());
            assertEquals(Integer.toUnsignedLong(x * 65536), call("i32_mul_c_u", Value.i32(x)).asLong());
            assertEquals(Integer.toUnsignedLong(x & -2), call("i32_and_u", Value.i32(x)).asLong());
            assertEquals(x + 0x7FFF_FFFF, call("i32_add_c", Value.i32(x)).asInt());
            assertEquals(x + 1 == 0 ? 1 : 0, call("i32_add_c_eq", Value.i32(x)).asInt());
            for (long other : SAMPLES) {
                int y = (int) other;
                assertEquals((long) (x + y), call("i32_add_ll_s", Value.i32(x), Value.i32(y)).asLong());
                assertEquals(Integer.toUnsignedLong(x + y), call("i32_add_l_set_u", Value.i32(x), Value.i32(y)).asLong());
            }
        }
        assertEquals(0L, call("i32_inc_u", Value.i32(-1)).asLong());
    }

    @Test
    void i64ComparisonsFusedWithBranchesCompareAllSixtyFourBits() {
        for (String c : COMPARISONS) {
            BiPredicate<Long, Long> expected = comparison(c);
            for (long a : SAMPLES) {
                for (long b : SAMPLES) {
                    int want = expected.test(a, b) ? 1 : 0;
                    String args = "(" + Long.toHexString(a) + ", " + Long.toHexString(b) + ")";
                    assertEquals(want, call("br_" + c, Value.i64(a), Value.i64(b)).asInt(), "br_if i64." + c + args);
                    assertEquals(want, call("if_" + c, Value.i64(a), Value.i64(b)).asInt(), "if i64." + c + args);
                }
            }
        }
        for (long x : SAMPLES) {
            int want = x == 0 ? 1 : 0;
            assertEquals(want, call("br_eqz", Value.i64(x)).asInt(), "br_if i64.eqz " + Long.toHexString(x));
            assertEquals(want, call("if_eqz", Value.i64(x)).asInt(), "if i64.eqz " + Long.toHexString(x));
        }
    }

    private static BiPredicate<Long, Long> comparison(String c) {
        return switch (c) {
            case "eq" -> (a, b) -> a.longValue() == b.longValue();
            case "ne" -> (a, b) -> a.longValue() != b.longValue();
            case "lt_s" -> (a, b) -> a < b;
            case "lt_u" -> (a, b) -> Long.compareUnsigned(a, b) < 0;
            case "gt_s" -> (a, b) -> a > b;
            case "gt_u" -> (a, b) -> Long.compareUnsigned(a, b) > 0;
            case "le_s" -> (a, b) -> a <= b;
            case "le_u" -> (a, b) -> Long.compareUnsigned(a, b) <= 0;
            case "ge_s" -> (a, b) -> a >= b;
            case "ge_u" -> (a, b) -> Long.compareUnsigned(a, b) >= 0;
            default -> throw new IllegalArgumentException(c);
        };
    }
}
