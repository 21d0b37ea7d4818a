package dev.weft.cli;

import dev.weft.interpreter.Value;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/** Parses command-line arguments by parameter type, and formats results. */
final class ArgumentParser {
    private ArgumentParser() {}

    /** Parses {@code text} as a value of {@code type}; {@code position} is 1-based, for messages. */
    static Value parse(ValType type, String text, int position) {
        try {
            return switch (type) {
                case NumType.I32 -> Value.i32((int) parseInteger(text, 32));
                case NumType.I64 -> Value.i64(parseInteger(text, 64));
                case NumType.F32 -> Value.f32(Float.parseFloat(floatText(text)));
                case NumType.F64 -> Value.f64(Double.parseDouble(floatText(text)));
                case RefType r when text.equals("null") && r.nullable() -> Value.ref(r, null);
                default -> throw new IllegalArgumentException("cannot pass " + type + " values from the command line");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + position + " (\"" + text + "\") is not a valid " + type);
        }
    }

    /**
     * Parses a decimal or 0x-hex integer of {@code bits} bits; negative values and unsigned
     * values up to 2^bits-1 are both accepted.
     */
    static long parseInteger(String text, int bits) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        String digits = negative || t.startsWith("+") ? t.substring(1) : t;
        java.math.BigInteger v = digits.startsWith("0x") || digits.startsWith("0X")
                ? new java.math.BigInteger(digits.substring(2), 16)
                : new java.math.BigInteger(digits);
        if (negative) {
            v = v.negate();
        }
        java.math.BigInteger min = java.math.BigInteger.ONE.shiftLeft(bits - 1).negate();
        java.math.BigInteger max = java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new NumberFormatException("out of range");
        }
        return v.longValue();
    }

    private static String floatText(String text) {
        return switch (text) {
            case "inf", "+inf" -> "Infinity";
            case "-inf" -> "-Infinity";
            case "nan", "+nan", "-nan" -> "NaN";
            default -> text.replace("_", "");
        };
    }

    /** How a result is printed: integers in signed decimal, floats in Java's shortest form. */
    static String format(Value v) {
        return switch (v.type()) {
            case NumType.I32 -> Integer.toString(v.asInt());
            case NumType.I64 -> Long.toString(v.asLong());
            case NumType.F32 -> Float.toString(v.asFloat());
            case NumType.F64 -> Double.toString(v.asDouble());
            default -> v.ref() == null ? "null" : v.toString();
        };
    }
}
