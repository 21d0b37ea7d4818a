package dev.weft.interpreter.exec.numeric;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Op;

/**
 * Float-to-integer truncations: the trapping forms ("invalid conversion to integer" for NaN,
 * "integer overflow" out of range) and the saturating forms. Range checks compare against
 * exactly representable bounds, so no rounding slips through.
 */
final class Truncations {
    private static final double TWO_31 = 2147483648.0;
    private static final double TWO_32 = 4294967296.0;
    private static final double TWO_63 = 9223372036854775808.0;
    private static final double TWO_64 = 18446744073709551616.0;

    private Truncations() {}

    static long apply(Op op, long x) {
        return switch (op) {
            case I32_TRUNC_F32_S -> i32S(NumericOps.f(x));
            case I32_TRUNC_F32_U -> i32U(NumericOps.f(x));
            case I32_TRUNC_F64_S -> i32S(NumericOps.d(x));
            case I32_TRUNC_F64_U -> i32U(NumericOps.d(x));
            case I64_TRUNC_F32_S -> i64S(NumericOps.f(x));
            case I64_TRUNC_F32_U -> i64U(NumericOps.f(x));
            case I64_TRUNC_F64_S -> i64S(NumericOps.d(x));
            case I64_TRUNC_F64_U -> i64U(NumericOps.d(x));
            case I32_TRUNC_SAT_F32_S -> (int) NumericOps.f(x);
            case I32_TRUNC_SAT_F32_U -> satI32U(NumericOps.f(x));
            case I32_TRUNC_SAT_F64_S -> (int) NumericOps.d(x);
            case I32_TRUNC_SAT_F64_U -> satI32U(NumericOps.d(x));
            case I64_TRUNC_SAT_F32_S -> (long) NumericOps.f(x);
            case I64_TRUNC_SAT_F32_U -> satI64U(NumericOps.f(x));
            case I64_TRUNC_SAT_F64_S -> (long) NumericOps.d(x);
            case I64_TRUNC_SAT_F64_U -> satI64U(NumericOps.d(x));
            default -> throw new IllegalStateException("internal: not a conversion: " + op);
        };
    }

    private static double checked(double v) {
        if (v != v) {
            throw new Trap(TrapKind.INVALID_CONVERSION);
        }
        return v;
    }

    private static Trap overflow() {
        return new Trap(TrapKind.INTEGER_OVERFLOW);
    }

    static int i32S(double v) {
        checked(v);
        if (v <= -TWO_31 - 1 || v >= TWO_31) {
            throw overflow();
        }
        return (int) v;
    }

    static int i32U(double v) {
        checked(v);
        if (v <= -1 || v >= TWO_32) {
            throw overflow();
        }
        return (int) (long) v;
    }

    static long i64S(double v) {
        checked(v);
        if (v < -TWO_63 || v >= TWO_63) {
            throw overflow();
        }
        return (long) v;
    }

    static long i64U(double v) {
        checked(v);
        if (v <= -1 || v >= TWO_64) {
            throw overflow();
        }
        return toU64(v);
    }

    private static long toU64(double v) {
        if (v < TWO_63) {
            return (long) v;
        }
        return (long) (v - TWO_63) ^ Long.MIN_VALUE;
    }

    static int satI32U(double v) {
        if (v != v || v <= 0) {
            return 0;
        }
        if (v >= TWO_32) {
            return -1;
        }
        return (int) (long) v;
    }

    static long satI64U(double v) {
        if (v != v || v <= 0) {
            return 0;
        }
        if (v >= TWO_64) {
            return -1L;
        }
        return toU64(v);
    }
}
