package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContinuationStats;
import dev.weft.stackpool.PoolStats;
import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stack switching run by the interpreter: deep stacks, many continuations, exceptions, switch, host frames. */
class StackSwitchingTest {
    private static final String WAT = """
        (module
          (type $f (func))
          (type $c0 (cont $f))
          (type $fd (func (param i32) (result i32)))
          (type $cd (cont $fd))
          (type $fr (func (result i32)))
          (type $cr (cont $fr))
          (import "host" "reenter" (func $reenter))
          (import "host" "twice" (func $twice (type $fd)))
          (rec (type $fp (func (param i32 (ref null $cp)) (result i32))) (type $cp (cont $fp)))
          (tag $t0 (export "t0"))
          (tag $e (export "e") (param i32))
          (tag $sw (result i32))
          (table $held 0 (ref null $c0))
          (global $count (mut i32) (i32.const 0))
          (elem declare func $deep $one $parked $raiser $catcher $player $viaHost $twice $trapper)

          (func (export "host-entry") (param i32) (result i32)
            (resume $cd (local.get 0) (cont.new $cd (ref.func $twice))))
          (func $trapper (type $f) (unreachable))
          (func (export "trap-in-cont") (resume $c0 (cont.new $c0 (ref.func $trapper))))

          (func $deep (type $fd) (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (suspend $t0) (i32.const 0))
              (else (i32.add (i32.const 1) (call $deep (i32.sub (local.get 0) (i32.const 1)))))))
          (func (export "deep") (param i32) (result i32)
            (resume $cr
              (block $h (result (ref $cr))
                (return (resume $cd (on $t0 $h) (local.get 0) (cont.new $cd (ref.func $deep)))))))

          (func $one (type $fd) (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "many") (param $n i32) (result i32)
            (local $i i32) (local $acc i32)
            (loop $l
              (local.set $acc (resume $cd (local.get $acc) (cont.new $cd (ref.func $one))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $acc))

          (func $parked (type $f) (suspend $t0) (global.set $count (i32.add (global.get $count) (i32.const 1))))
          (func (export "park") (param $n i32)
            (local $i i32) (local $k (ref null $c0))
            (drop (table.grow $held (ref.null $c0) (local.get $n)))
            (loop $l
              (local.set $k
                (block $h (result (ref $c0))
                  (resume $c0 (on $t0 $h) (cont.new $c0 (ref.func $parked)))
                  (unreachable)))
              (table.set $held (local.get $i) (local.get $k))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))
          (func (export "finish") (param $n i32) (result i32)
            (local $i i32)
            (global.set $count (i32.const 0))
            (loop $l
              (resume $c0 (table.get $held (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (global.get $count))
          ;; n continuations suspend once each and are dropped unfinished
          (func (export "park-and-drop") (param $n i32)
            (loop $l
              (drop (block $h (result (ref $c0))
                (resume $c0 (on $t0 $h) (cont.new $c0 (ref.func $parked)))
                (unreachable)))
              (local.set $n (i32.sub (local.get $n) (i32.const 1)))
              (br_if $l (local.get $n))))

          (func (export "gen") (param $n i32)
            (loop $l
              (if (local.get $n)
                (then
                  (suspend $e (local.get $n))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))))

          (func (export "suspend-t0") (suspend $t0))
          (func (export "unhandled-in-cont") (resume $c0 (cont.new $c0 (ref.func $parked))))
          (func $viaHost (type $f) (call $reenter))
          (func (export "through-host")
            (drop (block $h (result (ref $c0))
              (resume $c0 (on $t0 $h) (cont.new $c0 (ref.func $viaHost)))
              (return))))

          (func $raiser (type $fd) (param i32) (result i32) (throw $e (local.get 0)))
          (func (export "catch-from-cont") (param i32) (result i32)
            (block $c (result i32)
              (try_table (catch $e $c)
                (drop (resume $cd (local.get 0) (cont.new $cd (ref.func $raiser)))))
              (i32.const -1)))
          (func (export "throw-out") (param i32) (result i32)
            (resume $cd (local.get 0) (cont.new $cd (ref.func $raiser))))
          (func $catcher (type $fr) (result i32)
            (i32.add
              (block $c (result i32)
                (try_table (catch $e $c) (suspend $t0))
                (i32.const -1))
              (i32.const 100)))
          (func (export "throw-into") (param i32) (result i32)
            (local $k (ref null $cr))
            (local.set $k (block $h (result (ref $cr))
              (return (resume $cr (on $t0 $h) (cont.new $cr (ref.func $catcher))))))
            (resume_throw $cr $e (local.get 0) (local.get $k)))
          (func (export "consumed-twice") (result i32)
            (local $k (ref null $cd))
            (local.set $k (cont.new $cd (ref.func $one)))
            (drop (resume $cd (i32.const 1) (local.get $k)))
            (resume $cd (i32.const 1) (local.get $k)))

          (func $player (type $fp) (param $n i32) (param $other (ref null $cp)) (result i32)
            (loop $l
              (global.set $count (i32.add (global.get $count) (i32.const 1)))
              (if (i32.eqz (local.get $n)) (then (return (global.get $count))))
              (switch $cp $sw (i32.sub (local.get $n) (i32.const 1)) (local.get $other))
              (local.set $other)
              (local.set $n)
              (br $l))
            (unreachable))
          (func (export "pingpong") (param $n i32) (result i32)
            (global.set $count (i32.const 0))
            (resume $cp (on $sw switch)
              (local.get $n) (cont.new $cp (ref.func $player)) (cont.new $cp (ref.func $player)))))
        """;

    private static Instance inst;

    /** The test module, instantiated once (also for {@link StackPoolUseTest}). */
    static synchronized Instance instance() throws Exception {
        if (inst == null) {
            setUp();
        }
        return inst;
    }

    @BeforeAll
    static synchronized void setUp() throws Exception {
        Linker linker = new Linker();
        CompositeType.Func none = new CompositeType.Func(List.of(), List.of());
        linker.define("host", "reenter", HostFunction.of(none, args -> inst.function("suspend-t0").call()));
        CompositeType.Func iToI = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
        linker.define("host", "twice", HostFunction.of(iToI, args -> new Value[] {i32(2 * args[0].asInt())}));
        inst = WatTesting.instantiate(linker, WAT);
    }

    /** Runs {@code body} on a new thread, so that it gets a fresh continuation model with fresh counters. */
    private static <T> T onFreshThread(java.util.function.Supplier<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(body.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    @Test
    void aSuspendTenThousandCallsDeepInsideAContinuationResumesToCompletion() {
        assertEquals(10_000, call1(inst, "deep", i32(10_000)).asInt());
        assertEquals(0, call1(inst, "deep", i32(0)).asInt());
    }

    @Test
    void aMillionContinuationsRunOneAfterAnotherReuseAHandfulOfStacks() throws Exception {
        // the pool is process-wide: count what this run took from it (StackPoolUseTest checks
        // the high-water mark of a process that does only this)
        PoolStats before = Continuation.stats().pool();
        ContinuationStats stats = onFreshThread(() -> {
            assertEquals(1_000_000, call1(inst, "many", i32(1_000_000)).asInt());
            return Continuation.stats();
        });
        assertEquals(1_000_000, stats.created());
        assertEquals(1_000_000, stats.completed());
        long taken = stats.pool().acquired() - before.acquired();
        assertTrue(taken <= 4, "stacks taken from the pool: " + taken);
    }

    @Test
    void aHundredThousandSuspendedContinuationsAreHeldAtOnceAndThenFinished() throws Exception {
        PoolStats before = Continuation.stats().pool();
        PoolStats[] held = new PoolStats[1];
        ContinuationStats stats = onFreshThread(() -> {
            inst.function("park").call(i32(100_000));
            held[0] = Continuation.stats().pool();
            assertEquals(100_000, call1(inst, "finish", i32(100_000)).asInt());
            return Continuation.stats();
        });
        assertEquals(100_000, stats.suspended());
        assertTrue(held[0].acquired() - before.acquired() >= 100_000, "taken from the pool: " + held[0].acquired());
        assertTrue(held[0].inUse() >= 100_000, "in use while parked: " + held[0].inUse());
        assertTrue(stats.pool().highWater() >= 100_000, "high-water mark " + stats.pool().highWater());
    }

    @Test
    void aJavaProgramDrivesAWasmGeneratorThroughTheHostApi() {
        Tag e = (Tag) inst.export("e");
        Continuation.Step step = Continuation.of(inst.function("gen"), e).resume(i32(3));
        int expected = 3;
        while (step instanceof Continuation.Step.Suspended s) {
            assertSame(e, s.tag());
            assertEquals(expected--, s.payload()[0].asInt());
            step = s.next().resume();
        }
        assertEquals(0, expected);
        assertEquals(0, assertInstanceOf(Continuation.Step.Returned.class, step).values().length);
    }

    @Test
    void aHostContinuationIsOneShot() {
        Continuation c = Continuation.of(inst.function("gen"), (Tag) inst.export("e"));
        c.resume(i32(1));
        assertTrue(c.isConsumed());
        Trap t = assertThrows(Trap.class, () -> c.resume(i32(1)));
        assertEquals("continuation already consumed", t.getMessage());
    }

    @Test
    void aSuspensionWithNoHandlerEndsTheInvocationAsAnUnhandledSuspensionNotATrap() {
        UnhandledSuspension u = assertThrows(UnhandledSuspension.class, () -> inst.function("suspend-t0").call());
        assertEquals("unhandled tag", u.getMessage());
        assertSame(inst.export("t0"), u.tag());
        assertThrows(UnhandledSuspension.class, () -> inst.function("unhandled-in-cont").call());
        assertEquals(5, call1(inst, "deep", i32(5)).asInt());
    }

    @Test
    void aSuspensionThatWouldCrossAHostFrameTraps() {
        Trap t = assertThrows(Trap.class, () -> inst.function("through-host").call());
        assertEquals(TrapKind.HOST_FRAME_IN_SUSPENSION, t.kind());
        assertEquals(5, call1(inst, "deep", i32(5)).asInt());
    }

    @Test
    void exceptionsCrossContinuationBoundariesBothWays() {
        assertEquals(42, call1(inst, "catch-from-cont", i32(42)).asInt());
        WasmException x = assertThrows(WasmException.class, () -> inst.function("throw-out").call(i32(7)));
        assertEquals(7, x.payload()[0].asInt());
        assertEquals(107, call1(inst, "throw-into", i32(7)).asInt());
    }

    @Test
    void resumingAConsumedContinuationTraps() {
        Trap t = assertThrows(Trap.class, () -> inst.function("consumed-twice").call());
        assertEquals(TrapKind.CONTINUATION_ALREADY_CONSUMED, t.kind());
    }

    @Test
    void twoContinuationsPlayPingPongWithSwitch() {
        assertEquals(11, call1(inst, "pingpong", i32(10)).asInt());
        assertEquals(100_001, call1(inst, "pingpong", i32(100_000)).asInt());
    }

    @Test
    void aContinuationOfAHostFunctionRunsItAndReturnsItsResults() {
        assertEquals(42, call1(inst, "host-entry", i32(21)).asInt());
    }

    @Test
    void aTrapInsideAContinuationAbandonsTheChainAndLaterCallsStillWork() {
        Trap t = assertThrows(Trap.class, () -> inst.function("trap-in-cont").call());
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(7, call1(inst, "deep", i32(7)).asInt());
    }

    @Test
    void aContinuationMadeOnOneThreadIsResumedOnAnother() throws Exception {
        Tag e = (Tag) inst.export("e");
        Continuation.Step first = onFreshThread(() -> Continuation.of(inst.function("gen"), e).resume(i32(2)));
        Continuation.Step second = onFreshThread(() -> ((Continuation.Step.Suspended) first).next().resume());
        assertEquals(1, ((Continuation.Step.Suspended) second).payload()[0].asInt());
        Continuation.Step third = ((Continuation.Step.Suspended) second).next().resume();
        assertInstanceOf(Continuation.Step.Returned.class, third);
        assertEquals(3, call1(inst, "deep", i32(3)).asInt());
    }
}
