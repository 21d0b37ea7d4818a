package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.VectorLanes.join;
import static dev.weft.interpreter.exec.VectorLanes.split;
import static dev.weft.interpreter.exec.VectorOps.satS;
import static dev.weft.interpreter.exec.VectorOps.satU;

import dev.weft.interpreter.ast.Op;

/** SIMD instructions that change lane width or kind: narrow, extend, extmul, extadd, dot, conversions. */
final class VectorConversions {
    private VectorConversions() {}

    /** Runs {@code op} on the v128 operands ending at {@code sp}; returns the new sp. */
    static int run(Op op, long[] s, int sp) {
        return switch (op) {
            case I8X16_NARROW_I16X8_S -> narrow(s, sp, 16, true);
            case I8X16_NARROW_I16X8_U -> narrow(s, sp, 16, false);
            case I16X8_NARROW_I32X4_S -> narrow(s, sp, 32, true);
            case I16X8_NARROW_I32X4_U -> narrow(s, sp, 32, false);
            case I16X8_EXTEND_LOW_I8X16_S -> extend(s, sp, 8, false, true);
            case I16X8_EXTEND_HIGH_I8X16_S -> extend(s, sp, 8, true, true);
            case I16X8_EXTEND_LOW_I8X16_U -> extend(s, sp, 8, false, false);
            case I16X8_EXTEND_HIGH_I8X16_U -> extend(s, sp, 8, true, false);
            case I32X4_EXTEND_LOW_I16X8_S -> extend(s, sp, 16, false, true);
            case I32X4_EXTEND_HIGH_I16X8_S -> extend(s, sp, 16, true, true);
            case I32X4_EXTEND_LOW_I16X8_U -> extend(s, sp, 16, false, false);
            case I32X4_EXTEND_HIGH_I16X8_U -> extend(s, sp, 16, true, false);
            case I64X2_EXTEND_LOW_I32X4_S -> extend(s, sp, 32, false, true);
            case I64X2_EXTEND_HIGH_I32X4_S -> extend(s, sp, 32, true, true);
            case I64X2_EXTEND_LOW_I32X4_U -> extend(s, sp, 32, false, false);
            case I64X2_EXTEND_HIGH_I32X4_U -> extend(s, sp, 32, true, false);
            case I16X8_EXTMUL_LOW_I8X16_S -> extmul(s, sp, 8, false, true);
            case I16X8_EXTMUL_HIGH_I8X16_S -> extmul(s, sp, 8, true, true);
            case I16X8_EXTMUL_LOW_I8X16_U -> extmul(s, sp, 8, false, false);
            case I16X8_EXTMUL_HIGH_I8X16_U -> extmul(s, sp, 8, true, false);
            case I32X4_EXTMUL_LOW_I16X8_S -> extmul(s, sp, 16, false, true);
            case I32X4_EXTMUL_HIGH_I16X8_S -> extmul(s, sp, 16, true, true);
            case I32X4_EXTMUL_LOW_I16X8_U -> extmul(s, sp, 16, false, false);
            case I32X4_EXTMUL_HIGH_I16X8_U -> extmul(s, sp, 16, true, false);
            case I64X2_EXTMUL_LOW_I32X4_S -> extmul(s, sp, 32, false, true);
            case I64X2_EXTMUL_HIGH_I32X4_S -> extmul(s, sp, 32, true, true);
            case I64X2_EXTMUL_LOW_I32X4_U -> extmul(s, sp, 32, false, false);
            case I64X2_EXTMUL_HIGH_I32X4_U -> extmul(s, sp, 32, true, false);
            case I16X8_EXTADD_PAIRWISE_I8X16_S -> extadd(s, sp, 8, true);
            case I16X8_EXTADD_PAIRWISE_I8X16_U -> extadd(s, sp, 8, false);
            case I32X4_EXTADD_PAIRWISE_I16X8_S -> extadd(s, sp, 16, true);
            case I32X4_EXTADD_PAIRWISE_I16X8_U -> extadd(s, sp, 16, false);
            case I32X4_DOT_I16X8_S -> dot(s, sp);
            case I32X4_TRUNC_SAT_F32X4_S -> VectorOps.unary(s, sp, 32, false, x -> (int) Float.intBitsToFloat((int) x));
            case I32X4_TRUNC_SAT_F32X4_U -> VectorOps.unary(s, sp, 32, false, x -> truncU(Float.intBitsToFloat((int) x)));
            case F32X4_CONVERT_I32X4_S -> VectorOps.unary(s, sp, 32, true, x -> Float.floatToRawIntBits((float) x));
            case F32X4_CONVERT_I32X4_U -> VectorOps.unary(s, sp, 32, false, x -> Float.floatToRawIntBits((float) x));
            case I32X4_TRUNC_SAT_F64X2_S_ZERO -> fromF64(s, sp, x -> (int) x);
            case I32X4_TRUNC_SAT_F64X2_U_ZERO -> fromF64(s, sp, VectorConversions::truncU);
            case F32X4_DEMOTE_F64X2_ZERO -> fromF64(s, sp, x -> VectorLanes.f32Quiet((float) x));
            case F64X2_CONVERT_LOW_I32X4_S -> toF64(s, sp, true, x -> Double.doubleToRawLongBits(x));
            case F64X2_CONVERT_LOW_I32X4_U -> toF64(s, sp, false, x -> Double.doubleToRawLongBits(x));
            case F64X2_PROMOTE_LOW_F32X4 -> toF64(s, sp, false,
                    x -> VectorLanes.f64Quiet(Float.intBitsToFloat((int) x)));
            default -> RelaxedVectorOps.run(op, s, sp);
        };
    }

    private static long truncU(double v) {
        if (!(v > -1)) {
            return 0; // NaN and anything below 0 after truncation
        }
        return v >= 4294967296.0 ? 0xFFFF_FFFFL : (long) v;
    }

    private static int narrow(long[] s, int sp, int bits, boolean signed) {
        long[] x = split(s[sp - 4], s[sp - 3], bits, true);
        long[] y = split(s[sp - 2], s[sp - 1], bits, true);
        int n = x.length;
        long[] r = new long[2 * n];
        for (int i = 0; i < n; i++) {
            r[i] = signed ? satS(x[i], bits / 2) : satU(x[i], bits / 2);
            r[n + i] = signed ? satS(y[i], bits / 2) : satU(y[i], bits / 2);
        }
        join(r, bits / 2, s, sp - 4);
        return sp - 2;
    }

    private static long[] half(long lo, long hi, int bits, boolean high, boolean signed) {
        long[] x = split(lo, hi, bits, signed);
        long[] r = new long[x.length / 2];
        System.arraycopy(x, high ? r.length : 0, r, 0, r.length);
        return r;
    }

    private static int extend(long[] s, int sp, int bits, boolean high, boolean signed) {
        join(half(s[sp - 2], s[sp - 1], bits, high, signed), 2 * bits, s, sp - 2);
        return sp;
    }

    private static int extmul(long[] s, int sp, int bits, boolean high, boolean signed) {
        long[] x = half(s[sp - 4], s[sp - 3], bits, high, signed);
        long[] y = half(s[sp - 2], s[sp - 1], bits, high, signed);
        for (int i = 0; i < x.length; i++) {
            x[i] *= y[i];
        }
        join(x, 2 * bits, s, sp - 4);
        return sp - 2;
    }

    private static int extadd(long[] s, int sp, int bits, boolean signed) {
        long[] x = split(s[sp - 2], s[sp - 1], bits, signed);
        long[] r = new long[x.length / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[2 * i] + x[2 * i + 1];
        }
        join(r, 2 * bits, s, sp - 2);
        return sp;
    }

    private static int dot(long[] s, int sp) {
        long[] x = split(s[sp - 4], s[sp - 3], 16, true);
        long[] y = split(s[sp - 2], s[sp - 1], 16, true);
        long[] r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
        }
        join(r, 32, s, sp - 4);
        return sp - 2;
    }

    /** Two f64 lanes to the low two 32-bit lanes (high lanes zero). */
    private static int fromF64(long[] s, int sp, java.util.function.DoubleToLongFunction f) {
        long[] r = {f.applyAsLong(Double.longBitsToDouble(s[sp - 2])),
                f.applyAsLong(Double.longBitsToDouble(s[sp - 1])), 0, 0};
        join(r, 32, s, sp - 2);
        return sp;
    }

    /** The low two 32-bit lanes to two 64-bit lanes. */
    private static int toF64(long[] s, int sp, boolean signed, java.util.function.LongUnaryOperator f) {
        long[] x = split(s[sp - 2], s[sp - 1], 32, signed);
        s[sp - 2] = f.applyAsLong(x[0]);
        s[sp - 1] = f.applyAsLong(x[1]);
        return sp;
    }
}
