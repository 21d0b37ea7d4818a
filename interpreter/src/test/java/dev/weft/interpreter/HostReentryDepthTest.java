package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wasm, host, Wasm, host, ... recursion used to run until the Java stack overflowed, which
 * could strike inside a JDK class initialiser (seen: NoClassDefFoundError for
 * jdk.internal.foreign.SegmentBulkOperations, broken for the rest of the process) and, inside a
 * continuation, leave the thread's stack state broken. Now it traps "call stack exhausted" at
 * weft.maxHostDepth (500) nested re-entries, and the thread works afterwards. Host functions
 * that throw errors or checked exceptions trap "host function failed", as documented.
 */
class HostReentryDepthTest {
    private static final CompositeType.Func I_I = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
    private static final CompositeType.Func V_V = new CompositeType.Func(List.of(), List.of());
    private final AtomicInteger deepest = new AtomicInteger();
    private final AtomicReference<Throwable> toThrow = new AtomicReference<>();
    private Instance inst;

    @BeforeEach
    void setUp() throws Exception {
        AtomicReference<Instance> self = new AtomicReference<>();
        Linker linker = new Linker();
        linker.define("host", "reenter", HostFunction.of(I_I, args -> {
            int d = args[0].asInt();
            deepest.accumulateAndGet(d, Math::max);
            return self.get().function("f").call(Value.i32(d + 1));
        }));
        linker.define("host", "fail", HostFunction.of(V_V, args -> {
            throw sneaky(toThrow.get());
        }));
        inst = WatTesting.instantiate(linker, """
            (module
              (import "host" "reenter" (func $h (param i32) (result i32)))
              (import "host" "fail" (func $fail))
              (type $fi (func (param i32) (result i32)))
              (type $ci (cont $fi))
              (elem declare func $f)
              (func $f (export "f") (param i32) (result i32) (call $h (local.get 0)))
              (func (export "in-cont") (result i32)
                (resume $ci (i32.const 0) (cont.new $ci (ref.func $f))))
              (func (export "fail") (call $fail))
              (func (export "ok") (result i32) (i32.const 42)))
            """);
        self.set(inst);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private void assertExhaustedAtTheLimitAndUsableAfter(Runnable call) {
        Trap t = assertThrows(Trap.class, call::run);
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        assertTrue(t.getMessage().contains("weft.maxHostDepth"), t.getMessage());
        assertEquals(500, deepest.get());
        assertEquals(42, inst.function("ok").call()[0].asInt());
        assertEquals(42, Continuation.of(inst.function("ok")).resume() instanceof Continuation.Step.Returned r
                ? r.values()[0].asInt() : -1);
    }

    @Test
    void reentryFromAnExportTrapsAtTheLimit() {
        assertExhaustedAtTheLimitAndUsableAfter(() -> inst.function("f").call(Value.i32(0)));
    }

    @Test
    void reentryInsideAWasmContinuationTrapsAtTheLimit() {
        assertExhaustedAtTheLimitAndUsableAfter(() -> inst.function("in-cont").call());
    }

    @Test
    void reentryInsideAJavaDrivenContinuationTrapsAtTheLimit() {
        assertExhaustedAtTheLimitAndUsableAfter(() -> Continuation.of(inst.function("f")).resume(Value.i32(0)));
    }

    @Test
    void errorsAndCheckedExceptionsFromHostsTrapAsHostFailures() {
        for (Throwable thrown : new Throwable[] {new AssertionError("boom"), new java.io.IOException("disk"),
                new NoClassDefFoundError("x")}) {
            toThrow.set(thrown);
            Trap t = assertThrows(Trap.class, () -> inst.function("fail").call());
            assertEquals(TrapKind.HOST, t.kind());
            assertEquals(thrown, t.getCause());
        }
        toThrow.set(new StackOverflowError());
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, assertThrows(Trap.class, () -> inst.function("fail").call()).kind());
        assertEquals(42, inst.function("ok").call()[0].asInt());
    }
}
