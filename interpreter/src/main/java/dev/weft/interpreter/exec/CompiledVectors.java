package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.exec.memory.MemoryInstance;

/**
 * The SIMD instructions for compiled code: each entry point puts its operands in a small slot
 * array as the interpreter's operand stack holds them (a v128 in two slots, low half first, a
 * scalar in one) and runs the interpreter's own implementation ({@link VectorOps#apply},
 * {@link VectorMemory#run}), so both tiers compute, trap and choose the relaxed behaviours
 * alike. {@code op} is the instruction's {@link Op} ordinal; scalars come widened to
 * {@code long} (an i32 or f32 by {@code i2l}) and scalar results leave as {@code long}. A v128
 * operand is typed {@code Object} (compiled code keeps every non-number as one) and is a
 * {@link V128}.
 */
public final class CompiledVectors {
    private static final Op[] OPS = Op.values();
    /** Room for three v128 operands. */
    private static final int SLOTS = 6;

    private CompiledVectors() {}

    private static V128 v128(long[] s, int at) {
        return V128.of(s[at], s[at + 1]);
    }

    /** A v128 → v128 instruction (unary, conversion, extension). */
    public static V128 unary(Object v, int op) {
        V128 x = (V128) v;
        long[] s = {x.lo, x.hi, 0, 0, 0, 0};
        VectorOps.apply(OPS[op], s, 2, 0, 0, 0, 0);
        return v128(s, 0);
    }

    /** A (v128, v128) → v128 instruction; {@code a..d}: a shuffle's lane bytes, else 0. */
    public static V128 binary(Object v, Object w, int op, int a, int b, int c, int d) {
        V128 x = (V128) v;
        V128 y = (V128) w;
        long[] s = {x.lo, x.hi, y.lo, y.hi, 0, 0};
        VectorOps.apply(OPS[op], s, 4, a, b, c, d);
        return v128(s, 0);
    }

    /** A (v128, v128, v128) → v128 instruction (bitselect, relaxed multiply-adds, lane select). */
    public static V128 ternary(Object v, Object w, Object u, int op) {
        V128 x = (V128) v;
        V128 y = (V128) w;
        V128 z = (V128) u;
        long[] s = {x.lo, x.hi, y.lo, y.hi, z.lo, z.hi};
        VectorOps.apply(OPS[op], s, 6, 0, 0, 0, 0);
        return v128(s, 0);
    }

    /** A v128 → scalar instruction (any_true, all_true, bitmask, extract_lane {@code lane}). */
    public static long scalar(Object v, int op, int lane) {
        V128 x = (V128) v;
        long[] s = {x.lo, x.hi};
        VectorOps.apply(OPS[op], s, 2, lane, 0, 0, 0);
        return s[0];
    }

    /** A scalar → v128 instruction (splat). */
    public static V128 splat(long v, int op) {
        long[] s = {v, 0};
        VectorOps.apply(OPS[op], s, 1, 0, 0, 0, 0);
        return v128(s, 0);
    }

    /** A (v128, scalar) → v128 instruction (shifts, replace_lane {@code lane}). */
    public static V128 withScalar(Object v, long scalar, int op, int lane) {
        V128 x = (V128) v;
        long[] s = {x.lo, x.hi, scalar};
        VectorOps.apply(OPS[op], s, 3, lane, 0, 0, 0);
        return v128(s, 0);
    }

    /** A v128 load (plain, extending, splat, zero) from raw address {@code addr} (an i32 as {@code i2l}). */
    public static V128 load(long addr, MemoryInstance m, int op, long offset) {
        long[] s = {addr, 0};
        VectorMemory.run(OPS[op], s, 1, m, offset, 0);
        return v128(s, 0);
    }

    /** {@code v128.loadN_lane}: {@code x} with lane {@code lane} loaded from memory. */
    public static V128 loadLane(long addr, Object v, MemoryInstance m, int op, long offset, int lane) {
        V128 x = (V128) v;
        long[] s = {addr, x.lo, x.hi};
        VectorMemory.run(OPS[op], s, 3, m, offset, lane);
        return v128(s, 0);
    }

    /** {@code v128.store} and {@code v128.storeN_lane} of {@code x}. */
    public static void store(long addr, Object v, MemoryInstance m, int op, long offset, int lane) {
        V128 x = (V128) v;
        long[] s = {addr, x.lo, x.hi};
        VectorMemory.run(OPS[op], s, 3, m, offset, lane);
    }

    /** {@code global.get} of a v128 global. */
    public static V128 globalGet(GlobalInstance g) {
        long[] s = new long[2];
        VectorOps.globalGet(s, 0, g);
        return v128(s, 0);
    }

    /** {@code global.set} of a v128 global. */
    public static void globalSet(Object v, GlobalInstance g) {
        V128 x = (V128) v;
        VectorOps.globalSet(new long[] {x.lo, x.hi}, 2, g);
    }
}
