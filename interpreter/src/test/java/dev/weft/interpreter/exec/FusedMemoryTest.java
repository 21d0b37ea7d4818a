package dev.weft.interpreter.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads fused with their address arithmetic ({@code base + index}, {@code index << k}) and
 * {@code f64.mul} fused with a following {@code f64.add} mean exactly what the separate
 * instructions mean: same values, same wrap-around, same traps, two roundings.
 */
class FusedMemoryTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        String wat = """
            (module
              (memory 1)
              (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
              (func (export "i32-add") (param i32 i32) (result i32) (i32.load offset=1 (i32.add (local.get 0) (local.get 1))))
              (func (export "i64-add") (param i32 i32) (result i64) (i64.load (i32.add (local.get 0) (local.get 1))))
              (func (export "i32-shl") (param i32) (result i32) (i32.load offset=2 (i32.shl (local.get 0) (i32.const 2))))
              (func (export "f64-shl") (param i32) (result f64) (f64.load (i32.shl (local.get 0) (i32.const 3))))
              (func (export "muladd") (param f64 f64 f64) (result f64)
                (f64.add (local.get 0) (f64.mul (local.get 1) (local.get 2)))))
            """;
        inst = new Linker().instantiate(CompiledModule.compile(WatParser.parseModule(wat)));
    }

    private static Value call(String name, Value... args) {
        return ((WasmFunction) inst.export(name)).call(args)[0];
    }

    @Test
    void loadAfterAddReadsAtBasePlusIndexPlusOffset() {
        assertEquals(0x07060504, call("i32-add", Value.i32(1), Value.i32(1)).asInt()); // bytes 3..6
        assertEquals(0x0807060504030201L, call("i64-add", Value.i32(-4), Value.i32(4)).asLong());
    }

    @Test
    void loadAfterAddWrapsTheAddressLikeI32AddThenTrapsOutOfBounds() {
        Trap t = assertThrows(Trap.class, () -> call("i32-add", Value.i32(65_533), Value.i32(0)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, t.kind());
        Trap wrapped = assertThrows(Trap.class, () -> call("i64-add", Value.i32(-1), Value.i32(0)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, wrapped.kind());
    }

    @Test
    void loadAfterShiftScalesTheIndex() {
        assertEquals(0x0a090807, call("i32-shl", Value.i32(1)).asInt()); // (1 << 2) + 2 = byte 6
        assertEquals(Double.longBitsToDouble(0x100f0e0d0c0b0a09L), call("f64-shl", Value.i32(1)).asDouble());
        Trap t = assertThrows(Trap.class, () -> call("f64-shl", Value.i32(8192)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, t.kind());
    }

    @Test
    void multiplyAddRoundsTwiceAsWritten() {
        double a = -1.0;
        double b = 1.0 + Math.ulp(1.0);
        double c = 1.0 - Math.ulp(1.0);
        // b * c = 1 - 2^-104 rounds to 1, so a + b * c is 0; a single rounding would give -2^-104.
        assertEquals(0.0, call("muladd", Value.f64(a), Value.f64(b), Value.f64(c)).asDouble());
        assertEquals(-0x1p-104, Math.fma(b, c, a));
        assertEquals(Double.doubleToRawLongBits(7.0),
                Double.doubleToRawLongBits(call("muladd", Value.f64(1), Value.f64(2), Value.f64(3)).asDouble()));
        assertEquals(true, Double.isNaN(call("muladd", Value.f64(Double.NaN), Value.f64(2), Value.f64(3)).asDouble()));
    }
}
