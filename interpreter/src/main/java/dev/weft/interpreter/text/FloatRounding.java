package dev.weft.interpreter.text;

import java.math.BigInteger;

/**
 * Rounds an exact positive rational {@code num / den * 2^scale} to an IEEE binary format with
 * round-to-nearest, ties-to-even, including subnormals. Overflow to infinity is an error.
 */
final class FloatRounding {
    private FloatRounding() {}

    /** The unsigned bit pattern (no sign bit) for the value. */
    static long round(BigInteger num, BigInteger den, long scale, int mantBits, int expBits, int line) {
        if (num.signum() == 0) {
            return 0;
        }
        if (num.bitLength() + scale - den.bitLength() > 1100) {
            throw new TextException("constant out of range", line);
        }
        if (num.bitLength() + scale - den.bitLength() < -1200) {
            return 0;
        }
        int precision = mantBits + 1;
        int bias = (1 << (expBits - 1)) - 1;
        int emin = 1 - bias;
        long e = floorLog2(num, den, scale);
        long quantum = Math.max(e, emin) - (precision - 1);
        BigInteger[] qr = divide(num, den, scale - quantum);
        BigInteger m = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(qr[2]);
        if (cmp > 0 || (cmp == 0 && m.testBit(0))) {
            m = m.add(BigInteger.ONE);
        }
        if (m.bitLength() > precision) {
            m = m.shiftRight(1);
            quantum++;
        }
        if (m.bitLength() < precision) {
            return m.longValue();
        }
        long field = quantum + precision - 1 + bias;
        if (field >= (1L << expBits) - 1) {
            throw new TextException("constant out of range", line);
        }
        long mantissa = m.clearBit(mantBits).longValue();
        return (field << mantBits) | mantissa;
    }

    /** floor(log2(num / den * 2^scale)). */
    private static long floorLog2(BigInteger num, BigInteger den, long scale) {
        long e = num.bitLength() - den.bitLength();
        BigInteger n = e >= 0 ? num : num.shiftLeft((int) -e);
        BigInteger d = e >= 0 ? den.shiftLeft((int) e) : den;
        if (n.compareTo(d) < 0) {
            e--;
        }
        return e + scale;
    }

    /** Quotient, remainder and divisor of num / den * 2^shift. */
    private static BigInteger[] divide(BigInteger num, BigInteger den, long shift) {
        BigInteger n = shift >= 0 ? num.shiftLeft((int) shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft((int) -shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        return new BigInteger[] {qr[0], qr[1], d};
    }
}
