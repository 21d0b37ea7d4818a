package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.RefType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Continuation.resume checks argument types exactly as WasmFunction.call does (it used to check
 * only the count: an externref for a funcref reached call_ref as a raw ClassCastException, f64
 * or externref values for an i32 ran silently, i64 bits were read as f64), and the public API
 * rejects nulls with a message naming the parameter instead of a raw NullPointerException.
 */
class ApiArgumentChecksTest {
    private static final String WAT = """
        (module
          (type $v (func (result i32)))
          (func $seven (type $v) (i32.const 7))
          (elem declare func $seven)
          (func (export "call-it") (param funcref) (result i32)
            (call_ref $v (ref.cast (ref $v) (local.get 0))))
          (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "half") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 0.5)))
          (func (export "seven") (result funcref) (ref.func $seven))
          (global (export "g") (mut funcref) (ref.null func))
          (memory (export "m") 1))
        """;
    private Instance inst;

    @BeforeEach
    void setUp() throws Exception {
        inst = WatTesting.instantiate(WAT);
    }

    private static void assertRejected(String message, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertEquals(message, x.getMessage());
    }

    @Test
    void resumeChecksEachArgumentsTypeLikeCall() {
        Value extern = Value.externRef("not a function");
        assertRejected("argument 0: expected (ref null func) but got (ref null extern)",
                () -> Continuation.of(inst.function("call-it")).resume(extern));
        assertRejected("argument 0: expected (ref null func) but got (ref null extern)", () -> inst.function("call-it").call(extern));
        assertRejected("argument 0: expected i32 but got f64", () -> Continuation.of(inst.function("inc")).resume(Value.f64(1.5)));
        assertRejected("argument 0: expected i32 but got (ref null extern)", () -> Continuation.of(inst.function("inc")).resume(extern));
        assertRejected("argument 0: expected f64 but got i64", () -> Continuation.of(inst.function("half")).resume(Value.i64(4)));
        Continuation.Step s = Continuation.of(inst.function("call-it")).resume(inst.function("seven").call()[0]);
        assertEquals(7, ((Continuation.Step.Returned) s).values()[0].asInt());
    }

    @Test
    void nullsAreRejectedByName() {
        assertRejected("args must not be null (pass no values for none)",
                () -> inst.function("inc").call((Value[]) null));
        assertRejected("argument 0: expected i32 but got null", () -> inst.function("inc").call(new Value[] {null}));
        assertRejected("args must not be null (pass no values for none)",
                () -> Continuation.of(inst.function("inc")).resume((Value[]) null));
        assertNamed("function", () -> Continuation.of(null));
        assertNamed("tags[0]", () -> Continuation.of(inst.function("inc"), (Tag) null));
        assertNamed("type", () -> Tag.create(null));
        assertNamed("data", () -> inst.memory("m").write(0, null));
        assertNamed("value", () -> inst.global("g").set(null));
        assertNamed("impl", () -> HostFunction.of(new dev.weft.interpreter.ast.CompositeType.Func(
                java.util.List.of(), java.util.List.of()), (HostFunction) null));
        assertNamed("impl", () -> HostFunction.of(new dev.weft.interpreter.ast.CompositeType.Func(
                java.util.List.of(), java.util.List.of()), (HostFunction.WithCaller) null));
    }

    @Test
    void globalsCheckReferenceKindsToo() {
        assertRejected("global of type (ref null func) cannot hold (ref null extern)", () -> inst.global("g").set(Value.externRef("x")));
        Global strict = Externs.global(new GlobalType(new RefType(false, RefType.FUNCREF.heapType()), true),
                inst.function("seven").call()[0]);
        assertRejected("global of type (ref func) cannot hold a null (ref null func)", () -> strict.set(Value.funcRef(null)));
    }

    private static void assertNamed(String name, Executable e) {
        NullPointerException x = assertThrows(NullPointerException.class, e);
        assertTrue(name.equals(x.getMessage()), "message names the parameter: " + x.getMessage());
    }
}
