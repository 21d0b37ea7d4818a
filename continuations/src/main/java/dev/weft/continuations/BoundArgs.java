package dev.weft.continuations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Arguments remembered by {@code cont.bind}, as a chain of opaque chunks (whatever the
 * interpreter passed: a {@code long[]}, an {@code Object[]}, a record of both). Binding is
 * O(1): a new node points at the chunks bound earlier. Earlier chunks come first in the
 * argument list, and within a chunk the deepest operand is the first argument.
 *
 * @param earlier the chunks bound before this one, or null
 * @param chunk   the values bound by one {@code cont.bind}
 */
public record BoundArgs(BoundArgs earlier, Object chunk) {
    /** The chain with {@code next} bound after this one; a null {@code chain} starts a chain. */
    static BoundArgs append(BoundArgs chain, Object next) {
        return new BoundArgs(chain, next);
    }

    /** How many chunks the chain holds. */
    public int depth() {
        int depth = 0;
        for (BoundArgs node = this; node != null; node = node.earlier) {
            depth++;
        }
        return depth;
    }

    /** The chunks, earliest bound first: the order in which they precede the resume arguments. */
    public List<Object> chunksInOrder() {
        List<Object> chunks = new ArrayList<>();
        for (BoundArgs node = this; node != null; node = node.earlier) {
            chunks.add(node.chunk);
        }
        Collections.reverse(chunks);
        return chunks;
    }
}
