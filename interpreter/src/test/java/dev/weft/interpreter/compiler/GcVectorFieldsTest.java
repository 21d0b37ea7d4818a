package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.text.WatParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * v128 struct fields and array elements ({@code gc/v128-fields.wat}) in the interpreter, compiled,
 * compiled into 24-byte split methods, and with every other function interpreted (so values
 * cross the tiers through structs and arrays): every struct and array instruction, packed and reference neighbours, overlapping
 * copies, data segments (16 little-endian bytes per element), bounds and null traps, and constant
 * expressions building such structs and arrays.
 *
 * <p>The expected results were worked out by hand from the spec and agree with Node 26 (V8) on
 * the same module ({@code gc/v128-fields.mjs} says how to run it), except for the trap messages,
 * which are Weft's (V8's wording differs; the trap cases are the same). A v128 array of 2^30
 * elements is refused as too big by both (Weft: it would take 2^31 longs).
 */
class GcVectorFieldsTest {
    /** Call, then results as {@code v128-fields.mjs} prints them: i32 decimal, i64 unsigned hex. */
    private static final String EXPECTED = """
            struct-new() = -1 0x102030405060708 0xfffffffffffffffe 32769 -32767 3 0xb0000000a 0xd0000000c 0x63
            struct-default() = 0x0 0x0 0x0 0x0 0x0 0 0 1
            struct-set() = 127 0x4 0x6 5 0x3 0x4
            global-struct() = -1 0x5 0x6 9029 1 0x1111 0x2222 0x7
            global-arrays() = 2 0x200000001 0x400000003 0x1111 0x2222 3 0xffffffffffffffff 0x3 2 0x0 0x0
            array-new(3) = 3 0x7 0x8 0x7 0x8
            array-new(1) = 1 0x7 0x8 0x7 0x8
            array-new(0) = trap: out of bounds array access
            array-default() = 4 0x0 0x0
            array-set(2) = 0x1 0xffffffffffffffff 0x2 0xfffffffffffffffe 0x32 0x3c 0x4 0xfffffffffffffffc
            array-set(4) = trap: out of bounds array access
            array-get(3) = 0x4 0xfffffffffffffffc
            array-get(4) = trap: out of bounds array access
            array-get(-1) = trap: out of bounds array access
            array-fill(1, 3) = 0x0 0x9 0x9 0x9 0xa 0x0
            array-fill(0, 0) = 0x0 0x0 0x0 0x0 0x0 0x0
            array-fill(5, 0) = 0x0 0x0 0x0 0x0 0x0 0x0
            array-fill(4, 2) = trap: out of bounds array access
            array-fill(6, 0) = trap: out of bounds array access
            array-copy-self(1, 0, 3) = 0x1 0xffffffffffffffff 0x1 0xffffffffffffffff 0x2 0xfffffffffffffffe 0x3 0xfffffffffffffffd
            array-copy-self(0, 1, 3) = 0x2 0xfffffffffffffffe 0x3 0xfffffffffffffffd 0x4 0xfffffffffffffffc 0x4 0xfffffffffffffffc
            array-copy-self(4, 0, 0) = 0x1 0xffffffffffffffff 0x2 0xfffffffffffffffe 0x3 0xfffffffffffffffd 0x4 0xfffffffffffffffc
            array-copy-self(2, 0, 3) = trap: out of bounds array access
            array-copy-self(0, 2, 3) = trap: out of bounds array access
            array-copy-other(0, 1, 3) = 0x2 0x3 0xfffffffffffffffc
            array-copy-other(1, 0, 3) = trap: out of bounds array access
            array-copy-other(0, 2, 3) = trap: out of bounds array access
            new-data(0, 3) = 3 0x706050403020100 0xf0e0d0c0b0a0908 0x2726252423222120 0x2f2e2d2c2b2a2928
            new-data(1, 2) = 2 0x807060504030201 0x100f0e0d0c0b0a09 0x1817161514131211 0x201f1e1d1c1b1a19
            new-data(32, 1) = 1 0x2726252423222120 0x2f2e2d2c2b2a2928 0x2726252423222120 0x2f2e2d2c2b2a2928
            new-data(1, 3) = trap: out of bounds memory access
            init-data(1, 16, 2) = 0x0 0x1716151413121110 0x1f1e1d1c1b1a1918 0x2726252423222120 0x2f2e2d2c2b2a2928
            init-data(0, 0, 3) = 0x706050403020100 0x1716151413121110 0x1f1e1d1c1b1a1918 0x2726252423222120 0x2f2e2d2c2b2a2928
            init-data(3, 48, 0) = 0x0 0x0 0x0 0x0 0x0
            init-data(2, 0, 2) = trap: out of bounds array access
            init-data(0, 40, 1) = trap: out of bounds memory access
            array-huge(1073741824) = trap: resource exhausted: array of 1073741824 elements
            null-struct-get() = trap: null structure reference
            null-struct-set() = trap: null structure reference
            null-array-get() = trap: null array reference
            null-array-set() = trap: null array reference
            null-array-fill() = trap: null array reference
            null-array-len() = trap: null array reference
            """;

    private static Map<String, Instance> instances;
    private static long splitFunctions;

    @BeforeAll
    static void instantiate() throws Exception {
        String wat;
        try (InputStream in = GcVectorFieldsTest.class.getResourceAsStream("/gc/v128-fields.wat")) {
            wat = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        CompiledModule own = CompiledModule.compile(WatParser.parseModule(wat)); // not sharing cached classes
        long before = TierStats.split();
        Instance split = BytecodeTier.compilingOnly(i -> true,
                () -> ModuleCompiler.withMaxMethodBytes(24, () -> new Linker().instantiate(own)));
        splitFunctions = TierStats.split() - before;
        instances = Map.of(
                "interp", BytecodeTier.compilingOnly(i -> false, () -> new Linker().instantiate(module)),
                "compiled", BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module)),
                "split", split,
                "mixed", BytecodeTier.compilingOnly(i -> i % 2 == 0, () -> new Linker().instantiate(module)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled", "split", "mixed"})
    void everyCallGivesTheHandComputedResult(String tier) {
        Instance inst = instances.get(tier);
        List<String> actual = new ArrayList<>();
        for (String line : EXPECTED.lines().toList()) {
            actual.add(run(inst, line.substring(0, line.indexOf(" = "))));
        }
        assertEquals(EXPECTED, String.join("\n", actual) + "\n");
    }

    @Test
    void noFunctionStaysInterpretedBecauseOfV128Fields() {
        for (String line : EXPECTED.lines().toList()) {
            String name = line.substring(0, line.indexOf('('));
            assertTrue(MixedTierTesting.compiled(instances.get("compiled"), name), name + " compiled");
            assertTrue(MixedTierTesting.compiled(instances.get("split"), name), name + " compiled split");
            assertFalse(MixedTierTesting.compiled(instances.get("interp"), name), name + " interpreted");
        }
        assertTrue(splitFunctions > 0, "24-byte methods split some function");
    }

    /** Runs {@code call} ("name(1, 2)") and renders it as the expected lines are. */
    private static String run(Instance inst, String call) {
        String name = call.substring(0, call.indexOf('('));
        String inside = call.substring(call.indexOf('(') + 1, call.length() - 1);
        Value[] args = inside.isEmpty() ? new Value[0]
                : Arrays.stream(inside.split(", ")).map(a -> Value.i32(Integer.parseInt(a))).toArray(Value[]::new);
        String out;
        try {
            out = Arrays.stream(inst.function(name).call(args)).map(GcVectorFieldsTest::show)
                    .collect(Collectors.joining(" "));
        } catch (Trap t) {
            out = "trap: " + t.getMessage();
        }
        return call + " = " + out;
    }

    private static String show(Value v) {
        return v.type() == NumType.I64 ? "0x" + Long.toHexString(v.asLong()) : Integer.toString(v.asInt());
    }
}
