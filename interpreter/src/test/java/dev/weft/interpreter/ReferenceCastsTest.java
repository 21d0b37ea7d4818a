package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ref.test, ref.cast, br_on_cast(_fail), i31 references and the extern/any conversions. */
class ReferenceCastsTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (type $top (sub (func)))
              (type $mid (sub $top (func)))
              (type $other (sub (func (param i32))))
              (func $t (type $top))
              (func $m (type $mid))
              (func $o (type $other))
              (table $fs 4 funcref)
              (elem (table $fs) (i32.const 0) func $t $m $o)
              (func (export "test-mid") (param i32) (result i32)
                (ref.test (ref $mid) (table.get $fs (local.get 0))))
              (func (export "test-top-null") (param i32) (result i32)
                (ref.test (ref null $top) (table.get $fs (local.get 0))))
              (func (export "test-func") (param i32) (result i32)
                (ref.test (ref func) (table.get $fs (local.get 0))))
              (func (export "test-nofunc-null") (param i32) (result i32)
                (ref.test (ref null nofunc) (table.get $fs (local.get 0))))
              (func (export "cast-top") (param i32) (result i32)
                (drop (ref.cast (ref $top) (table.get $fs (local.get 0)))) (i32.const 1))
              (func (export "cast-top-null") (param i32) (result i32)
                (drop (ref.cast (ref null $top) (table.get $fs (local.get 0)))) (i32.const 1))
              (func (export "br-on-cast") (param i32) (result i32)
                (block $yes (result (ref $mid))
                  (drop (br_on_cast $yes funcref (ref $mid) (table.get $fs (local.get 0))))
                  (return (i32.const 0)))
                (drop) (i32.const 1))
              (func (export "br-on-cast-fail") (param i32) (result i32)
                (block $no (result funcref)
                  (drop (br_on_cast_fail $no funcref (ref $mid) (table.get $fs (local.get 0))))
                  (return (i32.const 1)))
                (drop) (i32.const 0))
              (func (export "i31-get-s") (param i32) (result i32)
                (i31.get_s (ref.i31 (local.get 0))))
              (func (export "i31-get-u") (param i32) (result i32)
                (i31.get_u (ref.i31 (local.get 0))))
              (func (export "i31-null") (result i32)
                (i31.get_u (ref.null i31)))
              (func (export "i31-eq") (param i32 i32) (result i32)
                (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1))))
              (func (export "is-i31") (param anyref) (result i32 i32 i32)
                (ref.test (ref i31) (local.get 0))
                (ref.test (ref eq) (local.get 0))
                (ref.test (ref any) (local.get 0)))
              (func (export "i31-through-extern") (param i32) (result i32)
                (i31.get_s (ref.cast (ref i31)
                  (any.convert_extern (extern.convert_any (ref.i31 (local.get 0)))))))
              (func (export "round-trip") (param externref) (result externref)
                (extern.convert_any (any.convert_extern (local.get 0))))
              (func (export "host-is-i31") (param externref) (result i32)
                (ref.test (ref i31) (any.convert_extern (local.get 0))))
            )""");
    }

    @Test
    void refTestAcceptsAFunctionWhoseTypeIsADeclaredSubtypeOfTheTarget() {
        assertEquals(i32(0), call1(inst, "test-mid", i32(0)));
        assertEquals(i32(1), call1(inst, "test-mid", i32(1)));
        assertEquals(i32(0), call1(inst, "test-mid", i32(2)));
        assertEquals(i32(1), call1(inst, "test-top-null", i32(1)));
        assertEquals(i32(0), call1(inst, "test-top-null", i32(2)));
    }

    @Test
    void nullPassesATestOnlyWhenTheTargetIsNullable() {
        assertEquals(i32(0), call1(inst, "test-mid", i32(3)));
        assertEquals(i32(1), call1(inst, "test-top-null", i32(3)));
        assertEquals(i32(0), call1(inst, "test-func", i32(3)));
        assertEquals(i32(1), call1(inst, "test-func", i32(2)));
        assertEquals(i32(1), call1(inst, "test-nofunc-null", i32(3)));
        assertEquals(i32(0), call1(inst, "test-nofunc-null", i32(0)));
    }

    @Test
    void aFailedCastTrapsWithCastFailure() {
        assertEquals(i32(1), call1(inst, "cast-top", i32(1)));
        assertEquals(i32(1), call1(inst, "cast-top-null", i32(3)));
        assertEquals("cast failure", assertThrows(Trap.class, () -> call1(inst, "cast-top", i32(2))).getMessage());
        assertEquals("cast failure", assertThrows(Trap.class, () -> call1(inst, "cast-top", i32(3))).getMessage());
    }

    @Test
    void brOnCastBranchesOnSuccessAndBrOnCastFailOnFailure() {
        assertEquals(i32(1), call1(inst, "br-on-cast", i32(1)));
        assertEquals(i32(0), call1(inst, "br-on-cast", i32(0)));
        assertEquals(i32(0), call1(inst, "br-on-cast", i32(3)));
        assertEquals(i32(1), call1(inst, "br-on-cast-fail", i32(1)));
        assertEquals(i32(0), call1(inst, "br-on-cast-fail", i32(2)));
        assertEquals(i32(0), call1(inst, "br-on-cast-fail", i32(3)));
    }

    @Test
    void i31ReferencesKeepThirtyOneBitsReadSignedOrUnsigned() {
        assertEquals(i32(-1), call1(inst, "i31-get-s", i32(0x7fff_ffff)));
        assertEquals(i32(0x7fff_ffff), call1(inst, "i31-get-u", i32(-1)));
        assertEquals(i32(-0x4000_0000), call1(inst, "i31-get-s", i32(0x4000_0000)));
        assertEquals(i32(0x2aaa_aaaa), call1(inst, "i31-get-u", i32(0xaaaa_aaaa)));
    }

    @Test
    void readingANullI31TrapsWithNullI31Reference() {
        assertEquals("null i31 reference", assertThrows(Trap.class, () -> call1(inst, "i31-null")).getMessage());
    }

    @Test
    void refEqComparesI31ReferencesByValue() {
        assertEquals(i32(1), call1(inst, "i31-eq", i32(5), i32(5)));
        assertEquals(i32(1), call1(inst, "i31-eq", i32(5), i32(0x8000_0005)));
        assertEquals(i32(0), call1(inst, "i31-eq", i32(5), i32(6)));
    }

    @Test
    void anI31SurvivesExternalisationAndInternalisation() {
        assertEquals(i32(-7), call1(inst, "i31-through-extern", i32(-7)));
    }

    @Test
    void aHostReferenceConvertedToAnyAndBackIsTheSameObject() {
        Object host = new Object();
        assertSame(host, call1(inst, "round-trip", Value.externRef(host)).ref());
        assertEquals(null, call1(inst, "round-trip", Value.externRef(null)).ref());
        assertEquals(i32(0), call1(inst, "host-is-i31", Value.externRef(host)));
    }

    @Test
    void aHostReferenceSeenAsAnyIsNeitherI31NorEq() {
        Value[] r = inst.function("is-i31").call(Value.ref(dev.weft.interpreter.ast.RefType.ANYREF, new Object()));
        assertEquals(i32(0), r[0]);
        assertEquals(i32(0), r[1]);
        assertEquals(i32(1), r[2]);
    }
}
