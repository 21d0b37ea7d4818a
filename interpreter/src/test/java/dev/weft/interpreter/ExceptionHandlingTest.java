package dev.weft.interpreter;

import static dev.weft.interpreter.Value.f64;
import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** throw, throw_ref and try_table, within Wasm, across frames, and across the host boundary. */
class ExceptionHandlingTest {
    private static final CompositeType.Func I_I = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
    private static final String TAGS = """
        (module
          (tag (export "e") (param i32))
          (tag (export "big") (param i64 f64)))
        """;
    private static Tag e;
    private static Instance inst;
    private static WasmFunction[] reentry = new WasmFunction[1];

    @BeforeAll
    static void setUp() throws Exception {
        Linker linker = new Linker();
        Instance tags = WatTesting.instantiate(linker, TAGS);
        linker.register("tags", tags);
        e = (Tag) tags.export("e");
        linker.define("host", "raise", HostFunction.of(I_I, args -> {
            throw new WasmException(e, i32(args[0].asInt() + 1000));
        }));
        linker.define("host", "reenter", HostFunction.of(I_I, args -> reentry[0].call(args)));
        inst = WatTesting.instantiate(linker, """
            (module
              (import "tags" "e" (tag $e (param i32)))
              (import "tags" "big" (tag $big (param i64 f64)))
              (import "host" "raise" (func $raise (param i32) (result i32)))
              (import "host" "reenter" (func $reenter (param i32) (result i32)))
              (tag $other)
              (global $saved (export "saved") (mut exnref) (ref.null exn))
              (func $thrower (export "throw") (param i32) (result i32)
                (if (local.get 0) (then (throw $e (local.get 0))))
                (i32.const 0))
              (func $deep (param i32 i32) (result i32)
                (local i64)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (call $thrower (local.get 1)))
                  (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)) (local.get 1))))))
              (func (export "catch-deep") (param i32 i32) (result i32)
                (i32.const 7)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h)
                    (i32.const 100) (call $deep (local.get 0) (local.get 1)) (i32.add)))
                (i32.add))
              (func (export "catch-all") (param i32) (result i32)
                (block $h
                  (try_table (catch_all $h) (drop (call $thrower (local.get 0))))
                  (return (i32.const 0)))
                (i32.const 1))
              (func (export "wrong-tag") (param i32) (result i32)
                (block $h
                  (try_table (catch $other $h) (drop (call $thrower (local.get 0)))))
                (i32.const 2))
              (func (export "rethrow-identity") (param i32) (result exnref exnref)
                (local $first exnref)
                (block $h (result i32 exnref)
                  (try_table (catch_ref $e $h) (drop (call $thrower (local.get 0))))
                  (unreachable))
                (local.set $first)
                (drop)
                (local.get $first)
                (block $h2 (result exnref)
                  (try_table (catch_all_ref $h2) (throw_ref (local.get $first)))
                  (unreachable)))
              (func (export "save-and-rethrow") (param i32)
                (block $h (result exnref)
                  (try_table (catch_all_ref $h) (drop (call $thrower (local.get 0))))
                  (return))
                (global.set $saved)
                (throw_ref (global.get $saved)))
              (func (export "throw-null-ref")
                (throw_ref (ref.null exn)))
              (func (export "big") (result i64 f64)
                (block $h (result i64 f64)
                  (try_table (catch $big $h) (throw $big (i64.const -5) (f64.const 2.5)))
                  (unreachable)))
              (func (export "catch-host") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h) (call $raise (local.get 0)))))
              (func (export "through-host") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h) (call $reenter (local.get 0)))))
              (func (export "trap-not-caught") (result i32)
                (block $h
                  (try_table (catch_all $h) (unreachable)))
                (i32.const 3))
              (func (export "in-loop") (param i32) (result i32)
                (local $sum i32)
                (loop $next
                  (block $h (result i32)
                    (try_table (result i32) (catch $e $h) (call $thrower (local.get 0))))
                  (local.set $sum (i32.add (local.get $sum)))
                  (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))
                  (br_if $next))
                (local.get $sum))
            )""");
        reentry[0] = inst.function("throw");
    }

    @Test
    void anExceptionCrossesSeveralFramesToItsHandlerWithItsPayload() {
        assertEquals(i32(7 + 42), call1(inst, "catch-deep", i32(20), i32(42)));
    }

    @Test
    void withoutAnExceptionTheTryTableBodyCompletesNormally() {
        assertEquals(i32(7 + 100 + 20), call1(inst, "catch-deep", i32(20), i32(0)));
    }

    @Test
    void catchAllCatchesAnyTag() {
        assertEquals(i32(1), call1(inst, "catch-all", i32(5)));
        assertEquals(i32(0), call1(inst, "catch-all", i32(0)));
    }

    @Test
    void anExceptionWithAnotherTagPassesTheHandlerAndReachesTheEmbedder() {
        WasmException ex = assertThrows(WasmException.class, () -> inst.function("wrong-tag").call(i32(9)));
        assertSame(e, ex.tag());
        assertArrayEquals(new Value[] {i32(9)}, ex.payload());
        assertTrue(ex.getMessage().startsWith("uncaught exception"), ex.getMessage());
    }

    @Test
    void throwRefRethrowsTheSameExceptionObject() {
        Value[] both = inst.function("rethrow-identity").call(i32(3));
        assertTrue(both[0].ref() instanceof WasmException, String.valueOf(both[0]));
        assertSame(both[0].ref(), both[1].ref());
    }

    @Test
    void aRethrownExceptionReachesTheEmbedderAsTheSameObject() {
        WasmException ex = assertThrows(WasmException.class, () -> inst.function("save-and-rethrow").call(i32(4)));
        assertSame(ex, inst.global("saved").get().ref());
    }

    @Test
    void throwRefOfNullTrapsWithNullExceptionReference() {
        Trap t = assertThrows(Trap.class, () -> inst.function("throw-null-ref").call());
        assertEquals("null exception reference", t.getMessage());
    }

    @Test
    void aPayloadOfSeveralNumbersArrivesAtTheHandler() {
        assertArrayEquals(new Value[] {i64(-5), f64(2.5)}, inst.function("big").call());
    }

    @Test
    void aWasmExceptionThrownByAHostFunctionIsCaughtInWasm() {
        assertEquals(i32(1005), call1(inst, "catch-host", i32(5)));
    }

    @Test
    void anExceptionThrownInWasmCrossesAHostFrameToAnOuterWasmHandler() {
        assertEquals(i32(6), call1(inst, "through-host", i32(6)));
        assertEquals(i32(0), call1(inst, "through-host", i32(0)));
    }

    @Test
    void aTrapIsNotCaughtByCatchAll() {
        Trap t = assertThrows(Trap.class, () -> inst.function("trap-not-caught").call());
        assertEquals("unreachable", t.getMessage());
    }

    @Test
    void aHandlerInALoopCatchesEveryIteration() {
        assertEquals(i32(5050), call1(inst, "in-loop", i32(100)));
    }

    @Test
    void anExceptionWhosePayloadDoesNotMatchItsTagIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new WasmException(e, i64(1)));
        assertThrows(IllegalArgumentException.class, () -> new WasmException(e));
    }

    @Test
    void theStackIsUsableAfterAnUncaughtException() {
        assertThrows(WasmException.class, () -> inst.function("throw").call(i32(1)));
        assertEquals(i32(0), call1(inst, "throw", i32(0)));
    }
}
