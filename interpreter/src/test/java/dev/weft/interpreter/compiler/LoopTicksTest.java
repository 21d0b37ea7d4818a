package dev.weft.interpreter.compiler;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compiled loops without calls count their back-edges in a JVM local and give the rest back to
 * the meter when they are left: fuel stays exact (one unit per function entry and per loop head)
 * whichever way the loop is left (a branch out, return, falling out, a trap inside it) and
 * across the meter's slices, and a loop with a call in it, which ticks the meter itself, agrees.
 */
class LoopTicksTest {
    private static final String WAT = """
            (module
              (memory 1)
              (func $nop)
              (func (export "by_br") (param $n i32)
                (block $out
                  (loop $l
                    (br_if $out (i32.eqz (local.get $n)))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $l))))
              (func (export "by_table") (param $n i32)
                (block $out
                  (loop $l
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br_table $out $l $l (local.get $n)))))
              (func (export "by_return") (param $n i32) (result i32)
                (loop $l
                  (if (i32.eqz (local.get $n)) (then (return (i32.const 7))))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l))
                (i32.const 0))
              (func (export "by_end") (param $n i32)
                (loop $l
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))
                (loop $again
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $again (i32.lt_u (local.get $n) (i32.const 3)))))
              (func (export "by_trap") (param $a i32)
                (loop $l
                  (i32.store8 (local.get $a) (i32.const 1))
                  (local.set $a (i32.add (local.get $a) (i32.const 1)))
                  (br $l)))
              (func (export "nested") (param $n i32) (local $i i32)
                (loop $outer
                  (local.set $i (local.get $n))
                  (loop $inner
                    (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                    (br_if $inner (local.get $i)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $outer (local.get $n))))
              (func (export "with_call") (param $n i32)
                (loop $l
                  (call $nop)
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))))
            """;
    private static final long FUEL = 10_000_000;
    private Instance inst;

    @BeforeEach
    void instantiate() throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(WAT));
        inst = BytecodeTier.compilingOnly(i -> true, () -> new Linker().instantiate(module));
        inst.setFuel(FUEL);
    }

    /** The fuel {@code export} uses when called with {@code arg}. */
    private long fuelOf(String export, int arg) {
        assertTrue(((FunctionInstance) inst.function(export)).isHost(), export + " runs compiled");
        long before = inst.fuelRemaining();
        inst.function(export).call(i32(arg));
        return before - inst.fuelRemaining();
    }

    @Test
    void eachWayOutOfALoopLeavesTheExactCount() {
        assertEquals(1 + 11, fuelOf("by_br", 10)); // the entry, and the loop head for n = 10 .. 0
        assertEquals(1 + 3, fuelOf("by_table", 3)); // n becomes 2 (the default) and 1: loop; 0 leaves
        assertEquals(1 + 6, fuelOf("by_return", 5));
        assertEquals(1 + 4 + 3, fuelOf("by_end", 4)); // the first loop 4 times, the second for n = 0, 1, 2
        assertEquals(1 + 3 + (3 + 2 + 1), fuelOf("nested", 3));
        assertEquals(1 + 5 * 2, fuelOf("with_call", 5)); // each call of $nop ticks its entry too
    }

    @Test
    void aTrapInsideTheLoopLeavesTheExactCount() {
        Trap t = assertThrows(Trap.class, () -> inst.function("by_trap").call(i32(65536 - 10)));
        assertEquals(TrapKind.OUT_OF_BOUNDS_MEMORY, t.kind());
        assertEquals(FUEL - (1 + 11), inst.fuelRemaining()); // 10 stores, the 11th head's store traps
        assertEquals(1 + 1, fuelOf("by_br", 0));
    }

    @Test
    void theCountStaysExactAcrossManySlices() {
        assertEquals(1 + 1_000_001, fuelOf("by_br", 1_000_000));
        assertEquals(1 + 1000 + 1000 * 1001 / 2, fuelOf("nested", 1000));
    }

    @Test
    void runningOutOfFuelInsideTheLoopTrapsAndMoreFuelFinishesTheCall() {
        inst.setFuel(500);
        Trap t = assertThrows(Trap.class, () -> inst.function("by_br").call(i32(1000)));
        assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
        assertEquals(0, inst.fuelRemaining());
        assertThrows(Trap.class, () -> inst.function("by_br").call(i32(0)), "still out of fuel");
        inst.setFuel(2000);
        assertEquals(1 + 1001, fuelOf("by_br", 1000));
        assertEquals(2000 - 1002, inst.fuelRemaining());
    }
}
