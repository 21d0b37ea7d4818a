package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InstancePool.MemoryKind;
import dev.weft.stackpool.PoolExhaustedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link InstancePool}: fresh state on every acquire, exhaustion, closing, threads (issue 14). */
class InstancePoolTest {
    /**
     * Its start function counts starts in a global; {@code dirty} changes everything an instance
     * owns: memory (data segment, a far byte, a grown page), globals and a table slot.
     */
    static final String GUEST = """
            (module
              (memory (export "memory") 1 4)
              (data (i32.const 0) "fresh")
              (global $g (export "g") (mut i32) (i32.const 7))
              (global $starts (export "starts") (mut i32) (i32.const 0))
              (table $t (export "t") 2 funcref)
              (func $seven (result i32) (i32.const 7))
              (elem (i32.const 0) $seven)
              (func $start (global.set $starts (i32.add (global.get $starts) (i32.const 1))))
              (start $start)
              (func (export "dirty")
                (i32.store8 (i32.const 0) (i32.const 88))
                (i32.store (i32.const 65532) (i32.const -1))
                (drop (memory.grow (i32.const 1)))
                (i32.store (i32.const 70000) (i32.const 5))
                (global.set $g (i32.const 99))
                (table.set $t (i32.const 0) (ref.null func))
                (table.set $t (i32.const 1) (ref.func $seven)))
              (func (export "call0") (result i32) (call_indirect (result i32) (i32.const 0))))
            """;

    private static InstancePool pool(int size, MemoryKind kind) throws Exception {
        return InstancePool.create(new Linker(), WatTesting.compile(GUEST), size, kind);
    }

    private static void assertFresh(Instance inst) {
        Memory m = inst.memory("memory");
        assertEquals(1, m.pages());
        assertEquals("fresh", m.readString(0, 5));
        assertEquals(0, m.readInt(65532));
        assertEquals(7, inst.global("g").get().asInt());
        assertEquals(1, inst.global("starts").get().asInt(), "the start function ran once");
        assertNull(inst.table("t").get(1));
        assertEquals(7, WatTesting.call1(inst, "call0").asInt());
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void anInstanceThatDirtiedItsStateIsFreshOnTheNextAcquire(MemoryKind kind) throws Exception {
        try (InstancePool pool = pool(1, kind)) {
            for (int round = 0; round < 3; round++) {
                Instance inst = pool.acquire();
                assertFresh(inst);
                inst.function("dirty").call();
                assertEquals(2, inst.memory("memory").pages());
                assertEquals(5, inst.memory("memory").readInt(70000));
                assertEquals(99, inst.global("g").get().asInt());
                inst.close();
                assertEquals(0, pool.inUse());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void theNextInstanceReusesTheMemoryOfTheClosedOne(MemoryKind kind) throws Exception {
        try (InstancePool pool = pool(2, kind)) {
            Instance first = pool.acquire();
            Object storage = storage(first.memory("memory"), kind);
            first.memory("memory").write(1000, new byte[] {1, 2, 3});
            first.close();
            Instance second = pool.acquire();
            if (kind == MemoryKind.HEAP) {
                assertSame(storage, storage(second.memory("memory"), kind));
            } else {
                assertEquals(storage, storage(second.memory("memory"), kind));
            }
            assertEquals(0, second.memory("memory").readInt(1000), "reset, not carried over");
            Instance third = pool.acquire();
            assertNotEquals(storage(second.memory("memory"), kind), storage(third.memory("memory"), kind));
        }
    }

    /** A heap memory's array, or a mapped memory's address. */
    private static Object storage(Memory memory, MemoryKind kind) {
        return kind == MemoryKind.HEAP ? memory.segment().heapBase().orElseThrow() : memory.segment().address();
    }

    @Test
    void exhaustionIsAPoolExhaustedExceptionNamingTheSizeAndClosingMakesRoom() throws Exception {
        try (InstancePool pool = pool(2, MemoryKind.HEAP)) {
            Instance a = pool.acquire();
            pool.acquire();
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, pool::acquire);
            assertEquals("instance pool exhausted: all 2 instances are in use (the pool's size,"
                    + " InstancePool.create(..., 2, ...)); close one to give it back, or create a larger pool",
                    e.getMessage());
            assertEquals(2, e.limit());
            a.close();
            a.close();
            assertEquals(1, pool.inUse(), "closing twice gives the place back once");
            assertFresh(pool.acquire());
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void closingThePoolClosesItsInstancesAndLaterAcquiresFail(MemoryKind kind) throws Exception {
        InstancePool pool = pool(3, kind);
        Instance a = pool.acquire();
        Instance b = pool.acquire();
        b.close();
        pool.close();
        assertTrue(a.isClosed());
        assertEquals(0, pool.inUse());
        IllegalStateException e = assertThrows(IllegalStateException.class, pool::acquire);
        assertEquals("the instance pool is closed", e.getMessage());
        assertEquals("the instance is closed",
                assertThrows(IllegalStateException.class, () -> a.function("dirty").call()).getMessage());
        a.close();
        pool.close();
    }

    @Test
    void aStartFunctionThatTrapsGivesThePlaceBack() throws Exception {
        CompiledModule trapping = WatTesting.compile("""
                (module (memory 1) (func $s (unreachable)) (start $s))""");
        try (InstancePool pool = InstancePool.create(new Linker(), trapping, 1, MemoryKind.HEAP)) {
            for (int i = 0; i < 3; i++) {
                UninstantiableException e = assertThrows(UninstantiableException.class, pool::acquire);
                assertEquals("unreachable", e.getMessage());
                assertEquals(0, pool.inUse());
            }
        }
    }

    @Test
    void importsAreResolvedWhenThePoolIsCreated() throws Exception {
        CompiledModule importing = WatTesting.compile("(module (import \"env\" \"f\" (func)))");
        UnlinkableException e = assertThrows(UnlinkableException.class,
                () -> InstancePool.create(new Linker(), importing, 1));
        assertTrue(e.getMessage().startsWith("unknown import: \"env\" \"f\""), e.getMessage());
        AtomicInteger calls = new AtomicInteger();
        Linker linker = new Linker().define("env", "f", HostFunction.of(FunctionType.of().returning(), in -> {
            calls.incrementAndGet();
            return new Value[0];
        }));
        CompiledModule caller = WatTesting.compile("""
                (module (import "env" "f" (func $f)) (func (export "go") (call $f)))""");
        try (InstancePool pool = InstancePool.create(linker, caller, 1)) {
            linker.define("env", "f", HostFunction.of(FunctionType.of().returning(), in -> new Value[0]));
            try (Instance inst = pool.acquire()) {
                inst.function("go").call();
            }
        }
        assertEquals(1, calls.get(), "the definition at creation time is used");
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void theLinkersMemoryLimitBoundsPooledMemories(MemoryKind kind) throws Exception {
        Linker linker = new Linker().limits(ResourceLimits.NONE.withMaxMemoryPages(2));
        try (InstancePool pool = InstancePool.create(linker, WatTesting.compile(GUEST), 1, kind);
                Instance inst = pool.acquire()) {
            assertEquals(1, inst.memory("memory").grow(1));
            assertEquals(-1, inst.memory("memory").grow(1));
        }
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void threadsAcquireAndCloseConcurrentlyWithoutExceedingTheSize(MemoryKind kind) throws Exception {
        int size = 3;
        try (InstancePool pool = pool(size, kind)) {
            AtomicInteger live = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            AtomicInteger exhausted = new AtomicInteger();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        Instance inst;
                        try {
                            inst = pool.acquire();
                        } catch (PoolExhaustedException e) {
                            exhausted.incrementAndGet();
                            continue;
                        }
                        most.accumulateAndGet(live.incrementAndGet(), Math::max);
                        assertFresh(inst);
                        inst.function("dirty").call();
                        live.decrementAndGet();
                        inst.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            assertTrue(most.get() <= size, "at most " + size + " live, saw " + most.get());
            assertEquals(0, pool.inUse());
            assertTrue(exhausted.get() < 1200, "some acquires succeeded");
        }
    }

    @Test
    void aDroppedInstanceGivesItsPlaceBackOnceUnreachable() throws Exception {
        try (InstancePool pool = pool(1, MemoryKind.MAPPED)) {
            acquireAndDrop(pool);
            // this thread's interpreter keeps a reference to the instance it ran last (here the
            // dropped one's start function) until it runs another: run another
            WatTesting.instantiate("(module (func $s) (start $s))");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (pool.inUse() > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(10);
            }
            assertEquals(0, pool.inUse());
            try (Instance again = pool.acquire()) {
                assertFresh(again);
            }
        }
    }

    private static void acquireAndDrop(InstancePool pool) throws Exception {
        pool.acquire().memory("memory").writeInt(0, 1);
    }
}
