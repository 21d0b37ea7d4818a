package dev.weft.stackpool;

import dev.weft.stackpool.internal.SlotRegion;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One slot of a {@link StackPool}: a bounded {@link MemorySegment} for numbers and a parallel
 * {@code Object[]} for references (one entry per 8-byte word of the segment), both reused with
 * the slot.
 *
 * <p>A slot has a pool-local {@link #index()} and a {@link #revision()} that the pool increments
 * on every release. A holder that records the revision when it acquires the slot can later tell,
 * with {@link #isCurrent(int)} or {@link #checkRevision(int)}, whether the slot has been released
 * (and perhaps handed to someone else) since.
 *
 * <p>Invariants: {@link #segment()} and {@link #refs()} belong to the holder between
 * {@code acquire()} and {@code release()}. At acquire, the segment reads as zero and the
 * reference array holds only nulls, provided every releaser reported the bytes it used truly.
 * The reference array is made on the first call of {@link #refs()}, so holders that keep their
 * references elsewhere do not pay for it. {@link #keep(Object)} lets a holder leave an object
 * with the slot for whoever acquires it next (the pool never looks at it).
 */
public final class StackSlot {
    static final int FREE = 0;
    static final int IN_USE = 1;
    private static final VarHandle STATE;
    private static final VarHandle REVISION;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StackSlot.class, "state", int.class);
            REVISION = MethodHandles.lookup().findVarHandle(StackSlot.class, "revision", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final StackPool pool;
    private final int index;
    private volatile int state;
    private volatile int revision;
    MemorySegment segment;
    /** Made by the first {@link #refs()}; null until then (and in UNPOOLED mode while free). */
    Object[] refs;
    private Object kept;
    /** While free: kept resident (native only), so counted in the pool's resident-free count. */
    boolean resident;
    /** The slot's own mapping in {@link PoolMode#UNPOOLED} mode, else null. */
    SlotRegion lease;

    StackSlot(StackPool pool, int index, MemorySegment segment) {
        this.pool = pool;
        this.index = index;
        this.segment = segment;
    }

    /** The slot's index in its pool, from 0 up to {@link PoolConfig#maxSlots()}. */
    public int index() {
        return index;
    }

    /** The slot's revision: incremented by every release. */
    public int revision() {
        return revision;
    }

    /** The slot's memory, bounded to {@link PoolConfig#slotSize()} bytes. */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * The reference side array: {@code slotSize / 8} entries, index {@code i} pairs with word
     * {@code i}. Made on the first call (by the holder: the array belongs to it until release).
     */
    public Object[] refs() {
        Object[] r = refs;
        if (r == null) {
            r = refs = new Object[pool.refsLength];
        }
        return r;
    }

    /**
     * What the last holder left with the slot through {@link #keep(Object)}, or null. The pool
     * hands it on untouched (an object made for this slot's memory, say, to be reused with it).
     */
    public Object kept() {
        return kept;
    }

    /**
     * Leaves {@code value} with the slot for its next holder (see {@link #kept()}); call while
     * holding the slot, before releasing it. The pool keeps it reachable while the slot is free,
     * so a holder should {@code keep(null)} once it has taken the value back.
     */
    public void keep(Object value) {
        kept = value;
    }

    /** True while the slot is handed out under {@code expectedRevision}. */
    public boolean isCurrent(int expectedRevision) {
        return state == IN_USE && revision == expectedRevision;
    }

    /**
     * Throws {@link IllegalStateException} unless the slot is still handed out under
     * {@code expectedRevision}, that is, unless the holder is stale.
     */
    public void checkRevision(int expectedRevision) {
        if (!isCurrent(expectedRevision)) {
            throw new IllegalStateException("stale stack slot " + index + ": holder has revision " + expectedRevision
                    + ", slot is at revision " + revision + (state == FREE ? " and free" : " and in use"));
        }
    }

    /**
     * FREE to IN_USE; false if the slot was not free. Only the thread that popped the slot's
     * index off the free list calls this, so a release-store suffices (no CAS): a concurrent
     * second release of the free slot fails its own CAS either way.
     */
    boolean claim() {
        if (state != FREE) {
            return false;
        }
        STATE.setRelease(this, IN_USE);
        return true;
    }

    /** IN_USE to FREE and a new revision; false if the slot was already free. */
    boolean free() {
        if (!STATE.compareAndSet(this, IN_USE, FREE)) {
            return false;
        }
        // published to the next owner by the free-list CAS; stale holders read it volatile
        REVISION.setRelease(this, revision + 1);
        return true;
    }

    @Override
    public String toString() {
        return "StackSlot[" + index + ", revision " + revision + (state == FREE ? ", free]" : ", in use]");
    }
}
