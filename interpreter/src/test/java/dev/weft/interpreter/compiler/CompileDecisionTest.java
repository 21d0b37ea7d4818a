package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.HostFunction;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Spectest;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which functions the compiled tier takes: only those that can never reach a suspension. */
class CompileDecisionTest {
    private static Instance instantiate(Linker linker, String wat) throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        return BytecodeTier.compilingOnly(i -> true, () -> linker.instantiate(module));
    }

    private static boolean compiled(Instance inst, String export) {
        return BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry;
    }

    @Test
    void suspendingCodeAndEverythingThatCanReachItStayInterpreted() throws Exception {
        Instance inst = instantiate(new Linker(), """
                (module
                  (type $f (func))
                  (type $gf (func (result i32)))
                  (type $k (cont $f))
                  (tag $yield (param i32))
                  (table 1 funcref)
                  (elem (i32.const 0) $gen)
                  (func $square (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
                  (func $gen (export "gen")
                    (local $i i32)
                    (loop $l
                      (suspend $yield (call $square (local.get $i)))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (i32.const 10)))))
                  (func (export "calls_gen") (call $gen))
                  (func (export "indirect") (call_indirect (type $f) (i32.const 0)))
                  (func (export "sum") (result i32)
                    (local $k (ref null $k)) (local $sum i32)
                    (local.set $k (cont.new $k (ref.func $gen)))
                    (block $done
                      (loop $next
                        (block $on_yield (result i32 (ref $k))
                          (resume $k (on $yield $on_yield) (local.get $k))
                          (br $done))
                        (local.set $k)
                        (local.set $sum (i32.add (local.get $sum)))
                        (br $next)))
                    (local.get $sum))
                )
                """);
        assertTrue(compiled(inst, "square"));
        assertFalse(compiled(inst, "gen"), "contains suspend");
        assertFalse(compiled(inst, "calls_gen"), "calls a function that suspends");
        assertFalse(compiled(inst, "indirect"), "its table holds a function that suspends");
        assertFalse(compiled(inst, "sum"), "resumes");
        // 0 + 1 + 4 + ... + 81, the squares computed by compiled code inside the continuation
        assertEquals(285, inst.function("sum").call()[0].asInt());
    }

    @Test
    void compiledCodePassesContinuationsToInterpretedCode() throws Exception {
        Instance inst = instantiate(new Linker(), """
                (module
                  (type $f1 (func (param i32))) (type $k1 (cont $f1))
                  (type $f0 (func)) (type $k0 (cont $f0))
                  (elem declare func $body)
                  (func $body (param i32))
                  (func $new (result (ref $k1)) (cont.new $k1 (ref.func $body)))
                  (func $bind (param (ref $k1)) (result (ref $k0)) (cont.bind $k1 $k0 (i32.const 1) (local.get 0)))
                  (func (export "c_pass") (result i32) (ref.is_null (call $bind (call $new)))))
                """);
        assertTrue(compiled(inst, "c_pass"), "creating and binding continuations does not switch");
        assertEquals(0, inst.function("c_pass").call()[0].asInt());
    }

    @Test
    void indirectCallsCompileWhenNoSuspendingFunctionCanBeTheirTarget() throws Exception {
        Instance closed = instantiate(new Linker(), """
                (module (type $f (func (result i32))) (table 1 funcref) (elem (i32.const 0) $one)
                  (func $one (result i32) (i32.const 1))
                  (func (export "indirect") (result i32) (call_indirect (type $f) (i32.const 0))))
                """);
        assertTrue(compiled(closed, "indirect"));
        assertEquals(1, closed.function("indirect").call()[0].asInt());

        Linker linker = new Linker();
        linker.register("m", instantiate(linker, "(module (table (export \"t\") 1 funcref))"));
        Instance open = instantiate(linker, """
                (module (import "m" "t" (table 1 funcref)) (type $f (func (result i32)))
                  (func (export "indirect") (result i32) (call_indirect (type $f) (i32.const 0))))
                """);
        assertFalse(compiled(open, "indirect"), "an imported table may hold any function");
    }

    @Test
    void plainHostFunctionsAreSafeToCall() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func nothing = new CompositeType.Func(List.of(), List.of());
        CompositeType.Func toI32 = new CompositeType.Func(List.of(), List.of(NumType.I32));
        linker.define("host", "f", HostFunction.of(nothing, args -> new Value[0]));
        linker.define("host", "g", HostFunction.nonSwitching(toI32, args -> new Value[] {Value.i32(7)}));
        // the module name does not matter: only how the function was made does
        linker.define("wasi_snapshot_preview1", "sched_yield", HostFunction.switching(toI32,
                (caller, args) -> HostControl.values(Value.i32(0))));
        Instance inst = instantiate(linker, """
                (module (import "host" "f" (func $h)) (import "host" "g" (func $g (result i32)))
                  (import "wasi_snapshot_preview1" "sched_yield" (func $w (result i32)))
                  (func (export "calls_host") (call $h))
                  (func (export "calls_marked") (result i32) (call $g))
                  (func (export "calls_unmarked_wasi_name") (result i32) (call $w)))
                """);
        assertTrue(compiled(inst, "calls_host"), "HostFunction.of cannot return a HostControl request");
        assertFalse(compiled(inst, "calls_unmarked_wasi_name"), "a switching function under a WASI name");
        assertTrue(compiled(inst, "calls_marked"));
        assertEquals(7, inst.function("calls_marked").call()[0].asInt());
    }

    @Test
    void spectestFunctionsAreMarkedNonSwitching() throws Exception {
        // WASI's are too: dev.weft.wasi.WasiInTiersTest
        Linker linker = new Linker();
        Spectest.define(linker, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        Instance inst = instantiate(linker, """
                (module (import "spectest" "print_i32" (func $p (param i32)))
                  (func (export "calls_spectest") (call $p (i32.const 1))))
                """);
        assertTrue(compiled(inst, "calls_spectest"));
    }

    @Test
    void aSwitchingHostFunctionKeepsItsCallersInterpretedEvenWhenItReturnsValues() throws Exception {
        CompositeType.Func toI32 = new CompositeType.Func(List.of(), List.of(NumType.I32));
        Linker linker = new Linker();
        linker.define("host", "s", HostFunction.switching(toI32, (caller, args) -> HostControl.values(Value.i32(5))));
        Instance inst = instantiate(linker, """
                (module (import "host" "s" (func $s (result i32)))
                  (func (export "calls_switching") (result i32) (call $s)))
                """);
        assertFalse(compiled(inst, "calls_switching"), "a switching host function may return a request");
        assertEquals(5, inst.function("calls_switching").call()[0].asInt());
    }
}
