package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.weft.interpreter.ast.NumType;
import org.junit.jupiter.api.Test;

/** Values are normalised so that equal Wasm values are equal records. */
class ValueTest {
    @Test
    void i32IsSignExtendedAndF32IsZeroExtendedRawBits() {
        assertEquals(-1L, Value.i32(-1).bits());
        assertEquals(0xFFFF_FFFFL, Value.f32Bits(-1).bits());
        assertEquals(Value.i32(-1), Value.fromSlot(NumType.I32, 0xFFFF_FFFFL, null));
        assertEquals(Value.f32Bits(0x7FC0_0001), Value.fromSlot(NumType.F32, 0x1234_0000_7FC0_0001L, null));
    }

    @Test
    void floatAccessorsReadTheBitsBack() {
        assertEquals(1.5f, Value.f32(1.5f).asFloat());
        assertEquals(-0.0, Value.f64(-0.0).asDouble());
        assertNotEquals(Value.f64(0.0), Value.f64(-0.0));
    }

    @Test
    void valuesPrintAsTheSpectestPrintsThem() {
        assertEquals("-5 : i32", Value.i32(-5).toString());
        assertEquals("666.6 : f32", Value.f32(666.6f).toString());
        assertEquals("666 : i64", Value.i64(666).toString());
    }
}
