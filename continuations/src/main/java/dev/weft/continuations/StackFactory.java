package dev.weft.continuations;

import java.lang.foreign.MemorySegment;

/**
 * Makes the {@link ContStack} objects a {@link StackSource} hands out, so that the interpreter
 * can use its own subclass (holding saved pc, sp, fp). Called once per memory slot, not once
 * per continuation: the object is recycled with its memory.
 */
@FunctionalInterface
public interface StackFactory {
    /** The plain {@link ContStack}. */
    StackFactory PLAIN = ContStack::new;

    /** A new stack object over the given memory; pass all three on to the {@link ContStack} constructor. */
    ContStack create(MemorySegment segment, Object[] refs, Object memoryHandle);
}
