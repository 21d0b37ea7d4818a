package dev.weft.interpreter.exec;

import dev.weft.continuations.CachingStackSource;
import dev.weft.continuations.PoolStackSource;
import dev.weft.continuations.StackSource;
import dev.weft.stackpool.PoolConfig;
import dev.weft.stackpool.PoolMode;
import dev.weft.stackpool.StackPool;
import java.util.Locale;

/**
 * The process-wide {@link StackPool} that every continuation stack (and every barrier stack of
 * an embedder call) comes from, through one {@link PoolStackSource}, and the per-thread source
 * in front of it. The system property {@value #PROPERTY} picks the pool's mode:
 *
 * <ul>
 *   <li>{@code heap} (default): {@link PoolMode#HEAP} slots of {@link ExecStack#INITIAL_SLOTS}
 *       {@code long}s, which {@link ExecStack} uses as its value array directly; up to
 *       {@link #HEAP_MAX_SLOTS} slots, created region by region, so in practice the Java heap
 *       is the limit (about 2 KiB per suspended continuation).
 *   <li>{@code native}: {@link PoolMode#NATIVE} guard-paged mmap'd slots of one page. The loop
 *       reads arrays, so each stack copies into its own {@code long[]} and the native slot only
 *       stands for the stack; and each slot is two kernel mappings, so the default
 *       {@code vm.max_map_count} allows about 32,000 at once ({@link PoolConfig#DEFAULT_MAX_SLOTS}
 *       is the limit).
 *   <li>{@code unpooled}: {@link PoolMode#UNPOOLED}, native memory mapped on every acquire and
 *       unmapped on every release, with no per-thread cache: for measuring what pooling buys.
 * </ul>
 *
 * <p>In the pooled modes each thread keeps a {@link CachingStackSource} of up to
 * {@link #THREAD_CACHE} released stacks, so continuations created and finished one after another
 * take no atomic operation; the pool counts cached stacks as in use.
 */
public final class SharedStacks {
    /** The system property that selects the pool mode. */
    public static final String PROPERTY = "weft.stackPool";
    /** Slot limit of the heap pool: 16,777,216 (the heap runs out first). */
    static final int HEAP_MAX_SLOTS = 1 << 24;
    /** Released stacks each thread keeps for reuse. */
    static final int THREAD_CACHE = 32;

    private static volatile PoolStackSource shared;

    private SharedStacks() {}

    /** The mode of the process-wide pool (made now if it does not exist yet). */
    public static PoolMode mode() {
        return shared().pool().mode();
    }

    /** A new source for one thread's model: the thread's cache over the shared pool (the pool itself when unpooled). */
    static StackSource forThread() {
        PoolStackSource pool = shared();
        return pool.pool().mode() == PoolMode.UNPOOLED ? pool : new CachingStackSource(pool, THREAD_CACHE);
    }

    /** The process-wide source, made on first use from {@value #PROPERTY}. */
    static PoolStackSource shared() {
        PoolStackSource s = shared;
        if (s == null) {
            synchronized (SharedStacks.class) {
                s = shared;
                if (s == null) {
                    s = shared = new PoolStackSource(StackPool.create(config(mode(System.getProperty(PROPERTY)))),
                            ExecStack::new);
                }
            }
        }
        return s;
    }

    /**
     * The mode a value of {@value #PROPERTY} names (null: the default, heap).
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static PoolMode mode(String value) {
        if (value == null) {
            return PoolMode.HEAP;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "heap" -> PoolMode.HEAP;
            case "native" -> PoolMode.NATIVE;
            case "unpooled" -> PoolMode.UNPOOLED;
            default -> throw new IllegalArgumentException("system property " + PROPERTY + " = \"" + value
                    + "\" is not a stack pool mode: use heap (the default), native or unpooled");
        };
    }

    /** The pool configuration for {@code mode}. */
    static PoolConfig config(PoolMode mode) {
        PoolConfig defaults = PoolConfig.defaults().withMode(mode);
        if (mode == PoolMode.HEAP) {
            return defaults.withSlotSize(ExecStack.INITIAL_SLOTS * (long) Long.BYTES).withMaxSlots(HEAP_MAX_SLOTS);
        }
        return defaults.withSlotSize(4096);
    }
}
