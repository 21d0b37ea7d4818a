package dev.weft.interpreter.code;

import dev.weft.interpreter.ast.AbsHeapType;

/**
 * How a cast target ({@code ref.test}, {@code ref.cast}, {@code br_on_cast*}) is encoded in one
 * int of internal code: a canonical type id ({@code >= 0}) for a concrete type, or
 * {@code -1 - ordinal} for an abstract heap type.
 */
public final class CastTarget {
    private CastTarget() {}

    /** The encoded target of an abstract heap type (a concrete one is its canonical id). */
    public static int of(AbsHeapType h) {
        return -1 - h.ordinal();
    }

    /** The abstract heap type of an encoded target below 0. */
    public static AbsHeapType abstractType(int target) {
        return AbsHeapType.values()[-1 - target];
    }
}
