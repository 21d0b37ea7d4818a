package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Imports and exports between instances and the host, and instantiation failures. */
class LinkingTest {
    private static final String PROVIDER = """
        (module
          (global (export "counter") (mut i32) (i32.const 10))
          (memory (export "mem") 1 4)
          (table (export "tab") 2 funcref)
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "bump") (global.set 0 (i32.add (global.get 0) (i32.const 1)))))
        """;

    @Test
    void anInstanceImportsFunctionsGlobalsAndMemoryOfAnother() throws Exception {
        Linker linker = new Linker();
        Instance a = WatTesting.instantiate(linker, PROVIDER);
        linker.register("a", a);
        Instance b = WatTesting.instantiate(linker, """
            (module
              (import "a" "add" (func $add (param i32 i32) (result i32)))
              (import "a" "counter" (global $c (mut i32)))
              (import "a" "mem" (memory 1))
              (func (export "run") (result i32)
                (global.set $c (i32.const 100))
                (i32.store (i32.const 0) (i32.const 5))
                (call $add (global.get $c) (i32.load (i32.const 0)))))
            """);
        assertEquals(i32(105), call1(b, "run"));
        assertEquals(i32(100), a.global("counter").get());
        a.function("bump").call();
        assertEquals(i32(101), a.global("counter").get());
        assertEquals(5, a.memory("mem").readInt(0));
    }

    @Test
    void hostFunctionsAreCalledWithValuesAndMayCallBackIntoWasm() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func ii = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
        WasmFunction[] wasm = new WasmFunction[1];
        linker.define("host", "twice", HostFunction.of(ii, args -> {
            int x = args[0].asInt();
            int viaWasm = wasm[0].call(i32(x))[0].asInt();
            return new Value[] {i32(2 * viaWasm)};
        }));
        Instance inst = WatTesting.instantiate(linker, """
            (module
              (import "host" "twice" (func $twice (param i32) (result i32)))
              (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
              (func (export "run") (param i32) (result i32)
                (i32.add (i32.const 1000) (call $twice (local.get 0)))))
            """);
        wasm[0] = inst.function("inc");
        assertEquals(i32(1000 + 2 * 8), call1(inst, "run", i32(7)));
    }

    @Test
    void hostFunctionsWorkThroughTablesAndAsFuncrefValues() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func ii = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32, NumType.I32));
        WasmFunction pair = HostFunction.of(ii, args -> new Value[] {args[0], i32(args[0].asInt() * 10)});
        linker.define("host", "pair", pair);
        Instance inst = WatTesting.instantiate(linker, """
            (module
              (type $ii (func (param i32) (result i32 i32)))
              (import "host" "pair" (func $pair (type $ii)))
              (table 1 funcref)
              (elem (i32.const 0) $pair)
              (func (export "indirect") (param i32) (result i32)
                (i32.sub (call_indirect (type $ii) (local.get 0) (i32.const 0))))
              (func (export "get") (result funcref) (ref.func $pair))
              (func (export "reexport") (param funcref) (result funcref) (local.get 0)))
            """);
        assertEquals(i32(3 - 30), call1(inst, "indirect", i32(3)));
        assertEquals(pair, call1(inst, "get").ref());
        assertEquals(pair, call1(inst, "reexport", Value.funcRef(pair)).ref());
        assertThrows(IllegalArgumentException.class,
                () -> inst.function("reexport").call(Value.externRef("not a function")));
    }

    @Test
    void aTrapInsideAHostCallbackPropagatesAndTheStackRecovers() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func v = new CompositeType.Func(List.of(), List.of());
        linker.define("host", "fail", HostFunction.of(v, args -> {
            throw new IllegalStateException("boom");
        }));
        Instance inst = WatTesting.instantiate(linker, """
            (module (import "host" "fail" (func $fail))
              (func (export "run") (result i32) (call $fail) (i32.const 1))
              (func (export "ok") (result i64) (i64.const 3)))
            """);
        Trap t = assertThrows(Trap.class, () -> inst.function("run").call());
        assertEquals(TrapKind.HOST, t.kind());
        assertEquals(i64(3), call1(inst, "ok"));
    }

    @Test
    void missingAndMismatchedImportsAreUnlinkable() throws Exception {
        Linker linker = new Linker();
        linker.register("a", WatTesting.instantiate(linker, PROVIDER));
        UnlinkableException unknown = assertThrows(UnlinkableException.class,
                () -> WatTesting.instantiate(linker, "(module (import \"a\" \"nope\" (func)))"));
        assertTrue(unknown.getMessage().startsWith("unknown import"));
        for (String bad : List.of(
                "(module (import \"a\" \"add\" (func (param i32))))",
                "(module (import \"a\" \"counter\" (global i32)))",
                "(module (import \"a\" \"mem\" (memory 2)))",
                "(module (import \"a\" \"mem\" (memory 1 3)))",
                "(module (import \"a\" \"tab\" (table 3 funcref)))",
                "(module (import \"a\" \"add\" (memory 1)))")) {
            UnlinkableException e = assertThrows(UnlinkableException.class,
                    () -> WatTesting.instantiate(linker, bad), bad);
            assertTrue(e.getMessage().startsWith("incompatible import type"), e.getMessage());
        }
    }

    @Test
    void aTrappingStartFunctionMakesTheModuleUninstantiable() {
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> WatTesting.instantiate("(module (func $s (unreachable)) (start $s))"));
        assertEquals("unreachable", e.getMessage());
        assertEquals(TrapKind.UNREACHABLE, e.trap().kind());
    }

    @Test
    void segmentInitialisationStopsAtTheFirstFailureLeavingEarlierWritesVisible() throws Exception {
        Linker linker = new Linker();
        Instance a = WatTesting.instantiate(linker, PROVIDER);
        linker.register("a", a);
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> WatTesting.instantiate(linker, """
                    (module (import "a" "mem" (memory 1))
                      (data (i32.const 0) "ok")
                      (data (i32.const 65535) "too long"))
                    """));
        assertEquals("out of bounds memory access", e.getMessage());
        assertEquals("ok", new String(a.memory("mem").read(0, 2)));
        UninstantiableException t = assertThrows(UninstantiableException.class,
                () -> WatTesting.instantiate(linker, """
                    (module (import "a" "tab" (table 2 funcref)) (func $f)
                      (elem (i32.const 0) $f) (elem (i32.const 2) $f))
                    """));
        assertEquals("out of bounds table access", t.getMessage());
        assertTrue(a.table("tab").get(0) instanceof WasmFunction);
    }

    @Test
    void spectestPrintsOneLinePerArgument() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        Linker linker = new Linker();
        Spectest.define(linker, new java.io.PrintStream(bytes, true));
        Instance inst = WatTesting.instantiate(linker, """
            (module
              (import "spectest" "print_i32" (func $pi (param i32)))
              (import "spectest" "print_f64_f64" (func $pdd (param f64 f64)))
              (import "spectest" "global_f32" (global $g f32))
              (import "spectest" "memory" (memory 1 2))
              (import "spectest" "table" (table 10 20 funcref))
              (func (export "run")
                (call $pi (i32.const -5))
                (call $pdd (f64.const 1.5) (f64.const 666.6))
                (call $pi (i32.trunc_f32_s (global.get $g)))))
            """);
        inst.function("run").call();
        assertEquals("-5 : i32\n1.5 : f64\n666.6 : f64\n666 : i32\n", bytes.toString().replace("\r", ""));
    }
}
