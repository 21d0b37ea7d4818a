package dev.weft.interpreter.exec.switching;

import dev.weft.continuations.BoundArgs;

/**
 * The values one {@code cont.bind} remembers (slots and references, deepest operand first). A
 * continuation's {@link BoundArgs} chain them, earliest bind first when written.
 */
public record Chunk(long[] slots, Object[] refs) {
    /** The {@code n} values of {@code st} from {@code base}, or null for none. */
    public static Chunk of(SwitchStack st, int base, int n) {
        if (n == 0) {
            return null;
        }
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        System.arraycopy(st.slots, base, slots, 0, n);
        System.arraycopy(st.refs, base, refs, 0, n);
        return new Chunk(slots, refs);
    }

    /** Writes the values of {@code b} (earliest bind first) to {@code t} from {@code p}; returns the slot after them. */
    public static int write(SwitchStack t, int p, BoundArgs b) {
        if (b == null) {
            return p;
        }
        p = write(t, p, b.earlier());
        Chunk c = (Chunk) b.chunk();
        System.arraycopy(c.slots, 0, t.slots, p, c.slots.length);
        System.arraycopy(c.refs, 0, t.refs, p, c.refs.length);
        return p + c.slots.length;
    }

    /** The slots all of {@code b}'s values take. */
    public static int slots(BoundArgs b) {
        int n = 0;
        for (; b != null; b = b.earlier()) {
            n += ((Chunk) b.chunk()).slots.length;
        }
        return n;
    }
}
