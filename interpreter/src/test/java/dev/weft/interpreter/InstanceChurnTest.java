package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.InstancePool.MemoryKind;
import dev.weft.interpreter.exec.Instantiator;
import dev.weft.interpreter.exec.MemoryInstance;
import dev.weft.interpreter.exec.ModuleInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 instances created and closed in a loop keep the process's resident memory flat (issue
 * 14): each fills its 64 KiB memory, so 10,000 that were never given back would be 625 MiB more
 * resident (or an OutOfMemoryError). RSS is VmRSS from /proc/self/status, sampled after a
 * warm-up of the same loop (so the JIT and the pools have their working size); see
 * {@link #assertFlat} for how the Java heap's own sizing is told apart from a leak.
 */
class InstanceChurnTest {
    static final Path STATUS = Path.of("/proc/self/status");
    static final int INSTANCES = 10_000;
    static final int WARM_UP = 1_000;
    /** Growth allowed after the warm-up: a tenth of what the loop's memories add up to. */
    static final long BOUND_KIB = INSTANCES * 64L / 10;

    static final String GUEST = """
            (module
              (memory (export "memory") 1 1)
              (data (i32.const 0) "fresh")
              (func (export "fill") (result i32)
                (i32.load8_u (i32.const 0))
                (memory.fill (i32.const 0) (i32.const 0x5A) (i32.const 65536))))
            """;

    /** A memory's worth of non-zero bytes. */
    static final byte[] FILLED = filled();

    static CompiledModule module;

    private static byte[] filled() {
        byte[] b = new byte[65536];
        java.util.Arrays.fill(b, (byte) 0x5A);
        return b;
    }

    @BeforeAll
    static void compile() throws Exception {
        module = WatTesting.compile(GUEST);
    }

    interface Cycle {
        void run() throws Exception;
    }

    /** VmRSS in KiB. */
    static long rssKib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS line in " + STATUS);
    }

    /** Java heap in use after a full collection, in KiB: what the instances left reachable. */
    static long retainedHeapKib() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    /** Java heap committed, in KiB: the collector grows it for garbage too, leak or not. */
    static long committedHeapKib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
    }

    /**
     * Runs the warm-up, then {@link #INSTANCES} cycles, and checks two things over the latter:
     * the resident memory outside the Java heap (VmRSS less the committed heap, the highest of
     * samples every 500 cycles: where mapped memories live) and the heap still in use after a
     * full collection (where heap memories would stay if kept) grow by less than {@link #BOUND_KIB}.
     * VmRSS alone would also count the young generation the collector sizes up for the garbage
     * of 10,000 instantiations (about 190 MiB in a trial run with fresh heap memories), which
     * is reused, not leaked.
     */
    private static void assertFlat(String what, Cycle cycle) throws Exception {
        assumeTrue(Files.isReadable(STATUS), STATUS + " is absent: RSS cannot be sampled on this system");
        for (int i = 0; i < WARM_UP; i++) {
            cycle.run();
        }
        long heapBefore = retainedHeapKib();
        long rssBefore = rssKib();
        long outsideBefore = rssBefore - committedHeapKib();
        long outsideMost = outsideBefore;
        long rssMost = rssBefore;
        for (int i = 0; i < INSTANCES; i++) {
            cycle.run();
            if (i % 500 == 499) {
                long rss = rssKib();
                rssMost = Math.max(rssMost, rss);
                outsideMost = Math.max(outsideMost, rss - committedHeapKib());
            }
        }
        long heapGrowth = retainedHeapKib() - heapBefore;
        long outsideGrowth = outsideMost - outsideBefore;
        System.out.println(what + ": VmRSS " + rssBefore + " KiB after the warm-up, at most " + rssMost
                + " KiB over " + INSTANCES + " instances; outside the heap +" + outsideGrowth
                + " KiB, heap retained +" + heapGrowth + " KiB");
        assertTrue(outsideGrowth < BOUND_KIB, what + ": resident memory outside the Java heap grew by " + outsideGrowth
                + " KiB over " + INSTANCES + " instances (bound " + BOUND_KIB + " KiB)");
        assertTrue(heapGrowth < BOUND_KIB, what + ": the Java heap retained " + heapGrowth + " KiB more after "
                + INSTANCES + " instances (bound " + BOUND_KIB + " KiB)");
    }

    private static void use(Instance inst) {
        assertEquals('f', inst.function("fill").call()[0].asInt(), "a fresh memory holds the data segment");
    }

    @Test
    void freshInstances() throws Exception {
        Linker linker = new Linker();
        assertFlat("fresh instances", () -> {
            try (Instance inst = linker.instantiate(module)) {
                use(inst);
            }
        });
    }

    @Test
    void freshInstancesWithMappedMemories() throws Exception {
        assertFlat("fresh instances, mapped memories", () -> {
            ModuleInstance state = Instantiator.instantiate(module.validated(), module.functions(), List.of(), null,
                    ResourceLimits.NONE, (index, type, limitPages) -> MemoryInstance.create(type, limitPages, true));
            try {
                assertTrue(state.memory(0).isMapped());
                assertEquals('f', state.memory(0).readInt(0) & 0xFF, "a fresh memory holds the data segment");
                state.memory(0).write(0, FILLED);
            } finally {
                state.close();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(MemoryKind.class)
    void pooledInstances(MemoryKind kind) throws Exception {
        try (InstancePool pool = InstancePool.create(new Linker(), module, 4, kind)) {
            assertFlat("pooled instances, " + kind + " memories", () -> {
                try (Instance inst = pool.acquire()) {
                    use(inst);
                }
            });
        }
    }
}
