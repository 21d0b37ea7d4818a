package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.ast.Module;
import org.junit.jupiter.api.Test;

/** End-to-end execution of hand-built modules (no text parser involved). */
class ExecutionHandBuiltTest {
    private static WasmFunction export(Module m) throws Exception {
        return new Linker().instantiate(CompiledModule.compile(m)).function("f");
    }

    @Test
    void recursiveFibonacciComputesTheRightNumbers() throws Exception {
        WasmFunction fib = export(HandModules.fib());
        assertArrayEquals(new Value[] {Value.i32(0)}, fib.call(Value.i32(0)));
        assertArrayEquals(new Value[] {Value.i32(55)}, fib.call(Value.i32(10)));
        assertEquals(832040, fib.call(Value.i32(30))[0].asInt());
    }

    @Test
    void runawayRecursionTrapsWithCallStackExhaustedInsteadOfStackOverflowError() throws Exception {
        WasmFunction f = export(HandModules.runaway());
        Trap t = assertThrows(Trap.class, () -> f.call(Value.i32(0)));
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        assertEquals("call stack exhausted", t.getMessage());
        // the stack is usable again afterwards
        assertEquals(6765, export(HandModules.fib()).call(Value.i32(20))[0].asInt());
    }

    @Test
    void callingWithTheWrongArgumentsIsAnIllegalArgumentException() throws Exception {
        WasmFunction f = export(HandModules.fib());
        assertThrows(IllegalArgumentException.class, () -> f.call());
        assertThrows(IllegalArgumentException.class, () -> f.call(Value.i64(1)));
    }
}
