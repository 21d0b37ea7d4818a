package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** call_indirect and its traps, table instructions and element segments. */
class TableTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (type $ii (func (param i32) (result i32)))
              (type $v (func))
              (table $t (export "t") 4 8 funcref)
              (table $ext 2 externref)
              (elem (table $t) (i32.const 0) func $double $square)
              (elem $passive func $square)
              (func $double (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (func $square (type $ii) (i32.mul (local.get 0) (local.get 0)))
              (func $nothing (type $v))
              (func (export "call") (param i32 i32) (result i32)
                (call_indirect (type $ii) (local.get 1) (local.get 0)))
              (func (export "call-v") (param i32) (call_indirect (type $v) (local.get 0)))
              (func (export "init") (param i32) (table.init $t $passive (local.get 0) (i32.const 0) (i32.const 1)))
              (func (export "drop") (elem.drop $passive))
              (func (export "size") (result i32) (table.size $t))
              (func (export "grow") (param i32) (result i32) (table.grow $t (ref.func $nothing) (local.get 0)))
              (func (export "copy") (table.copy $t $t (i32.const 2) (i32.const 0) (i32.const 2)))
              (func (export "set-ext") (param i32 externref) (table.set $ext (local.get 0) (local.get 1)))
              (func (export "get-ext") (param i32) (result externref) (table.get $ext (local.get 0)))
              (func (export "fill-ext") (param externref) (table.fill $ext (i32.const 0) (local.get 0) (i32.const 2)))
              (elem declare func $nothing))
            """);
    }

    private static Trap trap(String name, Value... args) {
        return assertThrows(Trap.class, () -> inst.function(name).call(args));
    }

    @Test
    void callIndirectCallsTheFunctionAtTheIndex() {
        assertEquals(i32(14), call1(inst, "call", i32(0), i32(7)));
        assertEquals(i32(49), call1(inst, "call", i32(1), i32(7)));
    }

    @Test
    void callIndirectTrapsOnNullOutOfRangeAndTypeMismatch() {
        assertEquals("uninitialized element 3", trap("call", i32(3), i32(1)).getMessage());
        assertEquals("undefined element", trap("call", i32(4), i32(1)).getMessage());
        assertEquals("undefined element", trap("call", i32(-1), i32(1)).getMessage());
        assertEquals("indirect call type mismatch", trap("call-v", i32(0)).getMessage());
    }

    @Test
    void tableInstructionsGrowInitialiseCopyAndTrapOutOfBounds() throws Exception {
        Instance t = WatTesting.instantiate("""
            (module
              (type $ii (func (param i32) (result i32)))
              (table $t 2 3 funcref)
              (elem $seg func $inc)
              (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
              (func (export "init") (param i32) (table.init $t $seg (local.get 0) (i32.const 0) (i32.const 1)))
              (func (export "call") (param i32 i32) (result i32) (call_indirect (type $ii) (local.get 1) (local.get 0)))
              (func (export "grow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
              (func (export "drop") (elem.drop $seg)))
            """);
        t.function("init").call(i32(1));
        assertEquals(i32(6), call1(t, "call", i32(1), i32(5)));
        assertEquals("out of bounds table access",
                assertThrows(Trap.class, () -> t.function("init").call(i32(2))).getMessage());
        assertEquals(i32(2), call1(t, "grow", i32(1)));
        assertEquals(i32(-1), call1(t, "grow", i32(1)));
        t.function("drop").call();
        assertEquals("out of bounds table access",
                assertThrows(Trap.class, () -> t.function("init").call(i32(0))).getMessage());
    }

    @Test
    void externrefTablesHoldHostObjects() {
        Object host = new Object();
        inst.function("set-ext").call(i32(1), Value.externRef(host));
        assertSame(host, call1(inst, "get-ext", i32(1)).ref());
        assertEquals(Value.externRef(null), call1(inst, "get-ext", i32(0)));
        assertEquals("out of bounds table access", trap("get-ext", i32(2)).getMessage());
        inst.function("fill-ext").call(Value.externRef("x"));
        assertEquals("x", call1(inst, "get-ext", i32(0)).ref());
    }

    @Test
    void theTableIsVisibleFromTheHost() {
        Table t = inst.table("t");
        assertEquals(i32(49), ((WasmFunction) t.get(1)).call(i32(7))[0]);
    }
}
