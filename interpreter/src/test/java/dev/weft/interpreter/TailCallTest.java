package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** return_call, return_call_indirect and return_call_ref run in constant stack space. */
class TailCallTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func ii = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
        linker.define("host", "triple", HostFunction.of(ii, args -> new Value[] {i32(3 * args[0].asInt())}));
        Instance tags = WatTesting.instantiate(linker, "(module (tag (export \"e\") (param i32)))");
        linker.register("tags", tags);
        Tag e = (Tag) tags.export("e");
        linker.define("host", "raise", HostFunction.of(ii, args -> {
            throw new WasmException(e, args[0]);
        }));
        inst = WatTesting.instantiate(linker, """
            (module
              (import "host" "triple" (func $triple (param i32) (result i32)))
              (import "host" "raise" (func $raise (param i32) (result i32)))
              (import "tags" "e" (tag $e (param i32)))
              (type $ll (func (param i64 i64) (result i64)))
              (table $t 2 funcref)
              (elem (table $t) (i32.const 0) func $even $odd)
              (elem declare func $sum)
              (func $count (export "count") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0))
                  (then (i64.const 42))
                  (else (return_call $count (i64.sub (local.get 0) (i64.const 1))))))
              (func $even (export "even") (param i64 i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
                  (else (return_call_indirect $t (type $ll)
                    (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i32.const 1)))))
              (func $odd (param i64 i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (return_call_indirect $t (type $ll)
                    (i64.sub (local.get 0) (i64.const 1)) (local.get 1) (i32.const 0)))))
              (func $sum (export "sum") (type $ll)
                (local i32 externref)
                (if (result i64) (i64.eqz (local.get 0)) (then (local.get 1))
                  (else (return_call_ref $ll (i64.sub (local.get 0) (i64.const 1))
                    (i64.add (local.get 1) (local.get 0)) (ref.func $sum)))))
              (func (export "to-host") (param i32) (result i32)
                (return_call $triple (i32.add (local.get 0) (i32.const 1))))
              (func $tail-raise (param i32) (result i32)
                (block $own (result i32)
                  (try_table (result i32) (catch $e $own) (return_call $raise (local.get 0))))
                (i32.const 1000) (i32.add))
              (func $tail-throw (param i32) (result i32)
                (block $own (result i32)
                  (try_table (result i32) (catch $e $own) (return_call $thrower (local.get 0))))
                (i32.const 1000) (i32.add))
              (func $thrower (param i32) (result i32) (throw $e (local.get 0)))
              (func (export "tail-raise") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h) (call $tail-raise (local.get 0)))))
              (func (export "tail-throw") (param i32) (result i32)
                (block $h (result i32)
                  (try_table (result i32) (catch $e $h) (call $tail-throw (local.get 0)))))
              (func $plain (export "plain") (param i64) (result i64)
                (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 0))
                  (else (call $plain (i64.sub (local.get 0) (i64.const 1))))))
            )""");
    }

    @Test
    void aTenMillionDeepTailRecursiveCountdownRunsInConstantStackSpace() {
        assertEquals(i64(42), call1(inst, "count", i64(10_000_000)));
    }

    @Test
    void mutualRecursionThroughReturnCallIndirectDoesNotGrowTheStack() {
        assertEquals(i64(1), call1(inst, "even", i64(1_000_000), i64(0)));
        assertEquals(i64(0), call1(inst, "even", i64(1_000_001), i64(0)));
    }

    @Test
    void returnCallRefReplacesTheFrameAndZeroesTheCalleesLocals() {
        assertEquals(i64(500_000_500_000L), call1(inst, "sum", i64(1_000_000), i64(0)));
    }

    @Test
    void aTailCallToAHostFunctionReturnsItsResults() {
        assertEquals(i32(15), call1(inst, "to-host", i32(4)));
    }

    @Test
    void anExceptionFromATailCalledHostFunctionSkipsTheReplacedFrame() {
        assertEquals(i32(7), call1(inst, "tail-raise", i32(7)));
    }

    @Test
    void anExceptionFromATailCalledWasmFunctionSkipsTheReplacedFrame() {
        assertEquals(i32(8), call1(inst, "tail-throw", i32(8)));
    }

    @Test
    void theSameDepthWithOrdinaryCallsExhaustsTheCallStack() {
        Trap t = assertThrows(Trap.class, () -> inst.function("plain").call(i64(10_000_000)));
        assertEquals("call stack exhausted", t.getMessage());
    }
}
