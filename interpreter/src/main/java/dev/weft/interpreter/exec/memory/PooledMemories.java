package dev.weft.interpreter.exec.memory;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.MemoryType;
import dev.weft.stackpool.MemoryPool;
import dev.weft.stackpool.MemorySlot;
import dev.weft.stackpool.PoolExhaustedException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The memories of an {@code InstancePool}: for each memory the module defines, storage for as
 * many instances as the pool holds, handed to each new instance and taken back, reset, when it
 * closes. Mapped: a {@link MemoryPool} of its own per memory, every slot reserved up front; a
 * closed instance's slot is reset in place ({@link MemoryPool#reset}: a memset of the first
 * {@link #KEEP_BYTES} (or the initial size, if larger) of what was committed, which stay
 * resident, and {@code madvise} of the rest; no copy) and kept for the next instance. Heap: the
 * arrays of closed instances, zeroed over the part that was in use and kept for the next one
 * (created as needed, up to one per instance; an array larger than {@link #KEEP_BYTES} and the
 * memory's initial size is left to the collector instead). Either way a segment an embedder
 * took of a closed instance's memory sees the next instance's. Thread-safe.
 */
public final class PooledMemories implements MemoryAllocator, AutoCloseable {
    /** The largest array (beyond a memory's initial size) kept for reuse: 1 MiB. */
    public static final long KEEP_BYTES = 1 << 20;

    private final boolean mapped;
    /** Mapped: per defined memory, its pool. */
    private final MemoryPool[] pools;
    /** Mapped: per defined memory, slots reset for reuse (guarded by the deque). */
    private final ArrayDeque<MemorySlot>[] spareSlots;
    /** Heap: per defined memory, zeroed arrays ready for reuse (guarded by the deque). */
    private final ArrayDeque<byte[]>[] spare;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    private PooledMemories(boolean mapped, int memories) {
        this.mapped = mapped;
        this.pools = new MemoryPool[mapped ? memories : 0];
        this.spare = new ArrayDeque[mapped ? 0 : memories];
        this.spareSlots = new ArrayDeque[mapped ? memories : 0];
        for (int i = 0; i < spare.length; i++) {
            spare[i] = new ArrayDeque<>();
        }
        for (int i = 0; i < spareSlots.length; i++) {
            spareSlots[i] = new ArrayDeque<>();
        }
    }

    /**
     * Storage for {@code instances} instances whose own memories are {@code defined}, limited to
     * {@code limitPages} pages per memory (negative: no limit); {@code mapped} or on the heap.
     *
     * @throws dev.weft.stackpool.PoolExhaustedException if the address space for the mapped
     *                                                   slots cannot be reserved
     */
    public static PooledMemories create(List<MemoryType> defined, long limitPages, int instances, boolean mapped) {
        PooledMemories p = new PooledMemories(mapped, defined.size());
        try {
            for (int i = 0; i < p.pools.length; i++) {
                p.pools[i] = MappedMemories.dedicatedPool(MemoryInstance.reservation(defined.get(i), limitPages), instances);
            }
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** True if the memories are mapped slots, false if heap arrays. */
    public boolean isMapped() {
        return mapped;
    }

    @Override
    public MemoryInstance allocate(int index, MemoryType type, long limitPages) {
        if (closed) {
            throw new IllegalStateException("the pooled memories are closed");
        }
        if (mapped) {
            return inSlot(index, type, limitPages);
        }
        byte[] array;
        synchronized (spare[index]) {
            array = spare[index].pollLast();
        }
        long keep = Math.max(type.limits().min() * MemoryInstance.PAGE_SIZE, KEEP_BYTES);
        return MemoryInstance.onArray(type, limitPages, array, (back, written) -> recycle(index, back, written, keep));
    }

    /**
     * A mapped memory in a slot reset by an earlier instance, or a new one of the memory's pool;
     * when neither is free (instances dropped unclosed hold them), it waits for the Cleaner as
     * {@link MappedMemories#acquire(MemoryPool, long)} does.
     */
    private MemoryInstance inSlot(int index, MemoryType type, long limitPages) {
        long initial = type.limits().min() * MemoryInstance.PAGE_SIZE;
        MemorySlot held;
        try {
            held = MappedMemories.acquire(pools[index], () -> {
                synchronized (spareSlots[index]) {
                    MemorySlot spare = spareSlots[index].pollLast();
                    return spare != null ? spare : pools[index].acquire(initial);
                }
            });
        } catch (PoolExhaustedException | IllegalArgumentException e) {
            throw new Trap(TrapKind.RESOURCE_EXHAUSTED, "memory of " + type.limits().min() + " pages: " + e.getMessage());
        }
        return MemoryInstance.inSlot(type, limitPages, held, () -> recycle(index, held, initial));
    }

    /**
     * Resets {@code slot} in place for the next instance (memset of what stays resident, up to
     * {@link #KEEP_BYTES} and the initial size, {@code madvise} of the rest: no arena to close, no
     * {@code mprotect}) and keeps it; after {@link #close}, or if it cannot be reset, it goes back
     * to its pool instead.
     */
    private void recycle(int index, MemorySlot slot, long initial) {
        MemoryPool pool = pools[index];
        synchronized (spareSlots[index]) {
            if (!closed) {
                try {
                    pool.reset(slot, initial, Math.max(initial, KEEP_BYTES));
                    spareSlots[index].addLast(slot);
                    return;
                } catch (RuntimeException e) {
                    // give it back below
                }
            }
        }
        try {
            pool.release(slot);
        } catch (IllegalStateException closedPool) {
            // the pool was closed: its memory is unmapped already
        }
    }

    private void recycle(int index, byte[] array, long written, long keep) {
        if (closed || array.length > keep) {
            return;
        }
        Arrays.fill(array, 0, (int) written, (byte) 0);
        synchronized (spare[index]) {
            spare[index].addLast(array);
        }
    }

    /** Unmaps the mapped slots (memories still in use throw on access) and drops the kept arrays. Idempotent. */
    @Override
    public void close() {
        for (ArrayDeque<MemorySlot> d : spareSlots) {
            synchronized (d) {
                closed = true;
                d.clear();
            }
        }
        closed = true;
        for (MemoryPool pool : pools) {
            if (pool != null) {
                pool.close();
            }
        }
        for (ArrayDeque<byte[]> d : spare) {
            synchronized (d) {
                d.clear();
            }
        }
    }
}
