package dev.weft.interpreter.exec.switching;

import dev.weft.continuations.ContStack;
import java.lang.foreign.MemorySegment;

/**
 * What {@link StackSwitcher} reads and writes of a stack: its values (number slots and the
 * parallel references), its saved frames (two ints each: return pc, caller fp), how deep and how
 * full it is, and its parking state. The interpreter's stack ({@code exec.ExecStack}) is the one
 * subclass; it adds the functions of the frames and the growth limits. The fields are public so
 * that the dispatch loop, in another package, reads them as plain fields.
 *
 * <p>A stack the loop leaves is parked: its position is its top saved frame (pushed by the
 * loop's side before it calls the switcher), {@link #depth} frames deep, with {@link #sp} the
 * first free slot; switching back pops that frame.
 */
public abstract class SwitchStack extends ContStack {
    /** {@link #entrySp} of a stack that is not a fresh continuation waiting for its first resume. */
    public static final int NO_ENTRY = 0;

    /** Value slots: i32/f32 in the low half, i64/f64 whole, a v128 in two. */
    public long[] slots;
    /** References, at the same index as their slot. */
    public Object[] refs;
    /** Two ints per saved frame: return pc, caller fp. */
    public int[] frames;
    /** Frames in use (valid between loop invocations and across host calls and switches). */
    public int depth;
    /** First free slot (valid between loop invocations and across host calls and switches). */
    public int sp;
    /**
     * For a fresh continuation whose entry frame is laid out: where its function's operand stack
     * starts (after its locals), the least sp its first resume may leave; {@link #NO_ENTRY}
     * otherwise, and after that resume.
     */
    public int entrySp;
    /** Set while this stack waits at a host call for a continuation the call resumed. */
    HostWait waiting;
    /** For a barrier that resumed a continuation from Java: the suspension that came back to it, until read. */
    HostOutcome caught;

    protected SwitchStack(MemorySegment segment, Object[] refs, Object memoryHandle) {
        super(segment, refs, memoryHandle);
    }

    /** Ensures room for slots up to {@code slotLimit} (growing the arrays), or traps. */
    public abstract void reserve(int slotLimit);

    /** The code of the function of the top saved frame (the one a parked stack continues in). */
    protected abstract int[] parkedCode();

    /** Forgets the parking state: the stack goes back to its source or its barrier is idle again. */
    protected final void clearParking() {
        depth = 0;
        sp = 0;
        entrySp = NO_ENTRY;
        waiting = null;
        caught = null;
    }
}
