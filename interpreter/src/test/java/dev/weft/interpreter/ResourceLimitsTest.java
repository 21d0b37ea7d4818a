package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Per-instance maxima of memory pages, table elements and live continuations (issue 14). */
class ResourceLimitsTest {
    /** Grows memory 0 page by page until memory.grow says -1; returns the pages reached. */
    static final String MEMORY_BOMB = """
            (module
              (memory 1)
              (func (export "bomb") (result i32)
                (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
                (memory.size))
              (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
            """;

    static final String TABLE = """
            (module
              (table 2 funcref)
              (func (export "grow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0)))
              (func (export "size") (result i32) (table.size)))
            """;

    /** {@code hold} keeps three continuations live at once; {@code finish(n)} runs n to completion, one by one. */
    static final String CONTINUATIONS = """
            (module
              (type $f (func))
              (type $k (cont $f))
              (func $nothing)
              (elem declare func $nothing)
              (func (export "hold")
                (local $a (ref null $k)) (local $b (ref null $k)) (local $c (ref null $k))
                (local.set $a (cont.new $k (ref.func $nothing)))
                (local.set $b (cont.new $k (ref.func $nothing)))
                (local.set $c (cont.new $k (ref.func $nothing))))
              (func (export "finish") (param $n i32)
                (loop $l
                  (resume $k (cont.new $k (ref.func $nothing)))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))))
            """;

    private static Instance instantiate(String tier, ResourceLimits limits, String wat) throws Exception {
        return WatTesting.inTier(tier, () -> WatTesting.instantiate(new Linker().limits(limits), wat));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void aMemoryBombStopsAtTheLimit(String tier) throws Exception {
        Instance inst = instantiate(tier, ResourceLimits.NONE.withMaxMemoryPages(10), MEMORY_BOMB);
        assertEquals(10, WatTesting.call1(inst, "bomb").asInt());
        assertEquals(-1, WatTesting.call1(inst, "grow", Value.i32(1)).asInt());
        assertEquals(10, WatTesting.call1(inst, "grow", Value.i32(0)).asInt(), "growing by 0 still answers the size");
        assertEquals(10, inst.state().memory(0).pages());
    }

    @Test
    void withoutALimitTheSameModuleGrowsFurther() throws Exception {
        Instance inst = instantiate("interp", ResourceLimits.NONE, MEMORY_BOMB);
        assertEquals(1, WatTesting.call1(inst, "grow", Value.i32(20)).asInt());
    }

    @Test
    void aMemoryWhoseMinimumExceedsTheLimitFailsInstantiation() {
        UninstantiableException e = assertThrows(UninstantiableException.class,
                () -> instantiate("interp", ResourceLimits.NONE.withMaxMemoryPages(0), MEMORY_BOMB));
        assertTrue(e.getMessage().contains("exceeds the instance's limit of 0 pages"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void tableGrowReturnsMinusOnePastTheLimit(String tier) throws Exception {
        Instance inst = instantiate(tier, ResourceLimits.NONE.withMaxTableElements(5), TABLE);
        assertEquals(2, WatTesting.call1(inst, "grow", Value.i32(3)).asInt());
        assertEquals(-1, WatTesting.call1(inst, "grow", Value.i32(1)).asInt());
        assertEquals(5, WatTesting.call1(inst, "size").asInt());
    }

    @Test
    void oneContinuationPastTheMaximumTraps() throws Exception {
        Instance inst = instantiate("interp", ResourceLimits.NONE.withMaxContinuations(2), CONTINUATIONS);
        Trap t = assertThrows(Trap.class, () -> inst.function("hold").call());
        assertEquals(TrapKind.CONTINUATION_LIMIT, t.kind());
        assertEquals("continuation limit reached: the instance may have at most 2 live continuations", t.getMessage());
        Instance three = instantiate("interp", ResourceLimits.NONE.withMaxContinuations(3), CONTINUATIONS);
        three.function("hold").call();
    }

    @Test
    void finishedContinuationsNoLongerCount() throws Exception {
        Instance inst = instantiate("interp", ResourceLimits.NONE.withMaxContinuations(1), CONTINUATIONS);
        inst.function("finish").call(Value.i32(1000));
    }

    @Test
    void fuelAndTimeoutFromTheLinkerApplyFromInstantiation() throws Exception {
        Instance inst = instantiate("interp", ResourceLimits.NONE.withFuel(10).withTimeout(Duration.ofHours(1)),
                MEMORY_BOMB);
        assertEquals(10, inst.fuelRemaining());
        Trap t = assertThrows(Trap.class, () -> inst.function("bomb").call());
        assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
    }
}
