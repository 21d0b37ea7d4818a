package dev.weft.interpreter.exec;

/**
 * A v128 value in compiled code: its low and high 64 bits (byte 0 is the low byte of
 * {@link #lo}), immutable. Compiled methods pass it as an object so that a v128 is one JVM
 * value like any other (one local, one operand, one array element); the interpreter keeps the
 * same two halves in two operand slots.
 */
public final class V128 {
    /** The all-zero v128, a local's initial value. */
    public static final V128 ZERO = new V128(0, 0);
    /** The low 64 bits (lanes 0..7 of i8x16, 0..1 of i32x4, 0 of i64x2). */
    public final long lo;
    /** The high 64 bits. */
    public final long hi;

    private V128(long lo, long hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /** The v128 whose low and high 64 bits are {@code lo} and {@code hi}. */
    public static V128 of(long lo, long hi) {
        return lo == 0 && hi == 0 ? ZERO : new V128(lo, hi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V128 v && v.lo == lo && v.hi == hi;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(lo) * 31 + Long.hashCode(hi);
    }

    @Override
    public String toString() {
        return String.format("v128 0x%016x%016x", hi, lo);
    }
}
