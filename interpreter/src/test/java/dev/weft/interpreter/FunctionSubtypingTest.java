package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Declared function subtypes: call_indirect and imports accept a subtype of the expected type. */
class FunctionSubtypingTest {
    private static final String TYPES = """
          (type $super (sub (func (result i32))))
          (type $sub (sub $super (func (result i32))))
          (type $other (sub final $super (func (result i32))))
          (type $unrelated (func (result i64)))
        """;

    @Test
    void callIndirectAcceptsAFunctionOfADeclaredSubtype() throws Exception {
        Instance inst = WatTesting.instantiate("(module " + TYPES + """
              (func $f (type $sub) (i32.const 7))
              (func $g (type $unrelated) (i64.const 8))
              (table funcref (elem $f $g))
              (func (export "call") (param i32) (result i32)
                (call_indirect (type $super) (local.get 0)))
              (func (export "call-sub") (param i32) (result i32)
                (call_indirect (type $other) (local.get 0))))
            """);
        assertEquals(i32(7), call1(inst, "call", i32(0)));
        Trap t = assertThrows(Trap.class, () -> inst.function("call").call(i32(1)));
        assertEquals("indirect call type mismatch", t.getMessage());
        Trap sibling = assertThrows(Trap.class, () -> inst.function("call-sub").call(i32(0)));
        assertEquals("indirect call type mismatch", sibling.getMessage());
    }

    @Test
    void aFunctionOfADeclaredSubtypeSatisfiesAnImportOfItsSupertype() throws Exception {
        Linker linker = new Linker();
        linker.register("m", WatTesting.instantiate(linker,
                "(module " + TYPES + " (func (export \"f\") (type $sub) (i32.const 9)))"));
        Instance inst = WatTesting.instantiate(linker, "(module " + TYPES + """
              (import "m" "f" (func $f (type $super)))
              (func (export "run") (result i32) (call $f)))
            """);
        assertEquals(i32(9), call1(inst, "run"));
    }
}
