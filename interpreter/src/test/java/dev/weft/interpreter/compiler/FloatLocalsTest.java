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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * f32 and f64 locals are JVM float and double variables in compiled code (FunctionEmitter.localKind)
 * while every other place keeps floats as bits: a value that goes through parameters, locals, a
 * loop, a self tail call and a split function's frame comes back with exactly its bits, signalling
 * NaNs and payloads included.
 */
class FloatLocalsTest {
    private static final long[] F64_BITS = {0x7FF0_0000_0000_0001L, 0xFFF4_0000_0000_0ABCL, 0x7FF8_0000_0000_0000L,
        0x8000_0000_0000_0000L, Double.doubleToRawLongBits(-1.5), 0x0000_0000_0000_0001L};
    private static final int[] F32_BITS = {0x7F80_0001, 0xFFA0_0ABC, 0x7FC0_0000, 0x8000_0000, Float.floatToRawIntBits(2.25f), 1};
    private static final String WAT = """
            (module
              (func (export "f64 param") (param $x f64) (result f64) (local.get $x))
              (func (export "f64 loop") (param $x f64) (param $n i32) (result f64) (local $y f64)
                (local.set $y (local.get $x))
                (loop $l
                  (local.set $y (local.tee $x (local.get $y)))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $y))
              (func $t64 (export "f64 tail") (param $x f64) (param $n i32) (result f64)
                (if (result f64) (i32.eqz (local.get $n)) (then (local.get $x))
                  (else (return_call $t64 (local.get $x) (i32.sub (local.get $n) (i32.const 1))))))
              (func (export "f32 param") (param $x f32) (result f32) (local.get $x))
              (func (export "f32 loop") (param $x f32) (param $n i32) (result f32) (local $y f32)
                (local.set $y (local.get $x))
                (loop $l
                  (local.set $y (local.tee $x (local.get $y)))
                  (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                (local.get $y))
              (func $t32 (export "f32 tail") (param $x f32) (param $n i32) (result f32)
                (if (result f32) (i32.eqz (local.get $n)) (then (local.get $x))
                  (else (return_call $t32 (local.get $x) (i32.sub (local.get $n) (i32.const 1))))))
              (func (export "zero locals") (result i64) (local $d f64) (local $f f32)
                (i64.or (i64.reinterpret_f64 (local.get $d)) (i64.extend_i32_u (i32.reinterpret_f32 (local.get $f))))))
            """;
    private static Instance compiled;
    private static Instance split;

    @BeforeAll
    static void setUp() throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(WAT));
        compiled = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module));
        String before = System.getProperty(ModuleCompiler.MAX_METHOD_BYTES);
        System.setProperty(ModuleCompiler.MAX_METHOD_BYTES, "24");
        try {
            CompiledModule again = CompiledModule.compile(WatParser.parseModule(WAT));
            split = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(again));
        } finally {
            if (before == null) {
                System.clearProperty(ModuleCompiler.MAX_METHOD_BYTES);
            } else {
                System.setProperty(ModuleCompiler.MAX_METHOD_BYTES, before);
            }
        }
    }

    private static void assertCompiled(Instance inst, String export) {
        assertTrue(BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry, export + " compiled");
    }

    @Test
    void f64BitsSurviveParametersLocalsLoopsAndTailCalls() {
        for (Instance inst : new Instance[] {compiled, split}) {
            for (String f : new String[] {"f64 param", "f64 loop", "f64 tail"}) {
                assertCompiled(inst, f);
                for (long bits : F64_BITS) {
                    Value[] args = f.equals("f64 param") ? new Value[] {Value.f64Bits(bits)} : new Value[] {Value.f64Bits(bits), Value.i32(5)};
                    assertEquals(bits, inst.function(f).call(args)[0].asLong(), f + " " + Long.toHexString(bits));
                }
            }
        }
    }

    @Test
    void f32BitsSurviveParametersLocalsLoopsAndTailCalls() {
        for (Instance inst : new Instance[] {compiled, split}) {
            for (String f : new String[] {"f32 param", "f32 loop", "f32 tail"}) {
                assertCompiled(inst, f);
                for (int bits : F32_BITS) {
                    Value[] args = f.equals("f32 param") ? new Value[] {Value.f32Bits(bits)} : new Value[] {Value.f32Bits(bits), Value.i32(5)};
                    assertEquals(bits, inst.function(f).call(args)[0].asInt(), f + " " + Integer.toHexString(bits));
                }
            }
        }
    }

    @Test
    void floatLocalsStartAsPositiveZero() {
        assertCompiled(compiled, "zero locals");
        assertEquals(0L, compiled.function("zero locals").call()[0].asLong());
        assertEquals(0L, split.function("zero locals").call()[0].asLong());
    }
}
