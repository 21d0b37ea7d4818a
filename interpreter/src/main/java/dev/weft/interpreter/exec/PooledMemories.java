package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.MemoryType;
import dev.weft.stackpool.MemoryPool;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The memories of an {@code InstancePool}: for each memory the module defines, storage for as
 * many instances as the pool holds, handed to each new instance and taken back, reset, when it
 * closes. Mapped: a {@link MemoryPool} of its own per memory, every slot reserved up front, a
 * slot reset with {@code madvise} on release (no copy). Heap: the arrays of closed instances,
 * zeroed over the part that was in use and kept for the next one (created as needed, up to one
 * per instance; an array larger than {@link #KEEP_BYTES} and the memory's initial size is left
 * to the collector instead). Thread-safe.
 */
public final class PooledMemories implements MemoryAllocator, AutoCloseable {
    /** The largest array (beyond a memory's initial size) kept for reuse: 1 MiB. */
    public static final long KEEP_BYTES = 1 << 20;

    private final boolean mapped;
    /** Mapped: per defined memory, its pool. */
    private final MemoryPool[] pools;
    /** Heap: per defined memory, zeroed arrays ready for reuse (guarded by the deque). */
    private final ArrayDeque<byte[]>[] spare;
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    private PooledMemories(boolean mapped, int memories) {
        this.mapped = mapped;
        this.pools = new MemoryPool[mapped ? memories : 0];
        this.spare = new ArrayDeque[mapped ? 0 : memories];
        for (int i = 0; i < spare.length; i++) {
            spare[i] = new ArrayDeque<>();
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
            return MemoryInstance.inPool(type, limitPages, pools[index]);
        }
        byte[] array;
        synchronized (spare[index]) {
            array = spare[index].pollLast();
        }
        long keep = Math.max(type.limits().min() * MemoryInstance.PAGE_SIZE, KEEP_BYTES);
        return MemoryInstance.onArray(type, limitPages, array, (back, written) -> recycle(index, back, written, keep));
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
