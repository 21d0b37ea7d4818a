package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.ast.NumType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host functions that suspend their caller or resume a continuation ({@link HostControl}). */
class HostControlTest {
    private static final CompositeType.Func I_I = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I32));
    private static final CompositeType.Func I_L = new CompositeType.Func(List.of(NumType.I32), List.of(NumType.I64));

    /** A Wasm generator whose yields are host calls: {@code gen(n)} yields 1..n, summing what it is resumed with. */
    private static final String GENERATOR = """
            (module
              (import "host" "yield" (func $yield (param i32) (result i32)))
              (func (export "gen") (param $n i32) (result i32)
                (local $i i32) (local $got i32)
                (loop $l
                  (local.set $i (i32.add (local.get $i) (i32.const 1)))
                  (local.set $got (i32.add (local.get $got) (call $yield (local.get $i))))
                  (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                (local.get $got))
              (func (export "gen_tail") (param $v i32) (result i32)
                (return_call $yield (local.get $v))))
            """;

    private final Tag yieldTag = Tag.create(I_I);

    private Linker linkerWithYield() {
        return new Linker().define("host", "yield", HostFunction.switching(I_I, (caller, args) -> HostControl.suspend(yieldTag, args[0])));
    }

    @Test
    void aHostFunctionSuspendsItsCallerAndReturnsTheResumeValues() throws Exception {
        Instance inst = WatTesting.instantiate(linkerWithYield(), GENERATOR);
        List<Integer> seen = new ArrayList<>();
        Continuation.Step step = Continuation.of(inst.function("gen"), yieldTag).resume(i32(5));
        while (step instanceof Continuation.Step.Suspended s) {
            assertEquals(yieldTag, s.tag());
            int v = s.payload()[0].asInt();
            seen.add(v);
            step = s.next().resume(i32(10 * v));
        }
        assertEquals(List.of(1, 2, 3, 4, 5), seen);
        assertEquals(150, assertInstanceOf(Continuation.Step.Returned.class, step).values()[0].asInt());
    }

    @Test
    void aTailCallToTheHostFunctionSuspendsToo() throws Exception {
        Instance inst = WatTesting.instantiate(linkerWithYield(), GENERATOR);
        Continuation.Step step = Continuation.of(inst.function("gen_tail"), yieldTag).resume(i32(7));
        Continuation.Step.Suspended s = assertInstanceOf(Continuation.Step.Suspended.class, step);
        assertEquals(7, s.payload()[0].asInt());
        assertEquals(42, assertInstanceOf(Continuation.Step.Returned.class, s.next().resume(i32(42))).values()[0].asInt());
    }

    /**
     * Wasm drives a generator through a host "resume" import: {@code drive(n)} resumes until the
     * generator returns and sums the yielded values; 100,000 switches each way, no Java recursion.
     */
    @Test
    void aHostFunctionResumesAContinuationAndMapsItsOutcomeToItsResults() throws Exception {
        Instance gen = WatTesting.instantiate(linkerWithYield(), GENERATOR);
        Continuation[] current = new Continuation[1];
        int[] returned = new int[1];
        HostFunction.Switching resume = (caller, args) -> HostControl.resume(current[0], new Value[] {args[0]}, step -> {
            if (step instanceof Continuation.Step.Suspended s) {
                current[0] = s.next();
                return new Value[] {s.payload()[0]};
            }
            returned[0] = ((Continuation.Step.Returned) step).values()[0].asInt();
            current[0] = null;
            return new Value[] {i32(0)};
        });
        Instance driver = WatTesting.instantiate(new Linker().define("host", "resume", HostFunction.switching(I_I, resume)), """
                (module
                  (import "host" "resume" (func $resume (param i32) (result i32)))
                  (func (export "drive") (param $n i32) (result i32)
                    (local $sum i32) (local $v i32)
                    (local.set $v (call $resume (local.get $n)))
                    (block $done
                      (loop $l
                        (br_if $done (i32.eqz (local.get $v)))
                        (local.set $sum (i32.add (local.get $sum) (local.get $v)))
                        (local.set $v (call $resume (i32.const 1)))
                        (br $l)))
                    (local.get $sum)))
                """);
        int n = 100_000;
        current[0] = Continuation.of(gen.function("gen"), yieldTag);
        assertEquals((int) ((long) n * (n + 1) / 2), WatTesting.call1(driver, "drive", i32(n)).asInt());
        assertEquals(n, returned[0]);
    }

    @Test
    void anExceptionLeavingTheResumedContinuationIsThrownAtTheHostCallSite() throws Exception {
        Instance thrower = WatTesting.instantiate("""
                (module
                  (tag $boom (export "boom") (param i32))
                  (func (export "body") (param i32) (result i32) (throw $boom (local.get 0))))
                """);
        Continuation k = Continuation.of(thrower.function("body"), yieldTag);
        Linker linker = new Linker().define("t", "boom", thrower.export("boom"))
                .define("host", "resume", HostFunction.switching(I_I, (caller, args) -> HostControl.resume(k, args, step -> {
                    throw new AssertionError("the callback must not run when an exception leaves the continuation");
                })));
        Instance driver = WatTesting.instantiate(linker, """
                (module
                  (import "t" "boom" (tag $boom (param i32)))
                  (import "host" "resume" (func $resume (param i32) (result i32)))
                  (func (export "drive") (result i32)
                    (block $caught (result i32)
                      (try_table (catch $boom $caught)
                        (drop (call $resume (i32.const 9))))
                      (i32.const -1))))
                """);
        assertEquals(9, WatTesting.call1(driver, "drive").asInt());
    }

    /** The bottom frame of a continuation resumed from Wasm tail-calls a plain host function: the continuation returns its results. */
    @Test
    void aContinuationWhoseBottomFrameTailCallsAHostFunctionReturnsItsResults() throws Exception {
        Linker linker = new Linker().define("host", "twice", HostFunction.of(I_I, args -> new Value[] {i32(2 * args[0].asInt())}));
        Instance inst = WatTesting.instantiate(linker, """
                (module
                  (import "host" "twice" (func $twice (param i32) (result i32)))
                  (type $f (func (param i32) (result i32)))
                  (type $ct (cont $f))
                  (elem declare func $body)
                  (func $body (param i32) (result i32) (return_call $twice (local.get 0)))
                  (func (export "main") (result i32)
                    (i32.add (i32.const 1)
                      (resume $ct (i32.const 20) (cont.new $ct (ref.func $body))))))
                """);
        assertEquals(41, WatTesting.call1(inst, "main").asInt());
    }

    @Test
    void aSuspendToATagWhoseResultsDifferFromTheFunctionsTraps() throws Exception {
        Tag wrong = Tag.create(I_L);
        Linker linker = new Linker().define("host", "yield", HostFunction.switching(I_I,
                (caller, args) -> HostControl.suspend(wrong, args[0])));
        Instance inst = WatTesting.instantiate(linker, GENERATOR);
        Trap t = assertThrows(Trap.class, () -> Continuation.of(inst.function("gen"), wrong).resume(i32(1)));
        assertTrue(t.getMessage().contains("cannot suspend to a tag"), t.getMessage());
    }

    @Test
    void aRequestWithoutAWasmCallerTraps() {
        WasmFunction f = HostFunction.switching(I_I, (caller, args) -> HostControl.suspend(yieldTag, args[0]));
        Trap t = assertThrows(Trap.class, () -> f.call(i32(1)));
        assertTrue(t.getMessage().contains("called from Wasm"), t.getMessage());
    }

    @Test
    void aHostSuspensionWithNoHandlerIsAnUnhandledSuspension() throws Exception {
        Instance inst = WatTesting.instantiate(linkerWithYield(), GENERATOR);
        assertThrows(UnhandledSuspension.class, () -> inst.function("gen").call(i32(1)));
        // the thread's state is clean afterwards: a normal run still works
        Continuation.Step step = Continuation.of(inst.function("gen"), yieldTag).resume(i32(1));
        assertEquals(1, assertInstanceOf(Continuation.Step.Suspended.class, step).payload()[0].asInt());
    }

    /** A switching host function that ends a call with values behaves as a plain one, called or tail-called. */
    @Test
    void aSwitchingHostFunctionMayEndACallWithValues() throws Exception {
        Linker linker = new Linker().define("host", "yield", HostFunction.switching(I_I,
                (caller, args) -> HostControl.values(i32(args[0].asInt() + 100))));
        Instance inst = WatTesting.instantiate(linker, GENERATOR);
        assertEquals(101 + 102 + 103, WatTesting.call1(inst, "gen", i32(3)).asInt());
        assertEquals(107, WatTesting.call1(inst, "gen_tail", i32(7)).asInt());
        WasmFunction f = (WasmFunction) linker.lookup("host", "yield");
        assertEquals(101, f.call(i32(1))[0].asInt(), "called from Java, values are fine");
    }

    @Test
    void aRequestNotMadeByHostControlTraps() throws Exception {
        HostControl.Request forged = new HostControl.Request() {};
        Linker linker = new Linker().define("host", "yield", HostFunction.switching(I_I, (caller, args) -> forged));
        Instance inst = WatTesting.instantiate(linker, GENERATOR);
        Trap t = assertThrows(Trap.class, () -> inst.function("gen").call(i32(1)));
        assertTrue(t.getMessage().contains("not made by HostControl"), t.getMessage());
    }

    @Test
    void aSwitchingHostFunctionReturningNullTraps() throws Exception {
        Linker linker = new Linker().define("host", "yield", HostFunction.switching(I_I, (caller, args) -> null));
        Instance inst = WatTesting.instantiate(linker, GENERATOR);
        Trap t = assertThrows(Trap.class, () -> inst.function("gen").call(i32(1)));
        assertEquals(TrapKind.HOST, t.kind());
    }
}
