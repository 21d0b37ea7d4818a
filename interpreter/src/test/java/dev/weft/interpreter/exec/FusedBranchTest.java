package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.text.WatParser;
import java.util.function.IntBinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lowerer fuses comparisons with {@code br_if}/{@code if}, also over two locals; every fused
 * form must agree with the comparison's meaning, taken or not.
 */
class FusedBranchTest {
    private static final int[] VALUES = {0, 1, -1, 7, 8, Integer.MIN_VALUE, Integer.MAX_VALUE};
    private static final String[] CONSTANTS = {"0", "7", "-1", "2147483647", "-2147483648"};

    static Stream<Arguments> comparisons() {
        return Stream.of(
                Arguments.of("eq", (IntBinaryOperator) (a, b) -> a == b ? 1 : 0),
                Arguments.of("ne", (IntBinaryOperator) (a, b) -> a != b ? 1 : 0),
                Arguments.of("lt_s", (IntBinaryOperator) (a, b) -> a < b ? 1 : 0),
                Arguments.of("ge_s", (IntBinaryOperator) (a, b) -> a >= b ? 1 : 0),
                Arguments.of("gt_s", (IntBinaryOperator) (a, b) -> a > b ? 1 : 0),
                Arguments.of("le_s", (IntBinaryOperator) (a, b) -> a <= b ? 1 : 0),
                Arguments.of("lt_u", (IntBinaryOperator) (a, b) -> Integer.compareUnsigned(a, b) < 0 ? 1 : 0),
                Arguments.of("ge_u", (IntBinaryOperator) (a, b) -> Integer.compareUnsigned(a, b) >= 0 ? 1 : 0),
                Arguments.of("gt_u", (IntBinaryOperator) (a, b) -> Integer.compareUnsigned(a, b) > 0 ? 1 : 0),
                Arguments.of("le_u", (IntBinaryOperator) (a, b) -> Integer.compareUnsigned(a, b) <= 0 ? 1 : 0));
    }

    private static Instance module(String cmp) throws Exception {
        String wat = """
            (module
              (func (export "br_if-locals") (param i32 i32) (result i32)
                (block (br_if 0 (i32.CMP (local.get 0) (local.get 1))) (return (i32.const 0)))
                (i32.const 1))
              (func (export "if-locals") (param i32 i32) (result i32)
                (if (result i32) (i32.CMP (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0))))
              (func (export "br_if-stack") (param i32 i32) (result i32)
                (block (br_if 0 (i32.CMP (i32.add (local.get 0) (i32.const 0)) (local.get 1)))
                  (return (i32.const 0)))
                (i32.const 1))
              CONSTANT_FUNCS
              (func (export "if-stack") (param i32 i32) (result i32)
                (if (result i32) (i32.CMP (i32.add (local.get 0) (i32.const 0)) (local.get 1))
                  (then (i32.const 1)) (else (i32.const 0)))))
            """.replace("CONSTANT_FUNCS", constantFunctions()).replace("CMP", cmp);
        return new Linker().instantiate(CompiledModule.compile(WatParser.parseModule(wat)));
    }

    /** One function per constant: {@code br_if (cmp (local.get 0) (i32.const c))}. */
    private static String constantFunctions() {
        StringBuilder sb = new StringBuilder();
        for (String c : CONSTANTS) {
            sb.append("(func (export \"br_if-const").append(c).append("\") (param i32 i32) (result i32)")
                    .append(" (block (br_if 0 (i32.CMP (local.get 0) (i32.const ").append(c).append(")))")
                    .append(" (return (i32.const 0))) (i32.const 1))\n");
        }
        return sb.toString();
    }

    @org.junit.jupiter.api.Test
    void localsTestedAgainstZeroBranchTheRightWay() throws Exception {
        Instance inst = new Linker().instantiate(CompiledModule.compile(WatParser.parseModule("""
            (module
              (func (export "br_if") (param i32) (result i32)
                (block (br_if 0 (local.get 0)) (return (i32.const 0))) (i32.const 1))
              (func (export "br_if-eqz") (param i32) (result i32)
                (block (br_if 0 (i32.eqz (local.get 0))) (return (i32.const 0))) (i32.const 1))
              (func (export "if") (param i32) (result i32)
                (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 0))))
              (func (export "if-eqz") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (i32.const 0)))))
            """)));
        for (int v : VALUES) {
            int nonZero = v != 0 ? 1 : 0;
            assertEquals(nonZero, inst.function("br_if").call(Value.i32(v))[0].asInt());
            assertEquals(1 - nonZero, inst.function("br_if-eqz").call(Value.i32(v))[0].asInt());
            assertEquals(nonZero, inst.function("if").call(Value.i32(v))[0].asInt());
            assertEquals(1 - nonZero, inst.function("if-eqz").call(Value.i32(v))[0].asInt());
        }
    }

    @org.junit.jupiter.api.Test
    void rotatedLoopsRunTheSameIterations() throws Exception {
        Instance inst = new Linker().instantiate(CompiledModule.compile(WatParser.parseModule("""
            (module
              (func (export "count-up") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (block $done (loop $l
                  (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
                  (local.set $acc (i32.add (local.get $acc) (local.get $i)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $l)))
                (local.get $acc))
              (func (export "count-down") (param $n i32) (result i32) (local $acc i32)
                (block $done (loop $l
                  (br_if $done (i32.eqz (local.get $n)))
                  (local.set $acc (i32.add (local.get $acc) (i32.const 2)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))
                (local.get $acc))
              (func (export "nested") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $acc i32)
                (block $oi (loop $li
                  (br_if $oi (i32.eq (local.get $i) (local.get $n)))
                  (local.set $j (i32.const 0))
                  (block $oj (loop $lj
                    (br_if $oj (i32.ge_u (local.get $j) (i32.const 3)))
                    (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
                    (local.set $j (i32.add (local.get $j) (i32.const 1)))
                    (br $lj)))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br $li)))
                (local.get $acc)))
            """)));
        for (int n : new int[] {0, 1, 5, 100}) {
            assertEquals(n * (n - 1) / 2, inst.function("count-up").call(Value.i32(n))[0].asInt());
            assertEquals(2 * n, inst.function("count-down").call(Value.i32(n))[0].asInt());
            assertEquals(3 * n, inst.function("nested").call(Value.i32(n))[0].asInt());
        }
    }

    @ParameterizedTest(name = "i32.{0} against constants")
    @MethodSource("comparisons")
    void fusedLocalAndConstantBranchesAgreeWithTheComparison(String cmp, IntBinaryOperator expected)
            throws Exception {
        Instance inst = module(cmp);
        for (String c : CONSTANTS) {
            for (int a : VALUES) {
                int got = inst.function("br_if-const" + c).call(Value.i32(a), Value.i32(0))[0].asInt();
                assertEquals(expected.applyAsInt(a, Integer.parseInt(c)), got, cmp + " " + a + " " + c);
            }
        }
    }

    @ParameterizedTest(name = "i32.{0}")
    @MethodSource("comparisons")
    void fusedComparisonBranchesAgreeWithTheComparison(String cmp, IntBinaryOperator expected) throws Exception {
        Instance inst = module(cmp);
        for (String form : new String[] {"br_if-locals", "if-locals", "br_if-stack", "if-stack"}) {
            for (int a : VALUES) {
                for (int b : VALUES) {
                    int got = inst.function(form).call(Value.i32(a), Value.i32(b))[0].asInt();
                    assertEquals(expected.applyAsInt(a, b), got, form + " " + cmp + " " + a + " " + b);
                }
            }
        }
    }
}
