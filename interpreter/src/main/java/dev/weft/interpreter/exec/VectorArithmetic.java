package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.VectorOps.binary;
import static dev.weft.interpreter.exec.VectorOps.f32Round;
import static dev.weft.interpreter.exec.VectorOps.f64Round;
import static dev.weft.interpreter.exec.VectorOps.satS;
import static dev.weft.interpreter.exec.VectorOps.satU;
import static dev.weft.interpreter.exec.VectorOps.unary;

import dev.weft.interpreter.ast.Op;

/** Lane-wise integer and float arithmetic, comparisons and tests of the SIMD instructions. */
final class VectorArithmetic {
    private VectorArithmetic() {}

    private static float f(long bits) {
        return Float.intBitsToFloat((int) bits);
    }

    private static double d(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static long fb(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static long db(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long mask(boolean b) {
        return b ? -1 : 0;
    }

    /** Runs {@code op} on the v128 operands ending at {@code sp}; returns the new sp. */
    static int run(Op op, long[] s, int sp) {
        return switch (op) {
            case I8X16_EQ -> binary(s, sp, 8, true, (x, y) -> mask(x == y));
            case I8X16_NE -> binary(s, sp, 8, true, (x, y) -> mask(x != y));
            case I8X16_LT_S, I8X16_LT_U -> binary(s, sp, 8, op == Op.I8X16_LT_S, (x, y) -> mask(x < y));
            case I8X16_GT_S, I8X16_GT_U -> binary(s, sp, 8, op == Op.I8X16_GT_S, (x, y) -> mask(x > y));
            case I8X16_LE_S, I8X16_LE_U -> binary(s, sp, 8, op == Op.I8X16_LE_S, (x, y) -> mask(x <= y));
            case I8X16_GE_S, I8X16_GE_U -> binary(s, sp, 8, op == Op.I8X16_GE_S, (x, y) -> mask(x >= y));
            case I16X8_EQ -> binary(s, sp, 16, true, (x, y) -> mask(x == y));
            case I16X8_NE -> binary(s, sp, 16, true, (x, y) -> mask(x != y));
            case I16X8_LT_S, I16X8_LT_U -> binary(s, sp, 16, op == Op.I16X8_LT_S, (x, y) -> mask(x < y));
            case I16X8_GT_S, I16X8_GT_U -> binary(s, sp, 16, op == Op.I16X8_GT_S, (x, y) -> mask(x > y));
            case I16X8_LE_S, I16X8_LE_U -> binary(s, sp, 16, op == Op.I16X8_LE_S, (x, y) -> mask(x <= y));
            case I16X8_GE_S, I16X8_GE_U -> binary(s, sp, 16, op == Op.I16X8_GE_S, (x, y) -> mask(x >= y));
            case I32X4_EQ -> binary(s, sp, 32, true, (x, y) -> mask(x == y));
            case I32X4_NE -> binary(s, sp, 32, true, (x, y) -> mask(x != y));
            case I32X4_LT_S, I32X4_LT_U -> binary(s, sp, 32, op == Op.I32X4_LT_S, (x, y) -> mask(x < y));
            case I32X4_GT_S, I32X4_GT_U -> binary(s, sp, 32, op == Op.I32X4_GT_S, (x, y) -> mask(x > y));
            case I32X4_LE_S, I32X4_LE_U -> binary(s, sp, 32, op == Op.I32X4_LE_S, (x, y) -> mask(x <= y));
            case I32X4_GE_S, I32X4_GE_U -> binary(s, sp, 32, op == Op.I32X4_GE_S, (x, y) -> mask(x >= y));
            case I64X2_EQ -> binary(s, sp, 64, true, (x, y) -> mask(x == y));
            case I64X2_NE -> binary(s, sp, 64, true, (x, y) -> mask(x != y));
            case I64X2_LT_S -> binary(s, sp, 64, true, (x, y) -> mask(x < y));
            case I64X2_GT_S -> binary(s, sp, 64, true, (x, y) -> mask(x > y));
            case I64X2_LE_S -> binary(s, sp, 64, true, (x, y) -> mask(x <= y));
            case I64X2_GE_S -> binary(s, sp, 64, true, (x, y) -> mask(x >= y));
            case F32X4_EQ -> binary(s, sp, 32, false, (x, y) -> mask(f(x) == f(y)));
            case F32X4_NE -> binary(s, sp, 32, false, (x, y) -> mask(f(x) != f(y)));
            case F32X4_LT -> binary(s, sp, 32, false, (x, y) -> mask(f(x) < f(y)));
            case F32X4_GT -> binary(s, sp, 32, false, (x, y) -> mask(f(x) > f(y)));
            case F32X4_LE -> binary(s, sp, 32, false, (x, y) -> mask(f(x) <= f(y)));
            case F32X4_GE -> binary(s, sp, 32, false, (x, y) -> mask(f(x) >= f(y)));
            case F64X2_EQ -> binary(s, sp, 64, false, (x, y) -> mask(d(x) == d(y)));
            case F64X2_NE -> binary(s, sp, 64, false, (x, y) -> mask(d(x) != d(y)));
            case F64X2_LT -> binary(s, sp, 64, false, (x, y) -> mask(d(x) < d(y)));
            case F64X2_GT -> binary(s, sp, 64, false, (x, y) -> mask(d(x) > d(y)));
            case F64X2_LE -> binary(s, sp, 64, false, (x, y) -> mask(d(x) <= d(y)));
            case F64X2_GE -> binary(s, sp, 64, false, (x, y) -> mask(d(x) >= d(y)));
            case I8X16_ABS -> unary(s, sp, 8, true, Math::abs);
            case I16X8_ABS -> unary(s, sp, 16, true, Math::abs);
            case I32X4_ABS -> unary(s, sp, 32, true, Math::abs);
            case I64X2_ABS -> unary(s, sp, 64, true, Math::abs);
            case I8X16_NEG -> unary(s, sp, 8, true, x -> -x);
            case I16X8_NEG -> unary(s, sp, 16, true, x -> -x);
            case I32X4_NEG -> unary(s, sp, 32, true, x -> -x);
            case I64X2_NEG -> unary(s, sp, 64, true, x -> -x);
            case I8X16_POPCNT -> unary(s, sp, 8, false, Long::bitCount);
            case I8X16_ADD -> binary(s, sp, 8, true, Long::sum);
            case I16X8_ADD -> binary(s, sp, 16, true, Long::sum);
            case I32X4_ADD -> binary(s, sp, 32, true, Long::sum);
            case I64X2_ADD -> binary(s, sp, 64, true, Long::sum);
            case I8X16_SUB -> binary(s, sp, 8, true, (x, y) -> x - y);
            case I16X8_SUB -> binary(s, sp, 16, true, (x, y) -> x - y);
            case I32X4_SUB -> binary(s, sp, 32, true, (x, y) -> x - y);
            case I64X2_SUB -> binary(s, sp, 64, true, (x, y) -> x - y);
            case I16X8_MUL -> binary(s, sp, 16, true, (x, y) -> x * y);
            case I32X4_MUL -> binary(s, sp, 32, true, (x, y) -> x * y);
            case I64X2_MUL -> binary(s, sp, 64, true, (x, y) -> x * y);
            case I8X16_ADD_SAT_S -> binary(s, sp, 8, true, (x, y) -> satS(x + y, 8));
            case I8X16_ADD_SAT_U -> binary(s, sp, 8, false, (x, y) -> satU(x + y, 8));
            case I8X16_SUB_SAT_S -> binary(s, sp, 8, true, (x, y) -> satS(x - y, 8));
            case I8X16_SUB_SAT_U -> binary(s, sp, 8, false, (x, y) -> satU(x - y, 8));
            case I16X8_ADD_SAT_S -> binary(s, sp, 16, true, (x, y) -> satS(x + y, 16));
            case I16X8_ADD_SAT_U -> binary(s, sp, 16, false, (x, y) -> satU(x + y, 16));
            case I16X8_SUB_SAT_S -> binary(s, sp, 16, true, (x, y) -> satS(x - y, 16));
            case I16X8_SUB_SAT_U -> binary(s, sp, 16, false, (x, y) -> satU(x - y, 16));
            case I8X16_MIN_S, I8X16_MIN_U -> binary(s, sp, 8, op == Op.I8X16_MIN_S, Math::min);
            case I8X16_MAX_S, I8X16_MAX_U -> binary(s, sp, 8, op == Op.I8X16_MAX_S, Math::max);
            case I16X8_MIN_S, I16X8_MIN_U -> binary(s, sp, 16, op == Op.I16X8_MIN_S, Math::min);
            case I16X8_MAX_S, I16X8_MAX_U -> binary(s, sp, 16, op == Op.I16X8_MAX_S, Math::max);
            case I32X4_MIN_S, I32X4_MIN_U -> binary(s, sp, 32, op == Op.I32X4_MIN_S, Math::min);
            case I32X4_MAX_S, I32X4_MAX_U -> binary(s, sp, 32, op == Op.I32X4_MAX_S, Math::max);
            case I8X16_AVGR_U -> binary(s, sp, 8, false, (x, y) -> (x + y + 1) >>> 1);
            case I16X8_AVGR_U -> binary(s, sp, 16, false, (x, y) -> (x + y + 1) >>> 1);
            case I16X8_Q15MULR_SAT_S -> binary(s, sp, 16, true, (x, y) -> satS((x * y + 0x4000) >> 15, 16));
            case I8X16_SHL -> shift(s, sp, 8, true, (x, n) -> x << n);
            case I8X16_SHR_S -> shift(s, sp, 8, true, (x, n) -> x >> n);
            case I8X16_SHR_U -> shift(s, sp, 8, false, (x, n) -> x >>> n);
            case I16X8_SHL -> shift(s, sp, 16, true, (x, n) -> x << n);
            case I16X8_SHR_S -> shift(s, sp, 16, true, (x, n) -> x >> n);
            case I16X8_SHR_U -> shift(s, sp, 16, false, (x, n) -> x >>> n);
            case I32X4_SHL -> shift(s, sp, 32, true, (x, n) -> x << n);
            case I32X4_SHR_S -> shift(s, sp, 32, true, (x, n) -> x >> n);
            case I32X4_SHR_U -> shift(s, sp, 32, false, (x, n) -> x >>> n);
            case I64X2_SHL -> shift(s, sp, 64, true, (x, n) -> x << n);
            case I64X2_SHR_S -> shift(s, sp, 64, true, (x, n) -> x >> n);
            case I64X2_SHR_U -> shift(s, sp, 64, false, (x, n) -> x >>> n);
            case I8X16_ALL_TRUE -> allTrue(s, sp, 8);
            case I16X8_ALL_TRUE -> allTrue(s, sp, 16);
            case I32X4_ALL_TRUE -> allTrue(s, sp, 32);
            case I64X2_ALL_TRUE -> allTrue(s, sp, 64);
            case I8X16_BITMASK -> bitmask(s, sp, 8);
            case I16X8_BITMASK -> bitmask(s, sp, 16);
            case I32X4_BITMASK -> bitmask(s, sp, 32);
            case I64X2_BITMASK -> bitmask(s, sp, 64);
            case F32X4_ABS -> unary(s, sp, 32, false, x -> x & 0x7FFF_FFFFL);
            case F32X4_NEG -> unary(s, sp, 32, false, x -> x ^ 0x8000_0000L);
            case F64X2_ABS -> unary(s, sp, 64, false, x -> x & Long.MAX_VALUE);
            case F64X2_NEG -> unary(s, sp, 64, false, x -> x ^ Long.MIN_VALUE);
            case F32X4_SQRT -> unary(s, sp, 32, false, x -> VectorLanes.f32Quiet((float) Math.sqrt(f(x))));
            case F64X2_SQRT -> unary(s, sp, 64, false, x -> db(Math.sqrt(d(x))));
            case F32X4_CEIL -> unary(s, sp, 32, false, x -> f32Round(x, Math::ceil));
            case F32X4_FLOOR -> unary(s, sp, 32, false, x -> f32Round(x, Math::floor));
            case F32X4_TRUNC -> unary(s, sp, 32, false, x -> f32Round(x, VectorArithmetic::trunc));
            case F32X4_NEAREST -> unary(s, sp, 32, false, x -> f32Round(x, Math::rint));
            case F64X2_CEIL -> unary(s, sp, 64, false, x -> f64Round(x, Math::ceil));
            case F64X2_FLOOR -> unary(s, sp, 64, false, x -> f64Round(x, Math::floor));
            case F64X2_TRUNC -> unary(s, sp, 64, false, x -> f64Round(x, VectorArithmetic::trunc));
            case F64X2_NEAREST -> unary(s, sp, 64, false, x -> f64Round(x, Math::rint));
            case F32X4_ADD -> binary(s, sp, 32, false, (x, y) -> fb(f(x) + f(y)));
            case F32X4_SUB -> binary(s, sp, 32, false, (x, y) -> fb(f(x) - f(y)));
            case F32X4_MUL -> binary(s, sp, 32, false, (x, y) -> fb(f(x) * f(y)));
            case F32X4_DIV -> binary(s, sp, 32, false, (x, y) -> fb(f(x) / f(y)));
            case F32X4_MIN -> binary(s, sp, 32, false, (x, y) -> VectorLanes.f32Quiet(Math.min(f(x), f(y))));
            case F32X4_MAX -> binary(s, sp, 32, false, (x, y) -> VectorLanes.f32Quiet(Math.max(f(x), f(y))));
            case F32X4_PMIN -> binary(s, sp, 32, false, (x, y) -> f(y) < f(x) ? y : x);
            case F32X4_PMAX -> binary(s, sp, 32, false, (x, y) -> f(x) < f(y) ? y : x);
            case F64X2_ADD -> binary(s, sp, 64, false, (x, y) -> db(d(x) + d(y)));
            case F64X2_SUB -> binary(s, sp, 64, false, (x, y) -> db(d(x) - d(y)));
            case F64X2_MUL -> binary(s, sp, 64, false, (x, y) -> db(d(x) * d(y)));
            case F64X2_DIV -> binary(s, sp, 64, false, (x, y) -> db(d(x) / d(y)));
            case F64X2_MIN -> binary(s, sp, 64, false, (x, y) -> VectorLanes.f64Quiet(Math.min(d(x), d(y))));
            case F64X2_MAX -> binary(s, sp, 64, false, (x, y) -> VectorLanes.f64Quiet(Math.max(d(x), d(y))));
            case F64X2_PMIN -> binary(s, sp, 64, false, (x, y) -> d(y) < d(x) ? y : x);
            case F64X2_PMAX -> binary(s, sp, 64, false, (x, y) -> d(x) < d(y) ? y : x);
            default -> VectorConversions.run(op, s, sp);
        };
    }

    private static double trunc(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    private static int shift(long[] s, int sp, int bits, boolean signed, java.util.function.LongBinaryOperator f) {
        int n = (int) (s[sp - 1] & (bits - 1));
        return unary(s, sp - 1, bits, signed, x -> f.applyAsLong(x, n));
    }

    private static int allTrue(long[] s, int sp, int bits) {
        long[] x = VectorLanes.split(s[sp - 2], s[sp - 1], bits, false);
        boolean all = true;
        for (long v : x) {
            all &= v != 0;
        }
        s[sp - 2] = all ? 1 : 0;
        return sp - 1;
    }

    private static int bitmask(long[] s, int sp, int bits) {
        long[] x = VectorLanes.split(s[sp - 2], s[sp - 1], bits, true);
        long m = 0;
        for (int i = 0; i < x.length; i++) {
            m |= x[i] < 0 ? 1L << i : 0;
        }
        s[sp - 2] = m;
        return sp - 1;
    }
}
