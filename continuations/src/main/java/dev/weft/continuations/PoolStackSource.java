package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;
import dev.weft.stackpool.StackPool;
import dev.weft.stackpool.StackSlot;

import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Stacks backed by a {@link StackPool}: one guard-paged slot per stack. The {@link ContStack}
 * object made for a slot is kept while the slot is free and handed out again with it, so a
 * {@code cont.new} on a warm pool allocates nothing.
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
    private final AtomicReferenceArray<ContStack> freeStacks;
    private final AtomicLong reclaimed = new AtomicLong();
    private final int refsLength;

    /**
     * A source over {@code pool}, making stack objects with {@code factory}. The pool is
     * not closed by this source.
     */
    public PoolStackSource(StackPool pool, StackFactory factory) {
        this.pool = pool;
        this.factory = factory;
        this.freeStacks = new AtomicReferenceArray<>(pool.config().maxSlots());
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
        ContStack stack = freeStacks.getAndSet(slot.index(), null);
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
        long used = stack.usedBytes();
        stack.resetUsedBytes();
        Object[] refs = stack.refs();
        int words = used < 0 ? refs.length : (int) ((used + Long.BYTES - 1) / Long.BYTES);
        Arrays.fill(refs, 0, words, null);
        lease.inUse = false;
        freeStacks.set(lease.slot.index(), stack);
        if (used < 0) {
            pool.release(lease.slot);
        } else {
            pool.release(lease.slot, used);
        }
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
