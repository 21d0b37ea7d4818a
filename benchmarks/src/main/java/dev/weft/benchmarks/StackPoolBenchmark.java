package dev.weft.benchmarks;

import dev.weft.stackpool.PoolConfig;
import dev.weft.stackpool.PoolMode;
import dev.weft.stackpool.StackPool;
import dev.weft.stackpool.StackSlot;
import dev.weft.stackpool.internal.NativeMmap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * What pooling buys for continuation stacks: one thread acquiring and releasing a 64 KiB slot
 * (the default {@link PoolConfig}) from a {@link StackPool} in each {@link PoolMode}, and what a
 * first touch of a freshly reset slot costs (one long written into each 4 KiB page).
 *
 * <ul>
 *   <li>{@code acquireRelease}: acquire, release reporting 0 bytes used.</li>
 *   <li>{@code acquireReleaseTwoThreads}: the same from two threads sharing one pool, for
 *       the cost of contention on the lock-free free list (time per op per thread).</li>
 *   <li>{@code acquireWriteRelease}: acquire, write one long, release reporting 8 bytes used;
 *       unpooled, that write is a page fault on fresh memory.</li>
 *   <li>{@code touchFreshSlot}: write one long into each page of a slot that was just reset
 *       (NATIVE: madvise'd, HEAP: cleared, UNPOOLED: newly mapped); acquire and reset happen in
 *       a per-invocation setup and are not measured.</li>
 *   <li>{@code touchWarmSlot}: the same writes into a slot whose pages are resident, the
 *       baseline for {@code touchFreshSlot}.</li>
 *   <li>{@code unpooledPartMmap} and {@code unpooledPartSharedArena}: the two parts of an
 *       UNPOOLED acquire/release, measured apart: mmap + mprotect + munmap of one guarded
 *       slot, and opening and closing the shared arena that makes a released slot's segment
 *       throw instead of crash.</li>
 * </ul>
 *
 * <p>Results and the command line are in {@code stackpool/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StackPoolBenchmark {
    private static final int PAGE = 4096;

    /** A pool in the mode under test, with the default resident threshold. */
    @State(Scope.Thread)
    public static class Pool {
        @Param({"NATIVE", "HEAP", "UNPOOLED"})
        public PoolMode mode;
        StackPool pool;

        @Setup(Level.Trial)
        public void open() {
            pool = StackPool.create(PoolConfig.defaults().withMode(mode));
            pool.release(pool.acquire(), 0);
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** One pool shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class SharedPool {
        @Param({"NATIVE", "HEAP", "UNPOOLED"})
        public PoolMode mode;
        StackPool pool;

        @Setup(Level.Trial)
        public void open() {
            pool = StackPool.create(PoolConfig.defaults().withMode(mode));
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** A slot that was reset just before each invocation; nothing is kept resident. */
    @State(Scope.Thread)
    public static class FreshSlot {
        @Param({"NATIVE", "HEAP", "UNPOOLED"})
        public PoolMode mode;
        StackPool pool;
        StackSlot slot;

        @Setup(Level.Trial)
        public void open() {
            pool = StackPool.create(PoolConfig.defaults().withMode(mode).withResidentThreshold(0));
            slot = pool.acquire();
        }

        @Setup(Level.Invocation)
        public void reset() {
            pool.release(slot);
            slot = pool.acquire();
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    /** A slot whose pages are all resident. */
    @State(Scope.Thread)
    public static class WarmSlot {
        StackPool pool;
        StackSlot slot;

        @Setup(Level.Trial)
        public void open() {
            pool = StackPool.create();
            slot = pool.acquire();
            slot.segment().fill((byte) 1);
        }

        @TearDown(Level.Trial)
        public void close() {
            pool.close();
        }
    }

    @Benchmark
    public int acquireRelease(Pool p) {
        StackSlot slot = p.pool.acquire();
        p.pool.release(slot, 0);
        return slot.index();
    }

    @Benchmark
    @Threads(2)
    public int acquireReleaseTwoThreads(SharedPool p) {
        StackSlot slot = p.pool.acquire();
        p.pool.release(slot, 0);
        return slot.index();
    }

    @Benchmark
    public int acquireWriteRelease(Pool p) {
        StackSlot slot = p.pool.acquire();
        slot.segment().set(JAVA_LONG, 0, 42L);
        p.pool.release(slot, Long.BYTES);
        return slot.index();
    }

    @Benchmark
    public long touchFreshSlot(FreshSlot f) {
        return touchEveryPage(f.slot.segment());
    }

    @Benchmark
    public long touchWarmSlot(WarmSlot w) {
        return touchEveryPage(w.slot.segment());
    }

    @Benchmark
    public long unpooledPartMmap() {
        long guard = PoolConfig.DEFAULT_GUARD_SIZE;
        long slot = PoolConfig.DEFAULT_SLOT_SIZE;
        long bytes = guard + slot + guard;
        long base = NativeMmap.reserve(bytes);
        NativeMmap.protect(base + guard, slot, NativeMmap.PROT_READ_WRITE);
        NativeMmap.unmap(base, bytes);
        return base;
    }

    @Benchmark
    public boolean unpooledPartSharedArena() {
        Arena arena = Arena.ofShared();
        arena.close();
        return arena.scope().isAlive();
    }

    private static long touchEveryPage(MemorySegment segment) {
        long size = segment.byteSize();
        for (long offset = 0; offset < size; offset += PAGE) {
            segment.set(JAVA_LONG, offset, offset);
        }
        return size;
    }
}
