package dev.weft.benchmarks.macro;

import java.util.Locale;

/** Number formatting shared by the tables and the charts. */
final class Format {
    private Format() {}

    /** {@code value} with about three significant digits; byte counts as grouped integers. */
    static String number(double value, String unit) {
        if (unit.equals("bytes")) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        double a = Math.abs(value);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.2g";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** An axis tick: as short as it can be, e.g. "0.01", "1", "100", "40,000". */
    static String tick(double value, String unit) {
        if (unit.equals("bytes") || value >= 1000) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** {@code value} and its unit, e.g. "1.23 s". */
    static String withUnit(double value, String unit) {
        return number(value, unit) + " " + unit;
    }

    /** A ratio, e.g. "3.4×" or "0.52×". */
    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : r >= 1 ? "%.2f×" : "%.2f×", r);
    }
}
