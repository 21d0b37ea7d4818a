package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;
import dev.weft.stackpool.StackPool;
import dev.weft.stackpool.StackSlot;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Stacks backed by a {@link StackPool}: one guard-paged slot per stack. The {@link ContStack}
 * object made for a slot is kept with the slot and handed out again with it, so a
 * {@code cont.new} on a warm pool allocates no stack object. (In
 * {@link dev.weft.stackpool.PoolMode#UNPOOLED} mode every acquire maps new memory, so every
 * acquire makes a new stack object.)
 *
 * <p>Thread-safe: the pool is lock-free and the per-slot objects are published through an
 * atomic array, so the {@link java.lang.ref.Cleaner} thread may release stacks concurrently
 * with the thread that runs the continuations.
 */
public final class PoolStackSource implements StackSource {
    private final StackPool pool;
    private final StackFactory factory;
    private final AtomicReferenceArray<ContStack> bySlot;

    /**
     * A source over {@code pool}, making stack objects with {@code factory}. The pool is
     * not closed by this source.
     */
    public PoolStackSource(StackPool pool, StackFactory factory) {
        this.pool = pool;
        this.factory = factory;
        this.bySlot = new AtomicReferenceArray<>(pool.config().maxSlots());
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
        ContStack stack = bySlot.getPlain(slot.index());
        if (stack == null || stack.segment() != slot.segment() || stack.refs() != slot.refs()) {
            // first use of the slot, or an UNPOOLED pool that mapped fresh memory for it
            stack = factory.create(slot.segment(), slot.refs(), slot);
            bySlot.setRelease(slot.index(), stack);
        }
        return stack;
    }

    @Override
    public void release(ContStack stack) {
        StackSlot slot = (StackSlot) stack.memoryHandle;
        long used = stack.usedBytes();
        stack.resetUsedBytes();
        if (used < 0) {
            pool.release(slot);
        } else {
            pool.release(slot, used);
        }
    }

    @Override
    public boolean needsReclaim() {
        return true;
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
