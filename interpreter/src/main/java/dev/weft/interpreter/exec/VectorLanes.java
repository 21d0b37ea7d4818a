package dev.weft.interpreter.exec;

/**
 * Splits a v128 (two operand slots: low 64 bits, then high) into lanes and joins lanes back.
 * Lane {@code i} of width {@code bits} is bits {@code i*bits .. i*bits+bits-1} of the 128-bit
 * value, little-endian, as the SIMD proposal numbers them.
 */
final class VectorLanes {
    private VectorLanes() {}

    /** The lanes of {@code (lo, hi)}, each sign-extended ({@code signed}) or zero-extended. */
    static long[] split(long lo, long hi, int bits, boolean signed) {
        int n = 128 / bits;
        long[] lanes = new long[n];
        for (int i = 0; i < n; i++) {
            lanes[i] = get(lo, hi, bits, i, signed);
        }
        return lanes;
    }

    /** Lane {@code i} of {@code (lo, hi)}. */
    static long get(long lo, long hi, int bits, int i, boolean signed) {
        int per = 64 / bits;
        long word = i < per ? lo : hi;
        if (bits == 64) {
            return word;
        }
        long v = word >>> (bits * (i % per));
        return signed ? (v << (64 - bits)) >> (64 - bits) : v & ((1L << bits) - 1);
    }

    /** Writes {@code lanes} (each truncated to {@code bits}) into {@code s[at]} (low) and {@code s[at + 1]} (high). */
    static void join(long[] lanes, int bits, long[] s, int at) {
        int per = 64 / bits;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < lanes.length; i++) {
            long v = (lanes[i] & mask) << (bits * (i % per));
            if (i < per) {
                lo |= v;
            } else {
                hi |= v;
            }
        }
        s[at] = lo;
        s[at + 1] = hi;
    }

    /** Clamps {@code v} to [{@code min}, {@code max}]. */
    static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }

    /** The f32 bits of a rounding result: a NaN gets its quiet bit (Math returns a signalling NaN unchanged). */
    static long f32Quiet(float r) {
        int b = Float.floatToRawIntBits(r);
        return Float.isNaN(r) ? b | 0x0040_0000 : b;
    }

    /** The f64 bits of a rounding result, NaNs quieted as in {@link #f32Quiet}. */
    static long f64Quiet(double r) {
        long b = Double.doubleToRawLongBits(r);
        return Double.isNaN(r) ? b | 0x0008_0000_0000_0000L : b;
    }
}
