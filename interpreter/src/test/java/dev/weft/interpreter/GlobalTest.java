package dev.weft.interpreter;

import static dev.weft.interpreter.Value.f64;
import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.NumType;
import org.junit.jupiter.api.Test;

/** Globals of every kind: initialisers, get/set from Wasm and from the host, sharing. */
class GlobalTest {
    @Test
    void globalsAreInitialisedFromConstantExpressionsAndWritableWhenMutable() throws Exception {
        Linker linker = new Linker();
        Global base = Externs.global(new GlobalType(NumType.I32, false), i32(40));
        linker.define("env", "base", base);
        Instance inst = WatTesting.instantiate(linker, """
            (module
              (import "env" "base" (global $base i32))
              (global $sum (export "sum") (mut i32) (i32.add (global.get $base) (i32.const 2)))
              (global $wide (export "wide") i64 (i64.const -5))
              (global $pi (export "pi") f64 (f64.const 3.25))
              (global $ref (export "ref") (mut funcref) (ref.func $f))
              (func $f (export "f") (result i32) (i32.const 1))
              (func (export "bump") (result i32)
                (global.set $sum (i32.add (global.get $sum) (i32.const 1)))
                (global.get $sum))
              (func (export "clear-ref") (global.set $ref (ref.null func)))
              (func (export "ref-is-null") (result i32) (ref.is_null (global.get $ref))))
            """);
        assertEquals(i32(42), inst.global("sum").get());
        assertEquals(i32(43), call1(inst, "bump"));
        inst.global("sum").set(i32(100));
        assertEquals(i32(101), call1(inst, "bump"));
        assertEquals(i64(-5), inst.global("wide").get());
        assertEquals(f64(3.25), inst.global("pi").get());
        assertSame(inst.function("f"), inst.global("ref").get().ref());
        inst.function("clear-ref").call();
        assertEquals(i32(1), call1(inst, "ref-is-null"));
    }

    @Test
    void theHostCannotWriteImmutableGlobalsOrStoreTheWrongType() throws Exception {
        Instance inst = WatTesting.instantiate("""
            (module (global (export "c") i32 (i32.const 1)) (global (export "m") (mut i32) (i32.const 1)))
            """);
        assertThrows(IllegalArgumentException.class, () -> inst.global("c").set(i32(2)));
        assertThrows(IllegalArgumentException.class, () -> inst.global("m").set(i64(2)));
    }

    @Test
    void anExportedMutableGlobalIsSharedWithItsImporters() throws Exception {
        Linker linker = new Linker();
        Global shared = Externs.global(new GlobalType(NumType.I64, true), i64(1));
        linker.define("env", "g", shared);
        String wat = """
            (module (import "env" "g" (global $g (mut i64)))
              (func (export "double") (global.set $g (i64.mul (global.get $g) (i64.const 2)))))
            """;
        Instance a = WatTesting.instantiate(linker, wat);
        Instance b = WatTesting.instantiate(linker, wat);
        a.function("double").call();
        b.function("double").call();
        assertEquals(i64(4), shared.get());
    }
}
