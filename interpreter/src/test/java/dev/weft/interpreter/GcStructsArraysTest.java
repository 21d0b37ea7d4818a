package dev.weft.interpreter;

import static dev.weft.interpreter.Value.f64;
import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GC structs and arrays executed: packed fields, copies, bounds and null traps, casts over struct types. */
class GcStructsArraysTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (type $packed (struct (field (mut i8)) (field (mut i16))))
              (type $mixed (struct (field (mut i32)) (field (mut i64)) (field (mut f64)) (field (mut anyref))))
              (type $A (sub (struct (field i32))))
              (type $B (sub $A (struct (field i32) (field i64))))
              (type $C (sub $A (struct (field i32) (field f32))))
              (type $ints (array (mut i32)))
              (type $bytes (array (mut i8)))
              (type $shorts (array (mut i16)))
              (type $longs (array (mut i64)))
              (data $d "\\01\\80\\ff\\7f\\00\\00\\00\\80\\02\\00\\00\\00\\00\\00\\00\\01")
              (global $g (ref $A) (struct.new $A (i32.const 41)))
              (global $fixed (ref $ints) (array.new_fixed $ints 3 (i32.const 7) (i32.const 8) (i32.const 9)))

              (func (export "packed") (param $v i32) (result i32 i32 i32 i32)
                (local $s (ref $packed))
                (local.set $s (struct.new $packed (local.get $v) (local.get $v)))
                (struct.get_s $packed 0 (local.get $s))
                (struct.get_u $packed 0 (local.get $s))
                (struct.get_s $packed 1 (local.get $s))
                (struct.get_u $packed 1 (local.get $s)))
              (func (export "packed-set") (param $v i32) (result i32 i32)
                (local $s (ref $packed))
                (local.set $s (struct.new_default $packed))
                (struct.set $packed 0 (local.get $s) (local.get $v))
                (struct.get_s $packed 0 (local.get $s))
                (struct.get_u $packed 0 (local.get $s)))
              (func (export "mixed") (param i32 i64 f64) (result i32 i64 f64 i32)
                (local $s (ref $mixed))
                (local.set $s (struct.new $mixed (local.get 0) (local.get 1) (local.get 2) (ref.i31 (i32.const 5))))
                (struct.set $mixed 0 (local.get $s) (i32.add (struct.get $mixed 0 (local.get $s)) (i32.const 1)))
                (struct.get $mixed 0 (local.get $s))
                (struct.get $mixed 1 (local.get $s))
                (struct.get $mixed 2 (local.get $s))
                (i31.get_s (ref.cast (ref i31) (struct.get $mixed 3 (local.get $s)))))
              (func (export "struct-get-null") (result i32)
                (struct.get $A 0 (ref.null $A)))
              (func (export "global-struct") (result i32)
                (struct.get $A 0 (global.get $g)))
              (func (export "global-array") (param i32) (result i32)
                (array.get $ints (global.get $fixed) (local.get 0)))

              ;; a 10-element array 0..9, copied within itself: $n elements from $src to $dst, then read back
              (func $iota (result (ref $ints))
                (local $a (ref $ints)) (local $i i32)
                (local.set $a (array.new_default $ints (i32.const 10)))
                (loop $l
                  (array.set $ints (local.get $a) (local.get $i) (local.get $i))
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.get $i) (i32.const 10))))
                (local.get $a))
              (func (export "copy-get") (param $dst i32) (param $src i32) (param $n i32) (param $at i32) (result i32)
                (local $a (ref $ints))
                (local.set $a (call $iota))
                (array.copy $ints $ints (local.get $a) (local.get $dst) (local.get $a) (local.get $src) (local.get $n))
                (array.get $ints (local.get $a) (local.get $at)))
              (func (export "copy-bytes-get") (param $dst i32) (param $src i32) (param $n i32) (param $at i32) (result i32)
                (local $a (ref $bytes))
                (local.set $a (array.new_data $bytes $d (i32.const 0) (i32.const 16)))
                (array.copy $bytes $bytes (local.get $a) (local.get $dst) (local.get $a) (local.get $src) (local.get $n))
                (array.get_u $bytes (local.get $a) (local.get $at)))
              (func (export "get") (param $at i32) (result i32)
                (array.get $ints (call $iota) (local.get $at)))
              (func (export "fill-get") (param $off i32) (param $n i32) (param $at i32) (result i32)
                (local $a (ref $ints))
                (local.set $a (call $iota))
                (array.fill $ints (local.get $a) (local.get $off) (i32.const -1) (local.get $n))
                (array.get $ints (local.get $a) (local.get $at)))
              (func (export "len-null") (result i32)
                (array.len (ref.null array)))
              (func (export "data-i16") (param $at i32) (result i32 i32)
                (local $a (ref $shorts))
                (local.set $a (array.new_data $shorts $d (i32.const 0) (i32.const 8)))
                (array.get_s $shorts (local.get $a) (local.get $at))
                (array.get_u $shorts (local.get $a) (local.get $at)))
              (func (export "data-i64") (param $at i32) (result i64)
                (array.get $longs (array.new_data $longs $d (i32.const 0) (i32.const 2)) (local.get $at)))
              (func (export "data-past-end") (result i32)
                (array.len (array.new_data $longs $d (i32.const 1) (i32.const 2))))

              (func $pick (param $k i32) (result (ref $A))
                (if (result (ref $A)) (i32.eqz (local.get $k))
                  (then (struct.new $A (i32.const 1)))
                  (else (if (result (ref $A)) (i32.eq (local.get $k) (i32.const 1))
                    (then (struct.new $B (i32.const 2) (i64.const 3)))
                    (else (struct.new $C (i32.const 4) (f32.const 5)))))))
              (func (export "is-B") (param i32) (result i32)
                (ref.test (ref $B) (call $pick (local.get 0))))
              (func (export "is-A") (param i32) (result i32)
                (ref.test (ref $A) (call $pick (local.get 0))))
              (func (export "is-array") (param i32) (result i32)
                (ref.test (ref array) (call $pick (local.get 0))))
              (func (export "cast-B-field") (param i32) (result i64)
                (struct.get $B 1 (ref.cast (ref $B) (call $pick (local.get 0)))))
              (func (export "br-on-C") (param i32) (result i32)
                (block $c (result (ref $C))
                  (drop (br_on_cast $c (ref $A) (ref $C) (call $pick (local.get 0))))
                  (return (i32.const -1)))
                (struct.get $C 0))
              (func (export "array-is-struct") (result i32 i32 i32)
                (local $a anyref)
                (local.set $a (array.new_default $ints (i32.const 1)))
                (ref.test (ref struct) (local.get $a))
                (ref.test (ref array) (local.get $a))
                (ref.test (ref eq) (local.get $a)))
              (func (export "eq") (result i32 i32)
                (local $x (ref $A))
                (local.set $x (struct.new $A (i32.const 1)))
                (ref.eq (local.get $x) (local.get $x))
                (ref.eq (local.get $x) (struct.new $A (i32.const 1))))
            )""");
    }

    private static Value[] call(String name, Value... args) {
        return inst.function(name).call(args);
    }

    private static String trap(String name, Value... args) {
        return assertThrows(Trap.class, () -> call(name, args)).getMessage();
    }

    @Test
    void packedFieldsAreTruncatedOnWriteAndSignOrZeroExtendedOnRead() {
        assertArrayEquals(new Value[] {i32(-1), i32(0xFF), i32(-1), i32(0xFFFF)}, call("packed", i32(-1)));
        assertArrayEquals(new Value[] {i32(-128), i32(0x80), i32((short) 0x8080), i32(0x8080)}, call("packed", i32(0x18080)));
        assertArrayEquals(new Value[] {i32(0x7F), i32(0x7F), i32(0x7F), i32(0x7F)}, call("packed", i32(0x7F)));
        assertArrayEquals(new Value[] {i32(-2), i32(0xFE)}, call("packed-set", i32(0x3FE)));
    }

    @Test
    void numericAndReferenceFieldsKeepTheirValues() {
        assertArrayEquals(new Value[] {i32(Integer.MIN_VALUE), i64(-5L), f64(2.5), i32(5)},
                call("mixed", i32(Integer.MAX_VALUE), i64(-5L), f64(2.5)));
    }

    @Test
    void constantExpressionsBuildStructsAndArrays() {
        assertEquals(i32(41), call1(inst, "global-struct"));
        assertEquals(i32(8), call1(inst, "global-array", i32(1)));
    }

    @Test
    void arrayCopyWithinOneArrayBehavesAsIfThroughATemporaryBuffer() {
        // forwards overlap: copy [0,5) to [2,7): 0 1 0 1 2 3 4 7 8 9
        int[] forward = {0, 1, 0, 1, 2, 3, 4, 7, 8, 9};
        // backwards overlap: copy [2,7) to [0,5): 2 3 4 5 6 5 6 7 8 9
        int[] backward = {2, 3, 4, 5, 6, 5, 6, 7, 8, 9};
        for (int i = 0; i < 10; i++) {
            assertEquals(i32(forward[i]), call1(inst, "copy-get", i32(2), i32(0), i32(5), i32(i)), "forward " + i);
            assertEquals(i32(backward[i]), call1(inst, "copy-get", i32(0), i32(2), i32(5), i32(i)), "backward " + i);
        }
        // the data segment's bytes 01 80 ff 7f ..., copied [0,3) to [1,4)
        assertEquals(i32(0x01), call1(inst, "copy-bytes-get", i32(1), i32(0), i32(3), i32(1)));
        assertEquals(i32(0xFF), call1(inst, "copy-bytes-get", i32(1), i32(0), i32(3), i32(3)));
    }

    @Test
    void indicesAndRangesPastTheEndTrap() {
        assertEquals(i32(9), call1(inst, "get", i32(9)));
        assertEquals("out of bounds array access", trap("get", i32(10)));
        assertEquals("out of bounds array access", trap("get", i32(-1)));
        assertEquals("out of bounds array access", trap("copy-get", i32(6), i32(0), i32(5), i32(0)));
        assertEquals("out of bounds array access", trap("copy-get", i32(0), i32(1), i32(-1), i32(0)));
        assertEquals("out of bounds array access", trap("fill-get", i32(8), i32(3), i32(0)));
        assertEquals("out of bounds array access", trap("fill-get", i32(1), i32(-1), i32(0)));
        assertEquals(i32(-1), call1(inst, "fill-get", i32(8), i32(2), i32(9)));
        assertEquals(i32(7), call1(inst, "fill-get", i32(8), i32(0), i32(7)));
        assertEquals("out of bounds memory access", trap("data-past-end"));
    }

    @Test
    void nullStructsAndArraysTrap() {
        assertEquals("null structure reference", trap("struct-get-null"));
        assertEquals("null array reference", trap("len-null"));
    }

    @Test
    void dataSegmentsAreReadLittleEndian() {
        // bytes 01 80 | ff 7f | 00 00 | 00 80 | 02 00 00 00 00 00 00 01
        assertArrayEquals(new Value[] {i32((short) 0x8001), i32(0x8001)}, call("data-i16", i32(0)));
        assertArrayEquals(new Value[] {i32(0x7FFF), i32(0x7FFF)}, call("data-i16", i32(1)));
        assertArrayEquals(new Value[] {i32(-32768), i32(0x8000)}, call("data-i16", i32(3)));
        assertEquals(i64(0x0100_0000_0000_0002L), call1(inst, "data-i64", i32(1)));
    }

    @Test
    void castsFollowDeclaredStructSubtypes() {
        assertEquals(Arrays.asList(i32(0), i32(1), i32(0)),
                Arrays.asList(call1(inst, "is-B", i32(0)), call1(inst, "is-B", i32(1)), call1(inst, "is-B", i32(2))));
        for (int k = 0; k < 3; k++) {
            assertEquals(i32(1), call1(inst, "is-A", i32(k)));
            assertEquals(i32(0), call1(inst, "is-array", i32(k)));
        }
        assertEquals(i64(3), call1(inst, "cast-B-field", i32(1)));
        assertEquals("cast failure", trap("cast-B-field", i32(2)));
        assertEquals(i32(4), call1(inst, "br-on-C", i32(2)));
        assertEquals(i32(-1), call1(inst, "br-on-C", i32(1)));
        assertArrayEquals(new Value[] {i32(0), i32(1), i32(1)}, call("array-is-struct"));
    }

    @Test
    void refEqComparesIdentityNotContents() {
        assertArrayEquals(new Value[] {i32(1), i32(0)}, call("eq"));
    }
}
