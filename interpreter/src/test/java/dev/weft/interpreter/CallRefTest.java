package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** call_ref to host functions, recursion through call_ref, and exceptions through call_ref. */
class CallRefTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func ii = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
        linker.define("host", "neg", HostFunction.of(ii, args -> new Value[] {i32(-args[0].asInt())}));
        inst = WatTesting.instantiate(linker, """
            (module
              (type $ii (func (param i32) (result i32)))
              (import "host" "neg" (func $neg (type $ii)))
              (tag $e (param i32))
              (elem declare func $neg $down $boom)
              (func (export "host") (param i32) (result i32)
                (call_ref $ii (local.get 0) (ref.func $neg)))
              (func $down (export "down") (type $ii)
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (i32.add (i32.const 1)
                    (call_ref $ii (i32.sub (local.get 0) (i32.const 1)) (ref.func $down))))))
              (elem declare func $down-host)
              (func $down-host (export "down-host") (type $ii)
                (drop (call $neg (local.get 0)))
                (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
                  (else (call_ref $ii (i32.sub (local.get 0) (i32.const 1)) (ref.func $down-host)))))
              (func $boom (type $ii) (throw $e (i32.mul (local.get 0) (i32.const 3))))
              (func (export "catch") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h)
                    (call_ref $ii (local.get 0) (ref.func $boom)))))
            )""");
    }

    @Test
    void callRefCallsAHostFunction() {
        assertEquals(i32(-5), call1(inst, "host", i32(5)));
    }

    @Test
    void recursionThroughCallRefReturnsAndRunsOutOfStackCleanly() {
        assertEquals(i32(10_000), call1(inst, "down", i32(10_000)));
        Trap t = assertThrows(Trap.class, () -> inst.function("down").call(i32(10_000_000)));
        assertEquals("call stack exhausted", t.getMessage());
        assertEquals(i32(3), call1(inst, "down", i32(3)));
    }

    @Test
    void hostCallsAtTheDepthLimitTrapCleanly() {
        Trap t = assertThrows(Trap.class, () -> inst.function("down-host").call(i32(10_000_000)));
        assertEquals("call stack exhausted", t.getMessage());
        assertEquals(i32(0), call1(inst, "down-host", i32(1000)));
    }

    @Test
    void anExceptionThrownInAFunctionCalledByCallRefReachesTheCallersHandler() {
        assertEquals(i32(21), call1(inst, "catch", i32(7)));
    }
}
