package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backtrace of a module from the binary format names, for each frame, the byte offset in the
 * module of the instruction it was at: the one that trapped, or the call it was making. The
 * module is laid out by hand below, so the expected offsets are counted from its bytes.
 */
class TrapOffsetsTest {
    /**
     * {@code (func $inner (result i32) i32.const 1 i32.const 0 i32.div_s)} and
     * {@code (func (export "outer") (result i32) nop call $inner)}.
     */
    private static final byte[] MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x00: magic, version
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // 0x08: type 0 = [] -> [i32]
        0x03, 0x03, 0x02, 0x00, 0x00, // 0x0f: two functions of type 0
        0x07, 0x09, 0x01, 0x05, 'o', 'u', 't', 'e', 'r', 0x00, 0x01, // 0x14: export "outer" = function 1
        0x0a, 0x0f, 0x02, // 0x1f: code, 2 bodies
        0x07, 0x00, 0x41, 0x01, 0x41, 0x00, 0x6d, 0x0b, // 0x22: i32.const 1 (0x24), i32.const 0 (0x26), i32.div_s (0x28), end
        0x05, 0x00, 0x01, 0x10, 0x00, 0x0b}; // 0x2a: nop (0x2c), call 0 (0x2d), end (0x2f)

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void eachFrameNamesTheOffsetOfItsInstruction(String tier) throws Exception {
        Instance inst = WatTesting.inTier(tier, () -> new Linker().instantiate(Weft.compile(MODULE)));
        Trap t = assertThrows(Trap.class, () -> inst.function("outer").call());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, t.kind());
        assertEquals(List.of(new WasmFrame(0, null, 0x28), new WasmFrame(1, null, 0x2d)), t.backtrace());
        assertTrue(t.backtraceText().endsWith("0: 0x28 - func[0]\n    1: 0x2d - func[1]"), t.backtraceText());
    }
}
