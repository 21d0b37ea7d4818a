package dev.weft.interpreter.ast;

/**
 * Size limits of a memory (in pages) or table (in elements). Both bounds are unsigned 64-bit
 * numbers (a table64 may declare any u64); {@code hasMax} says whether a maximum was declared,
 * {@code max} is meaningless without one. {@code is64} marks a 64-bit address type (memory64 /
 * table64); {@code shared} is for threads.
 */
public record Limits(long min, long max, boolean is64, boolean shared, boolean hasMax) {
    /** The {@code max} argument of the shorter constructors that means "no maximum". */
    public static final long NO_MAX = -1;

    public Limits {
        if (!hasMax) {
            max = NO_MAX; // one representation of "no maximum", so equal limits are equal records
        }
    }

    /** Limits whose maximum is absent when {@code max} is {@link #NO_MAX} (not for a u64 maximum of 2^64-1). */
    public Limits(long min, long max, boolean is64, boolean shared) {
        this(min, max, is64, shared, max != NO_MAX);
    }

    public Limits(long min, long max) {
        this(min, max, false, false);
    }

    /** Whether {@code a} exceeds {@code b}, both read as unsigned. */
    public static boolean above(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }
}
