package dev.weft.continuations;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * One execution stack: the root of an embedder call (a host barrier) or the stack of one
 * continuation. The interpreter subclasses it (through a {@link StackFactory}) to keep its
 * frame registers; {@link #segment()} and {@link #refs()} are the slot's memory, which the
 * subclass may use as its value arrays directly (the interpreter's heap slots, whose segment
 * wraps a {@code long[]}) or copy into arrays of its own (native slots).
 *
 * <p>Stacks form chains through {@link #parent()}. The active chain runs from a barrier to the
 * stack the dispatch loop runs; every non-barrier link carries the {@link HandlerTable} of the
 * {@code resume} that made it:
 *
 * <pre>
 *   root (barrier) &lt;── s1 &lt;── s2 &lt;── current        parent links point left
 *   ACTIVE_PARENT   ACTIVE_PARENT   RUNNING
 *                  h1      h2      h3               h_i = handlers of the resume that linked s_i
 * </pre>
 *
 * <p>Stack objects are recycled with their memory: a {@link StackSource} may hand the same
 * object out again after a release. {@link #generation()} counts those lives, so a holder can
 * tell a recycled stack from the one it knew. All mutation happens in {@link Continuations};
 * from outside the package a stack is read-only except for {@link #recordUsedBytes(long)}.
 */
public class ContStack {
    private final MemorySegment segment;
    private final Object[] refs;
    /** The source's handle for the memory (a {@link SlotLease}), or null. */
    final Object memoryHandle;

    StackState state = StackState.DEAD;
    ContStack parent;
    HandlerTable handlers;
    int generation;
    boolean barrier;
    ContStack hostCaller;
    Object entry;
    long usedBytes = -1;

    /**
     * A stack over the given memory.
     *
     * @param segment      memory for numbers (operand and local slots, frames)
     * @param refs         the reference side array: entry {@code i} pairs with word {@code i}
     * @param memoryHandle what the {@link StackSource} needs to release the memory, or null
     */
    protected ContStack(MemorySegment segment, Object[] refs, Object memoryHandle) {
        this.segment = segment;
        this.refs = refs;
        this.memoryHandle = memoryHandle;
    }

    /** Memory for numbers, owned by whoever runs or holds this stack. */
    public final MemorySegment segment() {
        return segment;
    }

    /** The reference side array, entry {@code i} pairing with word {@code i} of the segment. */
    public final Object[] refs() {
        return refs;
    }

    /** Where the stack is in its life cycle. */
    public final StackState state() {
        return state;
    }

    /** The stack this one returns to, or null for a barrier and for the bottom of a suspended segment. */
    public final ContStack parent() {
        return parent;
    }

    /** The handlers of the {@code resume} that linked this stack under its parent, or null when unlinked. */
    public final HandlerTable handlers() {
        return handlers;
    }

    /** How many times this object has been released to its source (bumped on every release). */
    public final int generation() {
        return generation;
    }

    /** True for the root of an embedder call: handler search stops here. */
    public final boolean isBarrier() {
        return barrier;
    }

    /**
     * For a barrier entered from a host function that Wasm called: the Wasm stack that made the
     * host call; null for the embedder's first entry and for non-barrier stacks.
     */
    public final ContStack hostCaller() {
        return hostCaller;
    }

    /** The opaque entry given to {@link Continuations#create(Object)} (the function to call), or null. */
    public final Object entry() {
        return entry;
    }

    /**
     * Reports how many bytes of {@link #segment()} (and words of {@link #refs()}) this stack's
     * frames have touched, so a release clears only that much. Until called the whole stack is
     * assumed used.
     */
    public final void recordUsedBytes(long bytes) {
        if (bytes > usedBytes) {
            usedBytes = Math.min(bytes, segment.byteSize());
        }
    }

    /** The reported high-water mark, or -1 if none was reported during this life. */
    public final long usedBytes() {
        return usedBytes;
    }

    /** Starts a new life: called by the model when the stack comes from its source. */
    final void activate(StackState initial, Object newEntry) {
        state = initial;
        entry = newEntry;
        parent = null;
        handlers = null;
        barrier = false;
        hostCaller = null;
    }

    /** Ends this life: unlinks, records the final state and bumps the generation. */
    final void retire(StackState finalState) {
        state = finalState;
        parent = null;
        handlers = null;
        hostCaller = null;
        entry = null;
        generation++;
    }

    /**
     * Clears the used part of {@link #refs()} and forgets the reported high-water mark; returns
     * the bytes of {@link #segment()} that the source must still clear (all of it if none was
     * reported). For sources that clear the segment their own way.
     */
    final long clearUsedRefs() {
        long used = usedBytes < 0 ? segment.byteSize() : usedBytes;
        usedBytes = -1;
        Arrays.fill(refs, 0, (int) Math.min(refs.length, (used + Long.BYTES - 1) / Long.BYTES), null);
        return used;
    }

    /** Clears the used part of {@link #segment()} and of {@link #refs()}, ready for the next life. */
    final void clearUsed() {
        long used = clearUsedRefs();
        if (used > 0) {
            segment.asSlice(0, used).fill((byte) 0);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this))
                + "[" + state + (barrier ? ", barrier" : "") + ", generation " + generation + "]";
    }
}
