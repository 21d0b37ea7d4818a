package dev.weft.interpreter.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.Test;

/** Instances of one module share its compiled class, each with its own state. */
class ClassCacheTest {
    @Test
    void aSecondInstanceReusesTheCompiledClassWithItsOwnGlobalsAndMemory() throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule("""
                (module
                  (global $g (mut i32) (i32.const 0))
                  (memory 1)
                  (func (export "inc") (result i32)
                    (global.set $g (i32.add (global.get $g) (i32.const 1)))
                    (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (i32.const 10)))
                    (i32.add (global.get $g) (i32.load (i32.const 8)))))
                """));
        String before = System.getProperty(BytecodeTier.PROPERTY);
        System.setProperty(BytecodeTier.PROPERTY, "compiled");
        Instance a;
        Instance b;
        try {
            a = new Linker().instantiate(module);
            b = new Linker().instantiate(module);
        } finally {
            if (before == null) {
                System.clearProperty(BytecodeTier.PROPERTY);
            } else {
                System.setProperty(BytecodeTier.PROPERTY, before);
            }
        }
        assertEquals(1, ClassCache.size(module), "compiled once, defined twice");
        for (Instance inst : new Instance[] {a, b}) {
            assertTrue(BytecodeSupport.hostOf((FunctionInstance) inst.function("inc")) instanceof BytecodeEntry);
        }
        assertEquals(11, a.function("inc").call()[0].asInt());
        assertEquals(22, a.function("inc").call()[0].asInt());
        assertEquals(11, b.function("inc").call()[0].asInt(), "b has its own global and memory");
    }
}
