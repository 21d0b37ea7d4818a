package dev.weft.interpreter;

import static dev.weft.interpreter.Value.f32;
import static dev.weft.interpreter.Value.f64;
import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Numeric instructions, their traps and float corner cases. */
class ArithmeticTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (func (export "i32.add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (func (export "i32.add1") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
              (func (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
              (func (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
              (func (export "i32.lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
              (func (export "i32.rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
              (func (export "i32.clz") (param i32) (result i32) (i32.clz (local.get 0)))
              (func (export "i64.mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
              (func (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
              (func (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
              (func (export "i64.shr_s") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
              (func (export "i64.extend_i32_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
              (func (export "i64.extend_i32_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
              (func (export "i32.wrap_i64") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
              (func (export "i32.extend8_s") (param i32) (result i32) (i32.extend8_s (local.get 0)))
              (func (export "i32.wrap_eqz") (param i64) (result i32) (i32.eqz (i32.wrap_i64 (local.get 0))))
              (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
              (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
              (func (export "f32.nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
              (func (export "f64.nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
              (func (export "f32.neg") (param f32) (result f32) (f32.neg (local.get 0)))
              (func (export "f64.copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
              (func (export "f64.sqrt") (param f64) (result f64) (f64.sqrt (local.get 0)))
              (func (export "f32.add") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
              (func (export "i32.trunc_f32_s") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
              (func (export "i32.trunc_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
              (func (export "i64.trunc_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0)))
              (func (export "i32.trunc_sat_f32_s") (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
              (func (export "i64.trunc_sat_f64_u") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
              (func (export "f32.convert_i64_u") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
              (func (export "f64.convert_i64_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
              (func (export "f32.demote_f64") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
              (func (export "f32.reinterpret_i32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
              (func (export "i64.reinterpret_f64") (param f64) (result i64) (i64.reinterpret_f64 (local.get 0)))
              (func (export "const-ops") (param i32) (result i32)
                (i32.add (i32.add (i32.and (local.get 0) (i32.const 0xF0)) (i32.shl (local.get 0) (i32.const 33)))
                         (i32.add (i32.shr_u (local.get 0) (i32.const 4)) (i32.mul (local.get 0) (i32.const -3)))))
              (func (export "local-ops") (param i32 i32 i32) (result i32)
                (i32.add (i32.mul (i32.add (local.get 0) (i32.const 0)) (local.get 1))
                         (i32.add (i32.sub (local.get 0) (i32.const 0)) (local.get 2))))
              (func (export "consts") (result i64) (i64.add (i64.const 0x1_0000_0000) (i64.const -1)))
            )""");
    }

    private static Trap trap(String name, Value... args) {
        return assertThrows(Trap.class, () -> inst.function(name).call(args));
    }

    @Test
    void integerArithmeticWrapsAndComparesUnsignedWhereAsked() {
        assertEquals(i32(Integer.MIN_VALUE), call1(inst, "i32.add", i32(Integer.MAX_VALUE), i32(1)));
        assertEquals(i32(0), call1(inst, "i32.add1", i32(-1)));
        assertEquals(i32(1), call1(inst, "i32.lt_u", i32(1), i32(-1)));
        assertEquals(i32(0x80000000 >>> 31 | 2), call1(inst, "i32.rotl", i32(0x80000001), i32(1)));
        assertEquals(i32(32), call1(inst, "i32.clz", i32(0)));
        assertEquals(i64(-6), call1(inst, "i64.mul", i64(2), i64(-3)));
        assertEquals(i64(-1), call1(inst, "i64.shr_s", i64(-2), i64(65)));
        assertEquals(i64(1), call1(inst, "i64.rem_u", i64(-1), i64(2)));
        assertEquals(i64(0xFFFF_FFFFL), call1(inst, "consts"));
    }

    @Test
    void operationsWithAConstantOperandMatchTheirGeneralForm() {
        for (int x : new int[] {0, 1, -1, 0x1234_5678, Integer.MIN_VALUE}) {
            int expected = (x & 0xF0) + (x << 1) + (x >>> 4) + x * -3;
            assertEquals(i32(expected), call1(inst, "const-ops", i32(x)), "x=" + x);
        }
    }

    @Test
    void operationsWithALocalOperandMatchTheirGeneralForm() {
        assertEquals(i32(7 * -3 + 7 + 100), call1(inst, "local-ops", i32(7), i32(-3), i32(100)));
        assertEquals(i32(Integer.MIN_VALUE * 2 + Integer.MIN_VALUE + -1),
                call1(inst, "local-ops", i32(Integer.MIN_VALUE), i32(2), i32(-1)));
    }

    @Test
    void divisionTrapsWithTheSpecMessages() {
        assertEquals("integer divide by zero", trap("i32.div_s", i32(1), i32(0)).getMessage());
        assertEquals("integer overflow", trap("i32.div_s", i32(Integer.MIN_VALUE), i32(-1)).getMessage());
        assertEquals(i32(0), call1(inst, "i32.rem_s", i32(Integer.MIN_VALUE), i32(-1)));
        assertEquals(i32(Integer.MAX_VALUE), call1(inst, "i32.div_u", i32(-1), i32(2)));
        assertEquals("integer overflow", trap("i64.div_s", i64(Long.MIN_VALUE), i64(-1)).getMessage());
        assertEquals("integer divide by zero", trap("i64.rem_u", i64(1), i64(0)).getMessage());
    }

    @Test
    void i32ValuesIgnoreUpperBitsAndExtensionsRestoreThem() {
        assertEquals(i64(0xFFFF_FFFFL), call1(inst, "i64.extend_i32_u", i32(-1)));
        assertEquals(i64(-1), call1(inst, "i64.extend_i32_s", i32(-1)));
        assertEquals(i32(1), call1(inst, "i32.wrap_i64", i64(0x1_0000_0001L)));
        assertEquals(i32(1), call1(inst, "i32.wrap_eqz", i64(0x1_0000_0000L)));
        assertEquals(i32(-128), call1(inst, "i32.extend8_s", i32(0x80)));
    }

    @Test
    void floatMinMaxDistinguishSignedZerosAndPropagateNaN() {
        assertEquals(f32(-0.0f), call1(inst, "f32.min", f32(0.0f), f32(-0.0f)));
        assertEquals(f64(0.0), call1(inst, "f64.max", f64(-0.0), f64(0.0)));
        assertTrue(Float.isNaN(call1(inst, "f32.min", f32(Float.NaN), f32(1)).asFloat()));
        assertTrue(Double.isNaN(call1(inst, "f64.max", f64(1), f64(Double.NaN)).asDouble()));
    }

    @Test
    void nearestRoundsHalfToEven() {
        assertEquals(f32(2.0f), call1(inst, "f32.nearest", f32(2.5f)));
        assertEquals(f32(-4.0f), call1(inst, "f32.nearest", f32(-3.5f)));
        assertEquals(f64(-0.0), call1(inst, "f64.nearest", f64(-0.5)));
    }

    @Test
    void signOperationsAreBitOperationsThatKeepNaNPayloads() {
        int payload = 0x7FA0_0001;
        assertEquals(Value.f32Bits(payload | 0x8000_0000), call1(inst, "f32.neg", Value.f32Bits(payload)));
        long nan = 0x7FF0_0000_0000_0123L;
        assertEquals(Value.f64Bits(nan | Long.MIN_VALUE), call1(inst, "f64.copysign", Value.f64Bits(nan), f64(-1)));
        assertEquals(Value.f32Bits(payload), call1(inst, "f32.reinterpret_i32", i32(payload)));
        assertEquals(i64(nan), call1(inst, "i64.reinterpret_f64", Value.f64Bits(nan)));
    }

    @Test
    void floatArithmeticFollowsIeee() {
        assertEquals(f64(3.0), call1(inst, "f64.sqrt", f64(9.0)));
        assertEquals(f32(0.3f), call1(inst, "f32.add", f32(0.1f), f32(0.2f)));
        assertEquals(f32(0x1p64f), call1(inst, "f32.convert_i64_u", i64(-1)));
        assertEquals(f64(0x1p64), call1(inst, "f64.convert_i64_u", i64(-1)));
        assertEquals(f32(Float.POSITIVE_INFINITY), call1(inst, "f32.demote_f64", f64(1e300)));
    }

    @Test
    void truncationTrapsOnNaNAndOverflowButSaturatingFormsClamp() {
        assertEquals("invalid conversion to integer", trap("i32.trunc_f32_s", f32(Float.NaN)).getMessage());
        assertEquals("integer overflow", trap("i32.trunc_f32_s", f32(2147483648f)).getMessage());
        assertEquals(i32(-2147483648), call1(inst, "i32.trunc_f32_s", f32(-2147483648f)));
        assertEquals(i32(-1), call1(inst, "i32.trunc_f64_u", f64(4294967295.9)));
        assertEquals("integer overflow", trap("i32.trunc_f64_u", f64(-1.0)).getMessage());
        assertEquals(i32(0), call1(inst, "i32.trunc_f64_u", f64(-0.9)));
        assertEquals(i64(-2048), call1(inst, "i64.trunc_f64_u", f64(18446744073709549568.0)));
        assertEquals(i32(Integer.MAX_VALUE), call1(inst, "i32.trunc_sat_f32_s", f32(1e10f)));
        assertEquals(i32(0), call1(inst, "i32.trunc_sat_f32_s", f32(Float.NaN)));
        assertEquals(i64(-1), call1(inst, "i64.trunc_sat_f64_u", f64(1e30)));
        assertEquals(i64(0), call1(inst, "i64.trunc_sat_f64_u", f64(-5)));
    }
}
