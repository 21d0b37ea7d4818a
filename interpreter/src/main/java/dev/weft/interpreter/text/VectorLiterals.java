package dev.weft.interpreter.text;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;

/**
 * The SIMD immediates of the text format: {@code v128.const SHAPE lane*} (the lanes' literals
 * as for the scalar type of the shape, packed little-endian), {@code i8x16.shuffle}'s 16 lane
 * indices, and the lane index of lane instructions (an unsigned byte).
 */
final class VectorLiterals {
    private VectorLiterals() {}

    /** {@code v128.const i32x4 1 2 3 4} and the other shapes. */
    static Instruction v128Const(Cursor c) {
        Token shapeToken = c.peekToken(Token.Kind.ATOM);
        if (shapeToken == null) {
            throw c.error("unexpected token");
        }
        int laneBits = switch (shapeToken.text()) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw c.error("unexpected token");
        };
        c.next();
        boolean floats = shapeToken.text().startsWith("f");
        int lanes = 128 / laneBits;
        Token[] literals = new Token[lanes];
        for (int i = 0; i < lanes; i++) {
            literals[i] = c.peekToken(Token.Kind.ATOM);
            if (literals[i] == null) {
                throw c.error("wrong number of lane literals");
            }
            c.next();
        }
        if (c.peekToken(Token.Kind.ATOM) != null) {
            throw c.error("wrong number of lane literals");
        }
        long[] halves = new long[2];
        for (int i = 0; i < lanes; i++) {
            Token t = literals[i];
            long bits = floats
                    ? laneBits == 32 ? Numbers.f32(t) : Numbers.f64(t)
                    : Numbers.integer(t, laneBits);
            put(halves, i * laneBits, laneBits, bits);
        }
        return new Instruction.Vector(Op.V128_CONST, halves[0], halves[1]);
    }

    /** {@code i8x16.shuffle} with exactly 16 lane indices (their range is checked by validation). */
    static Instruction shuffle(Cursor c) {
        long[] halves = new long[2];
        for (int i = 0; i < 16; i++) {
            if (c.peekToken(Token.Kind.ATOM) == null) {
                throw c.error("invalid lane length");
            }
            put(halves, i * 8, 8, laneByte(c));
        }
        if (c.peekToken(Token.Kind.ATOM) != null) {
            throw c.error("invalid lane length");
        }
        return new Instruction.Vector(Op.I8X16_SHUFFLE, halves[0], halves[1]);
    }

    /**
     * The lane index of {@code extract_lane}, {@code replace_lane} and the memory lane forms: an
     * unsigned integer literal ("unexpected token" otherwise) below 256.
     */
    static int laneIndex(Cursor c) {
        Token t = c.peekToken(Token.Kind.ATOM);
        if (t == null || !Numbers.isUnsigned(t.text())) {
            throw c.error("unexpected token");
        }
        return laneByte(c);
    }

    /** An unsigned literal below 256, else "malformed lane index". */
    private static int laneByte(Cursor c) {
        Token t = ((SExpr.Atom) c.next()).token();
        if (!Numbers.isUnsigned(t.text())) {
            throw new TextException("malformed lane index", t);
        }
        try {
            return (int) Numbers.unsigned(t, 8);
        } catch (TextException outOfRange) {
            throw new TextException("malformed lane index", t);
        }
    }

    /** Stores the low {@code bits} of {@code value} at bit {@code at} of the 128-bit pair. */
    private static void put(long[] halves, int at, int bits, long value) {
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        halves[at / 64] |= (value & mask) << (at % 64);
    }
}
