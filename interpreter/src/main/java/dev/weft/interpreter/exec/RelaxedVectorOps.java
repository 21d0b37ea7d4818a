package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.VectorLanes.join;
import static dev.weft.interpreter.exec.VectorLanes.split;

import dev.weft.interpreter.ast.Op;

/**
 * The relaxed SIMD instructions, each given one deterministic behaviour among those the
 * proposal allows (the same on every call and every tier):
 * <ul>
 * <li>{@code relaxed_swizzle}, {@code relaxed_trunc*}, {@code relaxed_min/max} and
 *     {@code relaxed_q15mulr_s} behave as their non-relaxed counterparts ({@code swizzle},
 *     {@code trunc_sat*}, {@code min/max}, {@code q15mulr_sat_s}): out-of-range indices give 0,
 *     NaN truncates to 0 and out-of-range values saturate, NaNs and signed zeros as min/max;</li>
 * <li>{@code relaxed_madd}/{@code relaxed_nmadd} are fused ({@link Math#fma}, one rounding);</li>
 * <li>{@code relaxed_laneselect} is {@code v128.bitselect} (every bit of the mask counts);</li>
 * <li>{@code relaxed_dot_i8x16_i7x16_s} multiplies both operands as signed bytes and adds each
 *     pair with signed saturation to 16 bits; {@code relaxed_dot_i8x16_i7x16_add_s} adds those
 *     16-bit sums pairwise into 32 bits, plus the accumulator (wrapping).</li>
 * </ul>
 */
final class RelaxedVectorOps {
    private RelaxedVectorOps() {}

    /** Runs relaxed SIMD instruction {@code op} on the v128 operands ending at {@code sp}; returns the new sp. */
    static int run(Op op, long[] s, int sp) {
        return switch (op) {
            case I8X16_RELAXED_SWIZZLE -> VectorOps.swizzle(s, sp);
            case I32X4_RELAXED_TRUNC_F32X4_S -> VectorArithmetic.run(Op.I32X4_TRUNC_SAT_F32X4_S, s, sp);
            case I32X4_RELAXED_TRUNC_F32X4_U -> VectorArithmetic.run(Op.I32X4_TRUNC_SAT_F32X4_U, s, sp);
            case I32X4_RELAXED_TRUNC_F64X2_S_ZERO -> VectorArithmetic.run(Op.I32X4_TRUNC_SAT_F64X2_S_ZERO, s, sp);
            case I32X4_RELAXED_TRUNC_F64X2_U_ZERO -> VectorArithmetic.run(Op.I32X4_TRUNC_SAT_F64X2_U_ZERO, s, sp);
            case F32X4_RELAXED_MIN -> VectorArithmetic.run(Op.F32X4_MIN, s, sp);
            case F32X4_RELAXED_MAX -> VectorArithmetic.run(Op.F32X4_MAX, s, sp);
            case F64X2_RELAXED_MIN -> VectorArithmetic.run(Op.F64X2_MIN, s, sp);
            case F64X2_RELAXED_MAX -> VectorArithmetic.run(Op.F64X2_MAX, s, sp);
            case I16X8_RELAXED_Q15MULR_S -> VectorArithmetic.run(Op.I16X8_Q15MULR_SAT_S, s, sp);
            case F32X4_RELAXED_MADD -> madd(s, sp, 32, false);
            case F32X4_RELAXED_NMADD -> madd(s, sp, 32, true);
            case F64X2_RELAXED_MADD -> madd(s, sp, 64, false);
            case F64X2_RELAXED_NMADD -> madd(s, sp, 64, true);
            case I8X16_RELAXED_LANESELECT, I16X8_RELAXED_LANESELECT, I32X4_RELAXED_LANESELECT,
                 I64X2_RELAXED_LANESELECT -> laneselect(s, sp);
            case I16X8_RELAXED_DOT_I8X16_I7X16_S -> {
                join(dot16(s, sp), 16, s, sp - 4);
                yield sp - 2;
            }
            case I32X4_RELAXED_DOT_I8X16_I7X16_ADD_S -> dotAdd(s, sp);
            default -> throw new IllegalStateException("internal: not a SIMD instruction: " + op);
        };
    }

    /** {@code a b c} (three v128s) to {@code a*b+c} lane by lane, or {@code -(a*b)+c}, rounded once. */
    private static int madd(long[] s, int sp, int bits, boolean negate) {
        long[] a = split(s[sp - 6], s[sp - 5], bits, false);
        long[] b = split(s[sp - 4], s[sp - 3], bits, false);
        long[] c = split(s[sp - 2], s[sp - 1], bits, false);
        for (int i = 0; i < a.length; i++) {
            if (bits == 32) {
                float x = Float.intBitsToFloat((int) a[i]);
                float r = Math.fma(negate ? -x : x, Float.intBitsToFloat((int) b[i]), Float.intBitsToFloat((int) c[i]));
                a[i] = VectorLanes.f32Quiet(r);
            } else {
                double x = Double.longBitsToDouble(a[i]);
                double r = Math.fma(negate ? -x : x, Double.longBitsToDouble(b[i]), Double.longBitsToDouble(c[i]));
                a[i] = VectorLanes.f64Quiet(r);
            }
        }
        join(a, bits, s, sp - 6);
        return sp - 4;
    }

    /** {@code a b mask}: the bits of {@code a} where the mask is 1, of {@code b} where it is 0. */
    private static int laneselect(long[] s, int sp) {
        for (int h = 0; h < 2; h++) {
            long m = s[sp - 2 + h];
            s[sp - 6 + h] = (s[sp - 6 + h] & m) | (s[sp - 4 + h] & ~m);
        }
        return sp - 4;
    }

    /** The eight 16-bit lanes of the dot product of the two v128s below {@code sp} (signed bytes, saturated pair sums). */
    private static long[] dot16(long[] s, int sp) {
        long[] a = split(s[sp - 4], s[sp - 3], 8, true);
        long[] b = split(s[sp - 2], s[sp - 1], 8, true);
        long[] r = new long[8];
        for (int i = 0; i < 8; i++) {
            r[i] = VectorOps.satS(a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1], 16);
        }
        return r;
    }

    private static int dotAdd(long[] s, int sp) {
        long[] pairs = dot16(s, sp - 2);
        long[] acc = split(s[sp - 2], s[sp - 1], 32, true);
        for (int i = 0; i < 4; i++) {
            acc[i] += pairs[2 * i] + pairs[2 * i + 1];
        }
        join(acc, 32, s, sp - 6);
        return sp - 4;
    }
}
