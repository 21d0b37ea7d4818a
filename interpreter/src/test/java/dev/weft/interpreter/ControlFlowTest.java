package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.Value.i64;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Blocks, loops, branches with values, br_table, select, multi-value and unreachable code. */
class ControlFlowTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = WatTesting.instantiate("""
            (module
              (func (export "table") (param i32) (result i32)
                (block $d (block $2 (block $1 (block $0
                  (br_table $0 $1 $2 $d (local.get 0)))
                  (return (i32.const 100)))
                  (return (i32.const 101)))
                  (return (i32.const 102)))
                (i32.const 103))
              (func (export "table-value") (param i32) (result i32)
                (block $a (result i32)
                  (drop (block $b (result i32)
                    (i32.const 7) (i32.const 8)
                    (br_table $a $b (i32.const 9) (local.get 0))))
                  (i32.const 50)))
              (func (export "sum") (param i32) (result i64) (local $acc i64)
                (block $done
                  (loop $next
                    (br_if $done (i32.eqz (local.get 0)))
                    (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get 0))))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br $next)))
                (local.get $acc))
              (func (export "br-if-value") (param i32) (result i32)
                (i32.const 1)
                (block (result i32)
                  (i32.const 5) (i32.const 6) (drop)
                  (br_if 0 (i32.const 42) (local.get 0))
                  (i32.add))
                (i32.add))
              (func (export "swap") (param i32 i32) (result i32 i32) (local.get 1) (local.get 0))
              (func (export "multi") (result i32)
                (call $pair) (i32.sub))
              (func $pair (result i32 i32) (i32.const 10) (i32.const 3))
              (func (export "block-params") (param i32) (result i32)
                (local.get 0) (i32.const 1)
                (block (param i32 i32) (result i32) (i32.add))
                (loop (param i32) (result i32) (i32.const 2) (i32.mul)))
              (func (export "if-else") (param i32) (result i32 i64)
                (if (result i32 i64) (local.get 0)
                  (then (i32.const 1) (i64.const 10))
                  (else (i32.const 2) (i64.const 20))))
              (func (export "select") (param i32) (result i32)
                (select (i32.const 11) (i32.const 22) (local.get 0)))
              (func (export "select-ref") (param i32 externref) (result externref)
                (select (result externref) (ref.null extern) (local.get 1) (local.get 0)))
              (func (export "dead-code") (result i32)
                (block (result i32) (i32.const 3) (br 0) (i32.add) (block (loop (br 0))) (unreachable)))
              (func (export "unreachable") (unreachable))
              (func (export "tee-loop") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                (loop $l
                  (drop (local.tee $acc (i32.add (local.get $acc) (local.get $i))))
                  (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
                (i32.add (local.get $acc) (i32.mul (local.get $i) (i32.const 1000000))))
              (func (export "clz-popcnt") (param i32 i64) (result i64)
                (i64.add (i64.extend_i32_u (i32.add (i32.clz (local.get 0)) (i32.popcnt (local.get 0))))
                         (i64.add (i64.ctz (local.get 1)) (i64.popcnt (local.get 1)))))
              (func (export "nested-return") (param i32) (result i32)
                (block (block (loop (if (local.get 0) (then (return (i32.const 99))))) )) (i32.const 1))
            )""");
    }

    @Test
    void brTableJumpsToTheIndexedLabelOrTheDefault() {
        assertEquals(i32(100), call1(inst, "table", i32(0)));
        assertEquals(i32(102), call1(inst, "table", i32(2)));
        assertEquals(i32(103), call1(inst, "table", i32(3)));
        assertEquals(i32(103), call1(inst, "table", i32(-1)));
        assertEquals(i32(9), call1(inst, "table-value", i32(0)));
        assertEquals(i32(50), call1(inst, "table-value", i32(1)));
        assertEquals(i32(50), call1(inst, "table-value", i32(77)));
    }

    @Test
    void loopsAndConditionalBranchesCarryTheirValues() {
        assertEquals(i64(5050), call1(inst, "sum", i32(100)));
        assertEquals(i32(43), call1(inst, "br-if-value", i32(1)));
        assertEquals(i32(48), call1(inst, "br-if-value", i32(0)));
    }

    @Test
    void functionsAndBlocksTakeAndReturnSeveralValues() {
        assertArrayEquals(new Value[] {i32(2), i32(1)}, inst.function("swap").call(i32(1), i32(2)));
        assertEquals(i32(7), call1(inst, "multi"));
        assertEquals(i32(10), call1(inst, "block-params", i32(4)));
        assertArrayEquals(new Value[] {i32(1), i64(10)}, inst.function("if-else").call(i32(5)));
        assertArrayEquals(new Value[] {i32(2), i64(20)}, inst.function("if-else").call(i32(0)));
    }

    @Test
    void fusedTeeFormsStoreTheLocalAndKeepTheValue() {
        assertEquals(i32(4950 + 100 * 1000000), call1(inst, "tee-loop", i32(100)));
        assertEquals(i64(28 + 4 + 3 + 2), call1(inst, "clz-popcnt", i32(0b1111), i64(0b11000)));
    }

    @Test
    void selectPicksTheFirstOperandWhenTheConditionIsNonZero() {
        assertEquals(i32(11), call1(inst, "select", i32(1)));
        assertEquals(i32(22), call1(inst, "select", i32(0)));
        Object host = new Object();
        assertEquals(Value.externRef(null), call1(inst, "select-ref", i32(1), Value.externRef(host)));
        assertEquals(Value.externRef(host), call1(inst, "select-ref", i32(0), Value.externRef(host)));
    }

    @Test
    void unreachableCodeIsSkippedAndUnreachableTraps() {
        assertEquals(i32(3), call1(inst, "dead-code"));
        Trap t = assertThrows(Trap.class, () -> inst.function("unreachable").call());
        assertEquals("unreachable", t.getMessage());
        assertEquals(i32(99), call1(inst, "nested-return", i32(1)));
        assertEquals(i32(1), call1(inst, "nested-return", i32(0)));
    }
}
