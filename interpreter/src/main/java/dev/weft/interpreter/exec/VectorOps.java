package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.VectorLanes.clamp;
import static dev.weft.interpreter.exec.VectorLanes.f32Quiet;
import static dev.weft.interpreter.exec.VectorLanes.f64Quiet;
import static dev.weft.interpreter.exec.VectorLanes.join;
import static dev.weft.interpreter.exec.VectorLanes.split;

import dev.weft.interpreter.ast.Op;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * Executes the SIMD (v128) instructions other than memory accesses, in plain scalar Java.
 * A v128 occupies two operand slots, low 64 bits first. The lowered form is
 * {@code EXT SIMD op a b c d} (see {@link dev.weft.interpreter.code.ExtOps#SIMD}).
 */
final class VectorOps {
    private static final Op[] OPS = Op.values();
    /** Immediates after the SIMD sub-opcode: the op's ordinal and four ints. */
    static final int IMMEDIATES = 5;

    private VectorOps() {}

    /** Runs the SIMD instruction whose sub-opcode is at {@code code[pc]}; returns the new sp. */
    static int run(ExecStack st, ModuleInstance inst, int[] code, int pc, int sp) {
        Op op = OPS[code[pc + 1]];
        int a = code[pc + 2];
        int b = code[pc + 3];
        int c = code[pc + 4];
        int d = code[pc + 5];
        if (VectorMemory.handles(op)) {
            return VectorMemory.run(op, st.slots, sp, inst.memories[a], ((long) b << 32) | (c & 0xFFFF_FFFFL), d);
        }
        return apply(op, st.slots, sp, a, b, c, d);
    }

    /**
     * Runs SIMD instruction {@code op} (not a memory access) with immediates {@code a..d} (as
     * lowered) on the operands in {@code s} below {@code sp}; returns the new sp. Also the
     * compiled tier's way to run it ({@link CompiledVectors}).
     */
    static int apply(Op op, long[] s, int sp, int a, int b, int c, int d) {
        return switch (op) {
            case V128_CONST -> {
                s[sp] = (a & 0xFFFF_FFFFL) | ((long) b << 32);
                s[sp + 1] = (c & 0xFFFF_FFFFL) | ((long) d << 32);
                yield sp + 2;
            }
            case I8X16_SHUFFLE -> shuffle(s, sp, a, b, c, d);
            case I8X16_SWIZZLE -> swizzle(s, sp);
            case I8X16_SPLAT -> splat(s, sp, 8, s[sp - 1]);
            case I16X8_SPLAT -> splat(s, sp, 16, s[sp - 1]);
            case I32X4_SPLAT, F32X4_SPLAT -> splat(s, sp, 32, s[sp - 1]);
            case I64X2_SPLAT, F64X2_SPLAT -> splat(s, sp, 64, s[sp - 1]);
            case I8X16_EXTRACT_LANE_S -> extract(s, sp, 8, a, true);
            case I8X16_EXTRACT_LANE_U -> extract(s, sp, 8, a, false);
            case I16X8_EXTRACT_LANE_S -> extract(s, sp, 16, a, true);
            case I16X8_EXTRACT_LANE_U -> extract(s, sp, 16, a, false);
            case I32X4_EXTRACT_LANE -> extract(s, sp, 32, a, true);
            case F32X4_EXTRACT_LANE -> extract(s, sp, 32, a, false);
            case I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> extract(s, sp, 64, a, false);
            case I8X16_REPLACE_LANE -> replace(s, sp, 8, a);
            case I16X8_REPLACE_LANE -> replace(s, sp, 16, a);
            case I32X4_REPLACE_LANE, F32X4_REPLACE_LANE -> replace(s, sp, 32, a);
            case I64X2_REPLACE_LANE, F64X2_REPLACE_LANE -> replace(s, sp, 64, a);
            case V128_NOT -> {
                s[sp - 2] = ~s[sp - 2];
                s[sp - 1] = ~s[sp - 1];
                yield sp;
            }
            case V128_AND -> bitwise(s, sp, (x, y) -> x & y);
            case V128_ANDNOT -> bitwise(s, sp, (x, y) -> x & ~y);
            case V128_OR -> bitwise(s, sp, (x, y) -> x | y);
            case V128_XOR -> bitwise(s, sp, (x, y) -> x ^ y);
            case V128_BITSELECT -> {
                long m0 = s[sp - 2];
                long m1 = s[sp - 1];
                s[sp - 6] = (s[sp - 6] & m0) | (s[sp - 4] & ~m0);
                s[sp - 5] = (s[sp - 5] & m1) | (s[sp - 3] & ~m1);
                yield sp - 4;
            }
            case V128_ANY_TRUE -> {
                s[sp - 2] = (s[sp - 2] | s[sp - 1]) != 0 ? 1 : 0;
                yield sp - 1;
            }
            default -> VectorArithmetic.run(op, s, sp);
        };
    }

    /** {@code select} of two v128s: {@code lo1 hi1 lo2 hi2 cond}. */
    static int select(long[] s, int sp) {
        if ((int) s[sp - 1] == 0) {
            s[sp - 5] = s[sp - 3];
            s[sp - 4] = s[sp - 2];
        }
        return sp - 3;
    }

    /** {@code global.get} of a v128 global (low bits in {@code bits}, high bits as a Long in {@code ref}). */
    static int globalGet(long[] s, int sp, GlobalInstance g) {
        s[sp] = g.bits;
        s[sp + 1] = g.ref instanceof Long hi ? hi : 0;
        return sp + 2;
    }

    /** {@code global.set} of a v128 global. */
    static int globalSet(long[] s, int sp, GlobalInstance g) {
        g.bits = s[sp - 2];
        g.ref = s[sp - 1];
        return sp - 2;
    }

    private static int shuffle(long[] s, int sp, int a, int b, int c, int d) {
        long[] x = split(s[sp - 4], s[sp - 3], 8, false);
        long[] y = split(s[sp - 2], s[sp - 1], 8, false);
        long[] r = new long[16];
        int[] imm = {a, b, c, d};
        for (int i = 0; i < 16; i++) {
            int k = (imm[i / 4] >>> (8 * (i % 4))) & 0xFF;
            r[i] = k < 16 ? x[k] : y[k - 16];
        }
        join(r, 8, s, sp - 4);
        return sp - 2;
    }

    static int swizzle(long[] s, int sp) {
        long[] x = split(s[sp - 4], s[sp - 3], 8, false);
        long[] k = split(s[sp - 2], s[sp - 1], 8, false);
        for (int i = 0; i < 16; i++) {
            k[i] = k[i] < 16 ? x[(int) k[i]] : 0;
        }
        join(k, 8, s, sp - 4);
        return sp - 2;
    }

    private static int splat(long[] s, int sp, int bits, long v) {
        long[] r = new long[128 / bits];
        java.util.Arrays.fill(r, v);
        join(r, bits, s, sp - 1);
        return sp + 1;
    }

    private static int extract(long[] s, int sp, int bits, int lane, boolean signed) {
        s[sp - 2] = VectorLanes.get(s[sp - 2], s[sp - 1], bits, lane, signed);
        return sp - 1;
    }

    private static int replace(long[] s, int sp, int bits, int lane) {
        long[] r = split(s[sp - 3], s[sp - 2], bits, false);
        r[lane] = s[sp - 1];
        join(r, bits, s, sp - 3);
        return sp - 1;
    }

    private static int bitwise(long[] s, int sp, LongBinaryOperator f) {
        s[sp - 4] = f.applyAsLong(s[sp - 4], s[sp - 2]);
        s[sp - 3] = f.applyAsLong(s[sp - 3], s[sp - 1]);
        return sp - 2;
    }

    /** Applies {@code f} to every lane of the v128 on top of the stack. */
    static int unary(long[] s, int sp, int bits, boolean signed, LongUnaryOperator f) {
        long[] x = split(s[sp - 2], s[sp - 1], bits, signed);
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsLong(x[i]);
        }
        join(x, bits, s, sp - 2);
        return sp;
    }

    /** Applies {@code f} lane by lane to the two v128s on top of the stack. */
    static int binary(long[] s, int sp, int bits, boolean signed, LongBinaryOperator f) {
        long[] x = split(s[sp - 4], s[sp - 3], bits, signed);
        long[] y = split(s[sp - 2], s[sp - 1], bits, signed);
        for (int i = 0; i < x.length; i++) {
            x[i] = f.applyAsLong(x[i], y[i]);
        }
        join(x, bits, s, sp - 4);
        return sp - 2;
    }

    /** Quiet-NaN-preserving f32 rounding. */
    static long f32Round(long bits, java.util.function.DoubleUnaryOperator f) {
        return f32Quiet((float) f.applyAsDouble(Float.intBitsToFloat((int) bits)));
    }

    /** Quiet-NaN-preserving f64 rounding. */
    static long f64Round(long bits, java.util.function.DoubleUnaryOperator f) {
        return f64Quiet(f.applyAsDouble(Double.longBitsToDouble(bits)));
    }

    /** Saturates {@code v} to the signed range of {@code bits}. */
    static long satS(long v, int bits) {
        return clamp(v, -(1L << (bits - 1)), (1L << (bits - 1)) - 1);
    }

    /** Saturates {@code v} to the unsigned range of {@code bits}. */
    static long satU(long v, int bits) {
        return clamp(v, 0, (1L << bits) - 1);
    }
}
