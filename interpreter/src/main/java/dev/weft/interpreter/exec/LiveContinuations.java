package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Counts the continuations an instance's {@code cont.new} made that are still live, against the
 * instance's maximum ({@link dev.weft.interpreter.ResourceLimits#maxContinuations}). A stack is
 * counted from {@link #created} until it goes back to its source ({@link #released}: the
 * continuation returned, trapped or was dropped by the model) or, dropped unfinished and
 * unreachable, until the garbage collector clears the weak reference that tracks it. Only an
 * instance with a maximum has one, so unlimited instances pay nothing. Not thread-safe: used by
 * the thread running the instance.
 */
final class LiveContinuations {
    private final int max;
    private int live;
    private final ReferenceQueue<ExecStack> collected = new ReferenceQueue<>();

    /** The tracking reference a counted stack holds ({@link ExecStack#counted}). */
    static final class Counted extends WeakReference<ExecStack> {
        private final LiveContinuations owner;

        private Counted(ExecStack stack, LiveContinuations owner) {
            super(stack, owner.collected);
            this.owner = owner;
        }
    }

    LiveContinuations(int max) {
        this.max = max;
    }

    /** Before a {@code cont.new}: traps when the instance has its maximum of continuations live. */
    void admit() {
        for (Object r; (r = collected.poll()) != null; ) {
            ((Counted) r).owner.live--;
        }
        if (live >= max) {
            throw new Trap(TrapKind.CONTINUATION_LIMIT, "the instance may have at most " + max
                    + " live continuations");
        }
    }

    /** Counts fresh continuation stack {@code stack} (after {@link #admit}). */
    void created(ExecStack stack) {
        live++;
        stack.counted = new Counted(stack, this);
    }

    /** {@code stack} goes back to its source: it no longer counts. */
    static void released(ExecStack stack) {
        Counted c = stack.counted;
        if (c != null) {
            stack.counted = null;
            c.clear();
            c.owner.live--;
        }
    }

    /** The continuations counted as live now. */
    int live() {
        return live;
    }
}
