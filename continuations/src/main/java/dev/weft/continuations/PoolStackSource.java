package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;
import dev.weft.stackpool.StackPool;
import dev.weft.stackpool.StackSlot;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stacks backed by a {@link StackPool}: one slot per stack (guard-paged in native modes). The
 * {@link ContStack} object made for a slot is kept with the free slot ({@link StackSlot#keep})
 * and handed out again with it, so a {@code cont.new} on a warm pool allocates nothing. Every
 * acquire and release goes to the shared pool; put a {@link CachingStackSource} in front of it
 * per thread to keep the pool's atomics off the hot path.
 *
 * <p>Reclaiming: each stack object is registered once with a {@link Cleaner} (a
 * {@link SlotLease}). The source holds a stack only while it is free, so a stack in use is
 * reachable only from the stack chain or from the {@link ContRef} that owns it; when an
 * unreachable suspended continuation is collected, its stacks' slots return to the pool on the
 * Cleaner thread (and {@link #reclaimed()} counts them). Nothing is registered per
 * continuation or per suspension.
 *
 * <p>The reference side array of each stack is the stack object's own, not the slot's
 * {@link StackSlot#refs()}, so the pool never holds guest references: a suspended continuation
 * kept only by another unreachable one's stack memory is collectable too.
 *
 * <p>Thread-safe: several models on several threads may share one source, and the Cleaner
 * thread releases slots concurrently.
 */
public final class PoolStackSource implements StackSource {
    private static final Cleaner CLEANER = Cleaner.create();

    private final StackPool pool;
    private final StackFactory factory;
    private final AtomicLong reclaimed = new AtomicLong();
    private final int refsLength;

    /**
     * A source over {@code pool}, making stack objects with {@code factory}. The pool is
     * not closed by this source.
     */
    public PoolStackSource(StackPool pool, StackFactory factory) {
        this.pool = pool;
        this.factory = factory;
        this.refsLength = (int) (pool.config().slotSize() / Long.BYTES);
    }

    /** A source over {@code pool} making plain {@link ContStack}s. */
    public PoolStackSource(StackPool pool) {
        this(pool, StackFactory.PLAIN);
    }

    /**
     * {@inheritDoc}
     *
     * @throws dev.weft.stackpool.PoolExhaustedException when the pool has no free slot
     */
    @Override
    public ContStack acquire() {
        StackSlot slot = pool.acquire();
        ContStack stack = (ContStack) slot.kept();
        slot.keep(null); // while handed out, only the chain or its ContRef may hold the stack
        if (stack == null || stack.segment() != slot.segment()) {
            // first use of the slot, its last stack was reclaimed, or UNPOOLED mapped fresh memory
            stack = newStack(slot);
        }
        ((SlotLease) stack.memoryHandle).inUse = true;
        return stack;
    }

    private ContStack newStack(StackSlot slot) {
        SlotLease lease = new SlotLease(pool, slot, reclaimed);
        ContStack stack = factory.create(slot.segment(), new Object[refsLength], lease);
        CLEANER.register(stack, lease);
        return stack;
    }

    @Override
    public void release(ContStack stack) {
        SlotLease lease = (SlotLease) stack.memoryHandle;
        long used = stack.clearUsedRefs();
        lease.inUse = false;
        lease.slot.keep(stack);
        pool.release(lease.slot, used); // clears the segment over the same bytes
    }

    @Override
    public long reclaimed() {
        return reclaimed.get();
    }

    @Override
    public PoolStats stats() {
        return pool.stats();
    }

    /** The pool behind this source. */
    public StackPool pool() {
        return pool;
    }
}
