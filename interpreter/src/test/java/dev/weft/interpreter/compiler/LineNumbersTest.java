package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.WasmFrame;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line numbers that name each instruction's code offset in compiled code (see
 * exec.CompiledFrames) must not cost a function its compilation: a body ending unreachable
 * emits no bytecode for its last instruction, and a line number there would point past the
 * method's code (the JVM rejected such a class: "Invalid pc in LineNumberTable").
 */
class LineNumbersTest {
    /** {@code (func (export "u") unreachable)}, laid out by hand: the unreachable is byte 0x1e. */
    private static final byte[] MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x00: magic, version
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // 0x08: type 0 = [] -> []
        0x03, 0x02, 0x01, 0x00, // 0x0e: one function of type 0
        0x07, 0x05, 0x01, 0x01, 'u', 0x00, 0x00, // 0x12: export "u" = function 0
        0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b}; // 0x19: code; unreachable (0x1e), end (0x1f)

    @Test
    void aBodyEndingUnreachableCompilesAndNamesItsOffset() throws Exception {
        CompiledModule module = Weft.compile(MODULE);
        Instance inst = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module));
        assertInstanceOf(BytecodeEntry.class, BytecodeSupport.hostOf((FunctionInstance) inst.function("u")),
                "the function must compile");
        Trap t = assertThrows(Trap.class, () -> inst.function("u").call());
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(List.of(new WasmFrame(0, null, 0x1e)), t.backtrace());
    }
}
