package dev.weft.wast;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.text.Numbers;
import java.util.List;

/** Script {@code v128.const} arguments and result patterns (lanes may be NaN patterns) against engine v128 values. */
final class V128Lanes {
    private V128Lanes() {}

    private static int laneBits(String shape) {
        return switch (shape) {
            case "i8x16" -> 8;
            case "i16x8" -> 16;
            case "i32x4", "f32x4" -> 32;
            case "i64x2", "f64x2" -> 64;
            default -> throw new IllegalArgumentException("unknown v128 shape " + shape);
        };
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    private static long laneValue(String shape, int bits, String text) {
        if (shape.startsWith("f")) {
            return bits == 32 ? Numbers.f32(text, 0) & 0xFFFF_FFFFL : Numbers.f64(text, 0);
        }
        return Numbers.integer(text, bits, 0) & mask(bits);
    }

    private static long lane(Value v, int bits, int i) {
        int per = 64 / bits;
        long word = i < per ? v.bits() : v.v128High();
        return (word >>> (bits * (i % per))) & mask(bits);
    }

    /** The engine value of {@code (v128.const shape lanes)}. */
    static Value toValue(String shape, List<String> lanes) {
        int bits = laneBits(shape);
        int per = 64 / bits;
        long[] halves = new long[2];
        for (int i = 0; i < lanes.size(); i++) {
            halves[i / per] |= laneValue(shape, bits, lanes.get(i)) << (bits * (i % per));
        }
        return Value.v128(halves[0], halves[1]);
    }

    /** Whether {@code v} is a v128 whose lanes match {@code lanes} (exact bits, or a NaN pattern per float lane). */
    static boolean matches(String shape, List<String> lanes, Value v) {
        if (v.type() != NumType.V128) {
            return false;
        }
        int bits = laneBits(shape);
        for (int i = 0; i < lanes.size(); i++) {
            String text = lanes.get(i);
            long actual = lane(v, bits, i);
            boolean ok = text.equals("nan:canonical") || text.equals("nan:arithmetic")
                    ? isNan(actual, bits, text.equals("nan:canonical"))
                    : actual == laneValue(shape, bits, text);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNan(long bits, int width, boolean canonical) {
        if (width == 32) {
            long mask = canonical ? 0x7FFF_FFFFL : 0x7FC0_0000L;
            return (bits & mask) == 0x7FC0_0000L;
        }
        long mask = canonical ? Long.MAX_VALUE : 0x7FF8_0000_0000_0000L;
        return (bits & mask) == 0x7FF8_0000_0000_0000L;
    }
}
