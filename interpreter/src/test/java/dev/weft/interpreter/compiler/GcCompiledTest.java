package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Struct and array instructions compile to bytecode and behave as the interpreter's. */
class GcCompiledTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule("""
                (module
                  (type $pair (struct (field (mut i64)) (field (mut i8)) (field (mut anyref)) (field f64)))
                  (type $longs (array (mut i64)))
                  (type $bytes (array (mut i8)))
                  (data $d "\\ff\\02\\03")
                  (func (export "struct") (param $v i64) (param $b i32) (result i64 i32 i32 i32)
                    (local $s (ref $pair))
                    (local.set $s (struct.new $pair (local.get $v) (local.get $b) (ref.i31 (i32.const 9)) (f64.const 1.5)))
                    (struct.set $pair 0 (local.get $s) (i64.add (struct.get $pair 0 (local.get $s)) (i64.const 1)))
                    (struct.get $pair 0 (local.get $s))
                    (struct.get_s $pair 1 (local.get $s))
                    (struct.get_u $pair 1 (local.get $s))
                    (i31.get_u (ref.cast (ref i31) (struct.get $pair 2 (local.get $s)))))
                  (func (export "sum-fixed") (result i64)
                    (local $a (ref $longs)) (local $i i32) (local $sum i64)
                    (local.set $a (array.new_fixed $longs 4 (i64.const 1) (i64.const 20) (i64.const 300) (i64.const 4000)))
                    (array.copy $longs $longs (local.get $a) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 3))
                    (loop $l
                      (local.set $sum (i64.add (local.get $sum) (array.get $longs (local.get $a) (local.get $i))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br_if $l (i32.lt_u (local.get $i) (array.len (local.get $a)))))
                    (local.get $sum))
                  (func (export "bytes") (param $at i32) (result i32 i32)
                    (local $a (ref $bytes))
                    (local.set $a (array.new_data $bytes $d (i32.const 0) (i32.const 3)))
                    (array.get_s $bytes (local.get $a) (local.get $at))
                    (array.get_u $bytes (local.get $a) (local.get $at)))
                  (func (export "null-struct") (result i64)
                    (struct.get $pair 0 (ref.null $pair)))
                )
                """));
        inst = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module));
    }

    private static boolean compiled(String export) {
        return BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry;
    }

    @Test
    void functionsUsingStructsAndArraysCompile() {
        for (String f : new String[] {"struct", "sum-fixed", "bytes", "null-struct"}) {
            assertTrue(compiled(f), f + " compiled");
        }
    }

    @Test
    void fieldsElementsAndTrapsMatchTheInterpreter() {
        Value[] s = inst.function("struct").call(Value.i64(41), Value.i32(0x1F0));
        assertEquals(42, s[0].asLong());
        assertEquals(-16, s[1].asInt());
        assertEquals(0xF0, s[2].asInt());
        assertEquals(9, s[3].asInt());
        // [1, 20, 300, 4000] with [0, 3) copied to [1, 4): [1, 1, 20, 300]
        assertEquals(322, inst.function("sum-fixed").call()[0].asLong());
        Value[] b = inst.function("bytes").call(Value.i32(0));
        assertEquals(-1, b[0].asInt());
        assertEquals(0xFF, b[1].asInt());
        assertEquals("out of bounds array access",
                assertThrows(Trap.class, () -> inst.function("bytes").call(Value.i32(3))).getMessage());
        assertEquals("null structure reference",
                assertThrows(Trap.class, () -> inst.function("null-struct").call()).getMessage());
    }
}
