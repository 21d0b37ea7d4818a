package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import java.util.Arrays;

/**
 * One thread's Wasm stack: value slots ({@code long}) with a parallel array of references, and
 * an explicit frame stack. Wasm calls never use the Java stack; the interpreter pushes
 * {@code (return pc, caller fp)} into {@link #frames} and the caller's function into
 * {@link #frameFns}. Arrays start small and grow up to configurable limits; exceeding either
 * traps "call stack exhausted".
 *
 * <p>Limits come from the system properties {@code weft.maxCallDepth} (frames, default
 * 200,000) and {@code weft.maxStackSlots} (slots, default 8,388,608 = 64 MiB of longs).
 *
 * <p>Later, for stack switching, a continuation owns one of these (backed by a pooled slot).
 */
public final class ExecStack {
    static final int DEFAULT_MAX_DEPTH = Integer.getInteger("weft.maxCallDepth", 200_000);
    static final int DEFAULT_MAX_SLOTS = Integer.getInteger("weft.maxStackSlots", 8 << 20);
    private static final ThreadLocal<ExecStack> CURRENT =
            ThreadLocal.withInitial(() -> new ExecStack(DEFAULT_MAX_DEPTH, DEFAULT_MAX_SLOTS));

    final int maxDepth;
    final int maxSlots;
    long[] slots = new long[4096];
    Object[] refs = new Object[4096];
    /** Two ints per frame: return pc, caller fp. */
    int[] frames = new int[2 * 256];
    FunctionInstance[] frameFns = new FunctionInstance[256];
    /** Frames in use (valid between loop invocations and across host calls). */
    int depth;
    /** First free slot (valid between loop invocations and across host calls). */
    int sp;

    public ExecStack(int maxDepth, int maxSlots) {
        this.maxDepth = maxDepth;
        this.maxSlots = maxSlots;
    }

    /** The current thread's stack. */
    static ExecStack current() {
        return CURRENT.get();
    }

    /**
     * Ensures room for a frame at {@code frameDepth} that is popped at once (see {@link Ext}). It
     * may sit one past the depth limit, so the arrays grow to at most {@code maxDepth + 1}
     * entries; a function running deeper than that (the call path's check lets one frame past
     * the limit once the arrays are that long) traps "call stack exhausted" here.
     */
    void growForTransientFrame(int frameDepth) {
        if (frameDepth >= frameFns.length) {
            if (frameDepth > maxDepth) {
                throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
            }
            int n = Math.min(maxDepth + 1, Math.max(frameDepth + 1, 2 * frameFns.length));
            frames = Arrays.copyOf(frames, 2 * n);
            frameFns = Arrays.copyOf(frameFns, n);
        }
    }

    /** Ensures room for slots up to {@code slotLimit} and one more frame, or traps. */
    void grow(int slotLimit, int frameDepth) {
        if (frameDepth >= maxDepth || slotLimit > maxSlots || slotLimit < 0) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (slotLimit > slots.length) {
            int n = (int) Math.min(maxSlots, Math.max((long) slotLimit, 2L * slots.length));
            slots = Arrays.copyOf(slots, n);
            refs = Arrays.copyOf(refs, n);
        }
        if (frameDepth >= frameFns.length) {
            int n = (int) Math.min(maxDepth, 2L * frameFns.length);
            frames = Arrays.copyOf(frames, 2 * n);
            frameFns = Arrays.copyOf(frameFns, n);
        }
    }
}
