package dev.weft.continuations;

import dev.weft.stackpool.StackPool;
import dev.weft.stackpool.StackSlot;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The tie between one {@link ContStack} object of a {@link PoolStackSource} and its pool slot,
 * and the {@link java.lang.ref.Cleaner} action registered for that object.
 *
 * <p>The action runs when the stack object becomes unreachable. A stack handed out by the
 * source is reachable only through the stack chain (an active chain, from the stack the
 * interpreter runs) or through the {@link ContRef} owning its suspended segment; a released
 * stack is held by the source. So an unreachable stack that is still {@link #inUse} belonged
 * to a continuation nobody can resume any more, and its slot goes back to the pool. The lease
 * references the slot and the pool, never the stack.
 */
final class SlotLease implements Runnable {
    final StackPool pool;
    final StackSlot slot;
    private final AtomicLong reclaimed;
    volatile boolean inUse;

    SlotLease(StackPool pool, StackSlot slot, AtomicLong reclaimed) {
        this.pool = pool;
        this.slot = slot;
        this.reclaimed = reclaimed;
    }

    @Override
    public void run() {
        if (!inUse) {
            return;
        }
        inUse = false;
        try {
            pool.release(slot);
            reclaimed.incrementAndGet();
        } catch (IllegalStateException closed) {
            // the pool was closed meanwhile: its memory is gone already
        }
    }
}
