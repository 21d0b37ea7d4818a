package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.code.Instr;
import dev.weft.interpreter.text.WatParser;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated from the instruction table: for every pattern of every fused opcode, lowering must
 * emit exactly that opcode (and, with fusion off, not), and the function must return the same
 * value or trap the same way fused and unfused, for every pair of interesting arguments.
 */
class FusionTableTest {
    private static final long[] INTS = {0, 1, -1, 2, 7, 8, 255, 4096, Integer.MIN_VALUE, Integer.MAX_VALUE,
        0x1_0000_0007L, Long.MIN_VALUE, Long.MAX_VALUE, -4096};
    private static final double[] FLOATS = {0.0, -0.0, 0.5, -2.25, 3.0e300, Double.MIN_VALUE, Double.NaN,
        Double.POSITIVE_INFINITY};
    /** Memory contents the fused loads read: byte i is 3i+1. */
    private static final String DATA = dataString();

    static Stream<Arguments> patterns() {
        List<Arguments> cases = new ArrayList<>();
        for (Instr i : Instr.values()) {
            for (String p : i.patterns()) {
                cases.add(Arguments.of(i, p));
            }
        }
        return cases.stream();
    }

    private static String dataString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 96; i++) {
            sb.append(String.format("\\%02x", (3 * i + 1) & 0xff));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("patterns")
    void theFusedFormIsEmittedAndAgreesWithTheSequenceItReplaces(Instr fused, String pattern) throws Exception {
        int bar = pattern.indexOf('|');
        String wat = "(module (memory 1) (data (i32.const 0) \"" + DATA + "\") (func (export \"f\") "
                + pattern.substring(0, bar) + " " + pattern.substring(bar + 1) + "))";
        Module m = WatParser.parseModule(wat);
        CompiledModule withFusion = CompiledModule.compile(m);
        CompiledModule without = CompiledModule.unfused(m);
        assertTrue(uses(withFusion, fused), fused + " not emitted:\n" + withFusion.function(0).disassemble());
        assertFalse(uses(without, fused), "emitted with fusion off");
        WasmFunction a = new Linker().instantiate(withFusion).function("f");
        WasmFunction b = new Linker().instantiate(without).function("f");
        List<ValType> params = a.type().params();
        for (Value x : values(params.get(0))) {
            for (Value y : values(params.get(1))) {
                assertEquals(outcome(b, x, y), outcome(a, x, y), fused + " on " + x + ", " + y);
            }
        }
    }

    private static boolean uses(CompiledModule m, Instr op) {
        int[] code = m.function(0).code();
        StringBuilder unused = new StringBuilder();
        for (int pc = 0; pc < code.length; pc = dev.weft.interpreter.code.Disassembler.line(code, pc, unused)) {
            if (code[pc] == op.ordinal()) {
                return true;
            }
        }
        return false;
    }

    private static List<Value> values(ValType t) {
        List<Value> vs = new ArrayList<>();
        if (t == NumType.F64) {
            for (double d : FLOATS) {
                vs.add(Value.f64(d));
            }
        } else {
            for (long v : INTS) {
                vs.add(t == NumType.I64 ? Value.i64(v) : Value.i32((int) v));
            }
        }
        return vs;
    }

    private static String outcome(WasmFunction f, Value x, Value y) {
        try {
            Value r = f.call(x, y)[0];
            return r.type() + ":" + Long.toHexString(r.bits());
        } catch (Trap t) {
            return "trap " + t.getMessage();
        }
    }
}
