package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** call_ref, ref.as_non_null, br_on_null, br_on_non_null, ref.eq, typed tables and locals. */
class TypedFunctionReferencesTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (type $ii (func (param i32) (result i32)))
              (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
              (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
              (table $t 2 2 (ref $ii) (ref.func $inc))
              (global $g (mut (ref null $ii)) (ref.null $ii))
              (elem declare func $inc $dbl)
              (func (export "apply") (param i32 i32) (result i32)
                (call_ref $ii (local.get 1)
                  (if (result (ref $ii)) (local.get 0) (then (ref.func $dbl)) (else (ref.func $inc)))))
              (func (export "call-null") (result i32)
                (call_ref $ii (i32.const 1) (global.get $g)))
              (func (export "as-non-null-null") (result i32)
                (drop (ref.as_non_null (global.get $g))) (i32.const 0))
              (func (export "table-init") (param i32) (result i32)
                (call_ref $ii (i32.const 10) (table.get $t (local.get 0))))
              (func (export "on-null") (param i32) (result i32)
                (local $f (ref null $ii))
                (if (local.get 0) (then (local.set $f (ref.func $dbl))))
                (block $null
                  (return (call_ref $ii (i32.const 21) (br_on_null $null (local.get $f)))))
                (i32.const -1))
              (func (export "on-non-null") (param i32) (result i32)
                (local $f (ref null $ii))
                (if (local.get 0) (then (local.set $f (ref.func $inc))))
                (call_ref $ii (i32.const 41)
                  (block $some (result (ref $ii))
                    (br_on_non_null $some (local.get $f))
                    (return (i32.const -1)))))
              (func (export "non-nullable-local") (result i32)
                (local $f (ref $ii))
                (local.set $f (ref.func $dbl))
                (call_ref $ii (i32.const 4) (local.get $f)))
              (func (export "eq") (param i32) (result i32)
                (ref.eq (ref.null none) (if (result (ref null none)) (local.get 0)
                  (then (ref.null none)) (else (ref.null none)))))
            )""");
    }

    @Test
    void callRefCallsTheReferencedFunction() {
        assertEquals(i32(6), call1(inst, "apply", i32(0), i32(5)));
        assertEquals(i32(10), call1(inst, "apply", i32(1), i32(5)));
    }

    @Test
    void callRefOfANullReferenceTrapsWithNullFunctionReference() {
        Trap t = assertThrows(Trap.class, () -> inst.function("call-null").call());
        assertEquals("null function reference", t.getMessage());
    }

    @Test
    void refAsNonNullOfNullTrapsWithNullReference() {
        Trap t = assertThrows(Trap.class, () -> inst.function("as-non-null-null").call());
        assertEquals("null reference", t.getMessage());
    }

    @Test
    void aTypedTableIsFilledByItsInitialiserExpression() {
        assertEquals(i32(11), call1(inst, "table-init", i32(0)));
        assertEquals(i32(11), call1(inst, "table-init", i32(1)));
    }

    @Test
    void brOnNullBranchesOnlyForNull() {
        assertEquals(i32(-1), call1(inst, "on-null", i32(0)));
        assertEquals(i32(42), call1(inst, "on-null", i32(1)));
    }

    @Test
    void brOnNonNullBranchesWithTheReference() {
        assertEquals(i32(-1), call1(inst, "on-non-null", i32(0)));
        assertEquals(i32(42), call1(inst, "on-non-null", i32(1)));
    }

    @Test
    void aNonNullableLocalHoldsItsReference() {
        assertEquals(i32(8), call1(inst, "non-nullable-local"));
    }

    @Test
    void refEqComparesNullsAsEqual() {
        assertEquals(i32(1), call1(inst, "eq", i32(0)));
    }
}
