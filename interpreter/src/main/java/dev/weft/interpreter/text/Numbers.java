package dev.weft.interpreter.text;

import java.math.BigInteger;

/**
 * Number literals of the text format: integers with range checks and floats rounded exactly
 * (round to nearest, ties to even) from the literal's rational value, with no intermediate
 * {@code double}. Malformed syntax fails with "unknown operator" (the token is then no number),
 * values that do not fit with "constant out of range".
 */
public final class Numbers {
    private Numbers() {}

    /**
     * An {@code i32} or {@code i64} literal ({@code bits} 32 or 64): signed or unsigned range.
     * Returns the value's two's complement bits; i32 values are sign-extended.
     */
    public static long integer(String text, int bits, int line) {
        rejectScriptOnly(text, line);
        boolean negative = text.startsWith("-");
        BigInteger v = magnitude(stripSign(text), line);
        BigInteger limit = BigInteger.ONE.shiftLeft(negative ? bits - 1 : bits);
        if (negative ? v.compareTo(limit) > 0 : v.compareTo(limit) >= 0) {
            throw new TextException("constant out of range", line);
        }
        long value = (negative ? v.negate() : v).longValue();
        return bits == 32 ? (int) value : value;
    }

    /** An unsigned literal without sign that must be below {@code 2^bits} (bits ≤ 64). */
    public static long unsigned(String text, int bits, int line) {
        if (text.startsWith("+") || text.startsWith("-")) {
            throw new TextException("unexpected token", line);
        }
        BigInteger v = magnitude(text, line);
        if (v.bitLength() > bits) {
            throw new TextException("constant out of range", line);
        }
        return v.longValue();
    }

    /** {@link #integer(String, int, int)} of {@code t}'s text; a failure is reported at {@code t}. */
    static long integer(Token t, int bits) {
        try {
            return integer(t.text(), bits, t.line());
        } catch (TextException e) {
            throw e.at(t);
        }
    }

    /** {@link #unsigned(String, int, int)} of {@code t}'s text; a failure is reported at {@code t}. */
    static long unsigned(Token t, int bits) {
        try {
            return unsigned(t.text(), bits, t.line());
        } catch (TextException e) {
            throw e.at(t);
        }
    }

    /** True if {@code text} has the shape of an unsigned integer literal. */
    public static boolean isUnsigned(String text) {
        return clean(text.startsWith("0x") ? text.substring(2) : text, text.startsWith("0x")) != null;
    }

    /** The bits of an {@code f32} literal. */
    public static int f32(String text, int line) {
        return (int) floatBits(text, 23, 8, line);
    }

    /** The bits of an {@code f64} literal. */
    public static long f64(String text, int line) {
        return floatBits(text, 52, 11, line);
    }

    /** {@link #f32(String, int)} of {@code t}'s text; a failure is reported at {@code t}. */
    static int f32(Token t) {
        try {
            return f32(t.text(), t.line());
        } catch (TextException e) {
            throw e.at(t);
        }
    }

    /** {@link #f64(String, int)} of {@code t}'s text; a failure is reported at {@code t}. */
    static long f64(Token t) {
        try {
            return f64(t.text(), t.line());
        } catch (TextException e) {
            throw e.at(t);
        }
    }

    private static long floatBits(String text, int mantBits, int expBits, int line) {
        rejectScriptOnly(text, line);
        long sign = text.startsWith("-") ? 1L << (mantBits + expBits) : 0;
        String body = stripSign(text);
        long expMask = ((1L << expBits) - 1) << mantBits;
        if (body.equals("inf")) {
            return sign | expMask;
        }
        if (body.equals("nan")) {
            return sign | expMask | (1L << (mantBits - 1));
        }
        if (body.startsWith("nan:0x")) {
            BigInteger payload = magnitude(body.substring(4), line);
            if (payload.signum() == 0 || payload.bitLength() > mantBits) {
                throw new TextException("constant out of range", line);
            }
            return sign | expMask | payload.longValue();
        }
        Rational r = body.startsWith("0x") ? hexFloat(body.substring(2), line) : decFloat(body, line);
        return sign | FloatRounding.round(r.num(), r.den(), r.scale(), mantBits, expBits, line);
    }

    /** {@code nan:canonical} and {@code nan:arithmetic} exist only in script patterns. */
    private static void rejectScriptOnly(String text, int line) {
        String body = stripSign(text);
        if (body.equals("nan:canonical") || body.equals("nan:arithmetic")) {
            throw new TextException("unexpected token", line);
        }
    }

    /** A value num / den * 2^scale, or zero when num is 0. */
    record Rational(BigInteger num, BigInteger den, long scale) {}

    private static Rational hexFloat(String s, int line) {
        String[] parts = splitFloat(s, 'p', line);
        String intPart = clean(parts[0], true);
        String frac = parts[1].isEmpty() ? "" : clean(parts[1], true);
        if (intPart == null || frac == null) {
            throw new TextException("unknown operator", line);
        }
        BigInteger mant = new BigInteger(intPart + frac, 16);
        long exp = exponent(parts[2], line) - 4L * frac.length();
        return new Rational(mant, BigInteger.ONE, exp);
    }

    private static Rational decFloat(String s, int line) {
        String[] parts = splitFloat(s, 'e', line);
        String intPart = clean(parts[0], false);
        String frac = parts[1].isEmpty() ? "" : clean(parts[1], false);
        if (intPart == null || frac == null) {
            throw new TextException("unknown operator", line);
        }
        BigInteger digits = new BigInteger(intPart + frac);
        long exp10 = exponent(parts[2], line) - frac.length();
        if (digits.signum() == 0) {
            return new Rational(BigInteger.ZERO, BigInteger.ONE, 0);
        }
        long magnitude = digits.toString().length() + exp10;
        if (magnitude > 400) {
            throw new TextException("constant out of range", line);
        }
        if (magnitude < -400) {
            return new Rational(BigInteger.ZERO, BigInteger.ONE, 0);
        }
        BigInteger pow = BigInteger.TEN.pow((int) Math.abs(exp10));
        return exp10 >= 0
                ? new Rational(digits.multiply(pow), BigInteger.ONE, 0)
                : new Rational(digits, pow, 0);
    }

    /** Splits into integer digits, fraction digits and exponent text ("" when absent). */
    private static String[] splitFloat(String s, char expChar, int line) {
        String lower = s.toLowerCase();
        int e = lower.indexOf(expChar);
        String mant = e < 0 ? s : s.substring(0, e);
        String exp = e < 0 ? "" : s.substring(e + 1);
        if (e >= 0 && exp.isEmpty()) {
            throw new TextException("unknown operator", line);
        }
        int dot = mant.indexOf('.');
        String intPart = dot < 0 ? mant : mant.substring(0, dot);
        String frac = dot < 0 ? "" : mant.substring(dot + 1);
        return new String[] {intPart, frac, exp};
    }

    private static long exponent(String exp, int line) {
        if (exp.isEmpty()) {
            return 0;
        }
        boolean negative = exp.startsWith("-");
        String digits = clean(stripSign(exp), false);
        if (digits == null) {
            throw new TextException("unknown operator", line);
        }
        BigInteger v = new BigInteger(digits);
        long clamped = v.bitLength() > 40 ? 1L << 40 : v.longValue();
        return negative ? -clamped : clamped;
    }

    private static BigInteger magnitude(String s, int line) {
        boolean hex = s.startsWith("0x");
        String digits = clean(hex ? s.substring(2) : s, hex);
        if (digits == null) {
            throw new TextException("unknown operator", line);
        }
        return new BigInteger(digits, hex ? 16 : 10);
    }

    private static String stripSign(String s) {
        return s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
    }

    private static boolean isDigit(char c, boolean hex) {
        return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    }

    /** Removes single underscores between digits; null if the text is not a digit string. */
    static String clean(String s, boolean hex) {
        if (s.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                boolean ok = i > 0 && i < s.length() - 1 && s.charAt(i - 1) != '_';
                if (!ok) {
                    return null;
                }
            } else if (!isDigit(c, hex)) {
                return null;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
