package dev.weft.interpreter.exec.gc;

import dev.weft.interpreter.code.GcLayout;

/**
 * A struct: its numeric fields in one {@code long[]} (no boxing; packed fields hold their
 * truncated bits, f32/f64 their IEEE bits, a v128 two slots, low half first) and its reference
 * fields in one {@code Object[]}, each field at the slot {@link GcLayout} gives it.
 */
public final class StructObject extends GcObject {
    private static final long[] NO_NUMS = new long[0];
    private static final Object[] NO_REFS = new Object[0];

    public final long[] nums;
    public final Object[] refs;

    /** A struct of type {@code typeId} laid out as {@code layout}, every field zero or null. */
    public StructObject(int typeId, GcLayout layout) {
        super(typeId);
        this.nums = layout.numCount() == 0 ? NO_NUMS : new long[layout.numCount()];
        this.refs = layout.refCount() == 0 ? NO_REFS : new Object[layout.refCount()];
    }

    @Override
    public String toString() {
        return "struct";
    }
}
