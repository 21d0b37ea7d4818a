package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.exec.switching.SwitchStack;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A Wasm stack: value slots ({@code long}) with a parallel array of references, and
 * an explicit frame stack. Wasm calls never use the Java stack; the interpreter pushes
 * {@code (return pc, caller fp)} into {@link #frames} and the caller's function into
 * {@link #frameFns}. Arrays start small and grow up to configurable limits; exceeding either
 * traps "call stack exhausted" (per stack: every continuation has the full limits).
 *
 * <p>Limits come from the system properties {@code weft.maxCallDepth} (frames, default
 * 200,000) and {@code weft.maxStackSlots} (slots, default 8,388,608 = 64 MiB of longs).
 *
 * <p>Each embedder call (a barrier root; outermost calls of a thread share one) and each
 * continuation runs on one of these: it is the model's {@code ContStack}, made by
 * {@link StackContext}'s source. Over heap memory (the default {@code heap} pool) the slots are
 * the pool slot's {@code long[]} itself; over native memory they live in a separate
 * {@code long[]}, because the loop reads arrays.
 *
 * <p>{@link #touched} records how many slots this life may have written: every frame entry
 * checks its extent against it (not against the array length) and {@link #reserve} or
 * {@link #grow} raise it, so a release clears only that prefix. When the loop leaves a stack
 * (a resume, suspend, switch or a call into a continuation) the stack keeps its position as a
 * pushed frame (pc, fp, function) plus {@code depth} and {@code sp}, the form {@link Ext}
 * hands back to the loop; switching back pops that frame. The values, saved frames and parking
 * state are the {@link SwitchStack} part, which the stack-switching seam works on.
 */
public final class ExecStack extends SwitchStack {
    /** Slots of a fresh stack (the arrays grow on demand and shrink back on release). */
    static final int INITIAL_SLOTS = 128;
    static final int INITIAL_FRAMES = 16;
    /** Grown arrays up to these sizes survive a release. */
    static final int KEEP_SLOTS = 4096;
    static final int KEEP_FRAMES = 256;
    static final int DEFAULT_MAX_DEPTH = Integer.getInteger("weft.maxCallDepth", 200_000);
    static final int DEFAULT_MAX_SLOTS = Integer.getInteger("weft.maxStackSlots", 8 << 20);

    final int maxDepth;
    final int maxSlots;
    private final long[] initialSlots;
    private final Object[] initialRefs;
    /** The function of each saved frame (its return pc and caller fp are in {@link #frames}). */
    FunctionInstance[] frameFns = new FunctionInstance[INITIAL_FRAMES];
    /** Set while this stack counts against an instance's maximum of live continuations. */
    LiveContinuations.Counted counted;
    /**
     * Slots {@code [0, touched)} may have been written during this life; none above. At most
     * {@code slots.length}. Frames are entered only below it, raising it first when needed.
     */
    int touched;

    /**
     * A stack over the memory a {@link dev.weft.continuations.StackSource} provides: a heap
     * segment's {@code long[]} is used directly; for native memory the slots live in a new
     * {@code long[]} (the loop reads arrays).
     */
    ExecStack(MemorySegment segment, Object[] refs, Object memoryHandle) {
        super(segment, refs, memoryHandle);
        this.maxDepth = DEFAULT_MAX_DEPTH;
        this.maxSlots = DEFAULT_MAX_SLOTS;
        Object base = segment.heapBase().orElse(null);
        this.initialSlots = base instanceof long[] a && a.length == refs.length ? a : new long[refs.length];
        this.initialRefs = refs;
        this.slots = initialSlots;
        this.refs = initialRefs;
        this.frames = new int[2 * INITIAL_FRAMES];
    }

    @Override
    protected int[] parkedCode() {
        return frameFns[depth - 1].lowered.code;
    }

    /**
     * Called when the stack goes back to its source: reports the touched part of the source's
     * memory (so the source clears only that), keeps arrays grown during this life (cleared of
     * references) up to {@link #KEEP_SLOTS} slots and {@link #KEEP_FRAMES} frames, so repeated
     * embedder calls do not grow them again, and drops bigger ones.
     */
    void shrink() {
        recordUsedBytes((long) Math.min(touched, initialSlots.length) * Long.BYTES);
        if (slots != initialSlots) {
            if (slots.length <= KEEP_SLOTS) {
                Arrays.fill(refs, 0, touched, null);
            } else {
                slots = initialSlots;
                refs = initialRefs;
            }
        }
        if (frameFns.length > KEEP_FRAMES) {
            frames = new int[2 * INITIAL_FRAMES];
            frameFns = new FunctionInstance[INITIAL_FRAMES];
        } else {
            Arrays.fill(frameFns, null);
        }
        clearParking();
        touched = 0;
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

    /** Marks the whole stack as touched: its next release clears all of it. */
    void touchAll() {
        touched = slots.length;
    }

    /** Ensures room for slots up to {@code slotLimit} and records them as touched, or traps. */
    @Override
    public void reserve(int slotLimit) {
        if (slotLimit > touched) {
            if (slotLimit > slots.length) {
                grow(slotLimit, 0);
            } else {
                touched = slotLimit;
            }
        }
    }

    /** Ensures room for slots up to {@code slotLimit} (recorded as touched) and one more frame, or traps. */
    void grow(int slotLimit, int frameDepth) {
        if (frameDepth >= maxDepth || slotLimit > maxSlots || slotLimit < 0) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        if (slotLimit > slots.length) {
            int n = (int) Math.min(maxSlots, Math.max((long) slotLimit, 2L * slots.length));
            slots = Arrays.copyOf(slots, n);
            refs = Arrays.copyOf(refs, n);
        }
        if (slotLimit > touched) {
            touched = slotLimit;
        }
        if (frameDepth >= frameFns.length) {
            int n = (int) Math.min(maxDepth, 2L * frameFns.length);
            frames = Arrays.copyOf(frames, 2 * n);
            frameFns = Arrays.copyOf(frameFns, n);
        }
    }
}
