package dev.weft.interpreter.exec.numeric;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Op;

/**
 * Numeric operations too bulky for the dispatch loop: trapping division, float min/max/copysign
 * on raw bits, roundings and every conversion. Operands and results are slot values: i32 and f32
 * in the low 32 bits (upper bits ignored on input), i64 and f64 in all 64.
 */
public final class NumericOps {
    private static final Op[] OPS = Op.values();
    private static final int F32_SIGN = 0x8000_0000;
    private static final long F64_SIGN = 0x8000_0000_0000_0000L;

    private NumericOps() {}

    // ---- integer division ------------------------------------------------------------------

    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw new Trap(TrapKind.INTEGER_OVERFLOW);
        }
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Integer.divideUnsigned(a, b);
    }

    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Integer.remainderUnsigned(a, b);
    }

    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new Trap(TrapKind.INTEGER_OVERFLOW);
        }
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Long.divideUnsigned(a, b);
    }

    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO);
        }
        return Long.remainderUnsigned(a, b);
    }

    // ---- f32 on raw bits -------------------------------------------------------------------

    static float f(long slot) {
        return Float.intBitsToFloat((int) slot);
    }

    static long fb(float v) {
        return Float.floatToRawIntBits(v);
    }

    public static double d(long slot) {
        return Double.longBitsToDouble(slot);
    }

    public static long db(double v) {
        return Double.doubleToRawLongBits(v);
    }

    public static long f32Add(long a, long b) {
        return fb(f(a) + f(b));
    }

    public static long f32Sub(long a, long b) {
        return fb(f(a) - f(b));
    }

    public static long f32Mul(long a, long b) {
        return fb(f(a) * f(b));
    }

    public static long f32Div(long a, long b) {
        return fb(f(a) / f(b));
    }

    public static long f32Min(long a, long b) {
        float x = f(a);
        float y = f(b);
        if (x != x || y != y) {
            return fb(x + y);
        }
        return fb(Math.min(x, y));
    }

    public static long f32Max(long a, long b) {
        float x = f(a);
        float y = f(b);
        if (x != x || y != y) {
            return fb(x + y);
        }
        return fb(Math.max(x, y));
    }

    public static long f32Copysign(long a, long b) {
        return ((int) a & ~F32_SIGN) | ((int) b & F32_SIGN);
    }

    static long f32Abs(long a) {
        return (int) a & ~F32_SIGN;
    }

    static long f32Neg(long a) {
        return (int) a ^ F32_SIGN;
    }

    public static long f32Sqrt(long a) {
        return fb((float) Math.sqrt(f(a)));
    }

    // ---- f64 on raw bits -------------------------------------------------------------------

    public static long f64Add(long a, long b) {
        return db(d(a) + d(b));
    }

    public static long f64Sub(long a, long b) {
        return db(d(a) - d(b));
    }

    public static long f64Mul(long a, long b) {
        return db(d(a) * d(b));
    }

    public static long f64Div(long a, long b) {
        return db(d(a) / d(b));
    }

    public static long f64Min(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x != x || y != y) {
            return db(x + y);
        }
        return db(Math.min(x, y));
    }

    public static long f64Max(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x != x || y != y) {
            return db(x + y);
        }
        return db(Math.max(x, y));
    }

    public static long f64Copysign(long a, long b) {
        return (a & ~F64_SIGN) | (b & F64_SIGN);
    }

    static long f64Abs(long a) {
        return a & ~F64_SIGN;
    }

    static long f64Neg(long a) {
        return a ^ F64_SIGN;
    }

    // ---- float comparisons (1 or 0) ---------------------------------------------------------

    public static long f32Eq(long a, long b) {
        return f(a) == f(b) ? 1 : 0;
    }

    public static long f32Ne(long a, long b) {
        return f(a) != f(b) ? 1 : 0;
    }

    public static long f32Lt(long a, long b) {
        return f(a) < f(b) ? 1 : 0;
    }

    public static long f32Gt(long a, long b) {
        return f(a) > f(b) ? 1 : 0;
    }

    public static long f32Le(long a, long b) {
        return f(a) <= f(b) ? 1 : 0;
    }

    public static long f32Ge(long a, long b) {
        return f(a) >= f(b) ? 1 : 0;
    }

    public static long f64Eq(long a, long b) {
        return d(a) == d(b) ? 1 : 0;
    }

    public static long f64Ne(long a, long b) {
        return d(a) != d(b) ? 1 : 0;
    }

    public static long f64Lt(long a, long b) {
        return d(a) < d(b) ? 1 : 0;
    }

    public static long f64Gt(long a, long b) {
        return d(a) > d(b) ? 1 : 0;
    }

    public static long f64Le(long a, long b) {
        return d(a) <= d(b) ? 1 : 0;
    }

    public static long f64Ge(long a, long b) {
        return d(a) >= d(b) ? 1 : 0;
    }

    // ---- conversions and roundings (sub-opcode = Op ordinal) --------------------------------

    /** Applies the unary operation {@code Op.values()[op]} to a slot value. */
    public static long convert(int op, long x) {
        return switch (OPS[op]) {
            case I64_EXTEND_I32_S -> (int) x;
            case I32_CLZ -> Integer.numberOfLeadingZeros((int) x);
            case I32_CTZ -> Integer.numberOfTrailingZeros((int) x);
            case I32_POPCNT -> Integer.bitCount((int) x);
            case I64_CLZ -> Long.numberOfLeadingZeros(x);
            case I64_CTZ -> Long.numberOfTrailingZeros(x);
            case I64_POPCNT -> Long.bitCount(x);
            case F32_ABS -> f32Abs(x);
            case F32_NEG -> f32Neg(x);
            case F64_ABS -> f64Abs(x);
            case F64_NEG -> f64Neg(x);
            case I64_EXTEND_I32_U -> x & 0xFFFF_FFFFL;
            case I32_EXTEND8_S, I64_EXTEND8_S -> (byte) x;
            case I32_EXTEND16_S, I64_EXTEND16_S -> (short) x;
            case I64_EXTEND32_S -> (int) x;
            case F32_CEIL -> fb((float) Math.ceil(f(x)));
            case F32_FLOOR -> fb((float) Math.floor(f(x)));
            case F32_TRUNC -> fb(truncF(f(x)));
            case F32_NEAREST -> fb((float) Math.rint(f(x)));
            case F64_CEIL -> quiet(db(Math.ceil(d(x))));
            case F64_FLOOR -> quiet(db(Math.floor(d(x))));
            case F64_TRUNC -> quiet(db(truncD(d(x))));
            case F64_NEAREST -> quiet(db(Math.rint(d(x))));
            case F32_DEMOTE_F64 -> fb((float) d(x));
            case F64_PROMOTE_F32 -> db(f(x));
            case F32_CONVERT_I32_S -> fb((float) (int) x);
            case F32_CONVERT_I32_U -> fb((float) (x & 0xFFFF_FFFFL));
            case F32_CONVERT_I64_S -> fb((float) x);
            case F32_CONVERT_I64_U -> fb(u64ToFloat(x));
            case F64_CONVERT_I32_S -> db((int) x);
            case F64_CONVERT_I32_U -> db(x & 0xFFFF_FFFFL);
            case F64_CONVERT_I64_S -> db((double) x);
            case F64_CONVERT_I64_U -> db(u64ToDouble(x));
            default -> Truncations.apply(OPS[op], x);
        };
    }

    /**
     * The rounding functions of {@link Math} return a signalling NaN argument unchanged; Wasm
     * requires an arithmetic (quiet) NaN result, so set the quiet bit on any NaN.
     */
    private static long quiet(long bits) {
        boolean nan = (bits & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L
                && (bits & 0x000F_FFFF_FFFF_FFFFL) != 0;
        return nan ? bits | 0x0008_0000_0000_0000L : bits;
    }

    private static float truncF(float v) {
        return v < 0 ? (float) Math.ceil(v) : (float) Math.floor(v);
    }

    private static double truncD(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** Unsigned 64-bit integer to float with a single rounding. */
    static float u64ToFloat(long x) {
        if (x >= 0) {
            return (float) x;
        }
        // halve keeping the lowest bit sticky so the final rounding is correct
        return (float) ((x >>> 1) | (x & 1)) * 2f;
    }

    /** Unsigned 64-bit integer to double with a single rounding. */
    static double u64ToDouble(long x) {
        if (x >= 0) {
            return (double) x;
        }
        return (double) ((x >>> 1) | (x & 1)) * 2.0;
    }
}
