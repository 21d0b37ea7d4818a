package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.ConcreteHeapType;
import dev.weft.interpreter.ast.RefType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structs and arrays crossing the embedding API: back into functions, globals and tables, checked by type. */
class GcEmbeddingTest {
    private static final RefType STRUCT = new RefType(true, new ConcreteHeapType(0));
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (type $s (struct (field i32)))
              (type $a (array i8))
              (global $g (export "g") (mut (ref null $s)) (ref.null $s))
              (table $t (export "t") 2 (ref null $s))
              (func (export "make") (param i32) (result (ref $s)) (struct.new $s (local.get 0)))
              (func (export "make-array") (result (ref $a)) (array.new_default $a (i32.const 3)))
              (func (export "get") (param (ref null $s)) (result i32) (struct.get $s 0 (local.get 0)))
              (func (export "eq-test") (param eqref) (result i32) (ref.test (ref $s) (local.get 0)))
              (func (export "global-field") (result i32) (struct.get $s 0 (global.get $g)))
              (func (export "table-field") (param i32) (result i32) (struct.get $s 0 (table.get $t (local.get 0))))
            )""");
    }

    @Test
    void aStructFromOneCallIsAcceptedByAnotherAsItsTypeOrASupertype() {
        Value s = call1(inst, "make", i32(42));
        assertEquals(i32(42), call1(inst, "get", Value.ref(STRUCT, s.ref())));
        assertEquals(i32(1), call1(inst, "eq-test", Value.ref(new RefType(true, AbsHeapType.EQ), s.ref())));
    }

    @Test
    void aReferenceOfAnotherKindIsRefusedAtTheBoundary() {
        Value array = call1(inst, "make-array");
        assertThrows(IllegalArgumentException.class, () -> inst.function("get").call(Value.ref(STRUCT, array.ref())));
        assertThrows(IllegalArgumentException.class, () -> inst.function("get").call(Value.externRef("host")));
        assertThrows(IllegalArgumentException.class,
                () -> inst.function("eq-test").call(Value.ref(new RefType(true, AbsHeapType.EQ), "host")));
    }

    @Test
    void globalsAndTablesOfStructTypeTakeStructsFromTheHost() {
        Value s = call1(inst, "make", i32(7));
        inst.global("g").set(Value.ref(STRUCT, s.ref()));
        assertEquals(i32(7), call1(inst, "global-field"));
        inst.table("t").set(1, s.ref());
        assertEquals(i32(7), call1(inst, "table-field", i32(1)));
        Value array = call1(inst, "make-array");
        assertThrows(IllegalArgumentException.class, () -> inst.global("g").set(Value.ref(STRUCT, array.ref())));
        assertThrows(IllegalArgumentException.class, () -> inst.table("t").set(0, array.ref()));
    }
}
