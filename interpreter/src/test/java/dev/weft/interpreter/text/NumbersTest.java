package dev.weft.interpreter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @Nested
    class Integers {
        @ParameterizedTest
        @CsvSource({
            "0, 0", "1_000, 1000", "-1, -1", "0xffffffff, -1", "4294967295, -1",
            "-2147483648, -2147483648", "+0x7fff_ffff, 2147483647", "-0x80000000, -2147483648"})
        void i32LiteralsAcceptSignedAndUnsignedRanges(String text, int expected) {
            assertEquals(expected, Numbers.integer(text, 32, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x100000000", "-0x80000001", "4294967296", "-2147483649"})
        void i32LiteralsOutsideBothRangesAreOutOfRange(String text) {
            TextException e = assertThrows(TextException.class, () -> Numbers.integer(text, 32, 1));
            assertEquals("constant out of range", e.getMessage());
        }

        @ParameterizedTest
        @CsvSource({
            "0xffffffffffffffff, -1", "18446744073709551615, -1",
            "-9223372036854775808, -9223372036854775808", "0x7fff_ffff_ffff_ffff, 9223372036854775807"})
        void i64LiteralsAcceptSignedAndUnsignedRanges(String text, long expected) {
            assertEquals(expected, Numbers.integer(text, 64, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x10000000000000000", "-0x8000000000000001", "18446744073709551616"})
        void i64LiteralsOutsideBothRangesAreOutOfRange(String text) {
            assertThrows(TextException.class, () -> Numbers.integer(text, 64, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x", "1x", "0xg", "_1", "1_", "1__0", "", "-", "nan"})
        void malformedIntegersAreUnknownOperators(String text) {
            TextException e = assertThrows(TextException.class, () -> Numbers.integer(text, 32, 1));
            assertTrue(e.getMessage().startsWith("unknown operator"), e.getMessage());
        }
    }

    @Nested
    class Floats {
        @ParameterizedTest
        @CsvSource({
            "0x1p0, 3f800000", "0x1.8p3, 41400000", "-0x1p-1, bf000000",
            // halfway between 1 and the next float: ties to even (down), odd neighbour (up)
            "0x1.000001p0, 3f800000", "0x1.000003p0, 3f800002", "0x1.0000010000000001p0, 3f800001",
            // subnormals: the smallest, half of it (ties to even zero), just above half
            "0x1p-149, 00000001", "0x1p-150, 00000000", "0x1.000002p-150, 00000001",
            "0x1.8p-149, 00000002", "0x1p-126, 00800000", "0x0.fffffep-126, 007fffff",
            "0x1.fffffep127, 7f7fffff", "0x1.fffffefffffffp127, 7f7fffff",
            "inf, 7f800000", "-inf, ff800000", "nan, 7fc00000", "-nan, ffc00000",
            "nan:0x1, 7f800001", "nan:0x7f_ffff, 7fffffff", "-nan:0x200000, ffa00000",
            "0.1, 3dcccccd", "1e-45, 00000001", "3.4028234663852886e38, 7f7fffff",
            "1.000000059604644775390625000000001, 3f800001", "1.000000059604644775390625, 3f800000",
            "0123456789.e+019, 6c7f4d7b", "1_000.000_1, 447a0002", "-0.0, 80000000"})
        void f32LiteralsRoundToNearestEvenFromTheExactValue(String text, String hexBits) {
            assertEquals(Integer.parseUnsignedInt(hexBits, 16), Numbers.f32(text, 1), text);
        }

        @ParameterizedTest
        @CsvSource({
            "0x1p0, 3ff0000000000000", "0x1.fffffffffffffp1023, 7fefffffffffffff",
            "0x1p-1074, 0000000000000001", "0x1p-1075, 0000000000000000", "0x1.8p-1074, 0000000000000002",
            "0x1.00000000000008p0, 3ff0000000000000", "0x1.00000000000018p0, 3ff0000000000002",
            "nan:0xf_ffff_ffff_ffff, 7fffffffffffffff", "0.1, 3fb999999999999a", "5e-324, 0000000000000001",
            "1e-400, 0000000000000000"})
        void f64LiteralsRoundToNearestEvenFromTheExactValue(String text, String hexBits) {
            assertEquals(Long.parseUnsignedLong(hexBits, 16), Numbers.f64(text, 1), text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x1p128", "-0x1.ffffffp127", "1e39", "340282356779733661637539395458142568448",
            "nan:0x0", "nan:0x80_0000", "1e1000000000000"})
        void f32LiteralsBeyondTheFormatAreOutOfRange(String text) {
            TextException e = assertThrows(TextException.class, () -> Numbers.f32(text, 1));
            assertEquals("constant out of range", e.getMessage());
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x1p1024", "0x1.fffffffffffff8p1023", "1e309", "nan:0x10_0000_0000_0000"})
        void f64LiteralsBeyondTheFormatAreOutOfRange(String text) {
            assertThrows(TextException.class, () -> Numbers.f64(text, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {".0", "0e", "0e+", "0x", "0x.", "0x0.g", "_1.0", "1._0", "1.0_", "nan:1", "infinity"})
        void malformedFloatsAreUnknownOperators(String text) {
            TextException e = assertThrows(TextException.class, () -> Numbers.f32(text, 1));
            assertTrue(e.getMessage().startsWith("unknown operator"), e.getMessage());
        }

        @Test
        void scriptOnlyNanPatternsAreUnexpectedTokens() {
            TextException e = assertThrows(TextException.class, () -> Numbers.f32("nan:canonical", 1));
            assertEquals("unexpected token", e.getMessage());
        }

        @Test
        void randomDecimalAndHexLiteralsAgreeWithTheJdksCorrectlyRoundedParsers() {
            Random random = new Random(42);
            for (int i = 0; i < 20_000; i++) {
                double d = Double.longBitsToDouble(random.nextLong() & 0x7fffffffffffffffL);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    continue;
                }
                String dec = Double.toString(d);
                String hex = Double.toHexString(d);
                assertEquals(Double.doubleToRawLongBits(d), Numbers.f64(dec, 1), dec);
                assertEquals(Double.doubleToRawLongBits(d), Numbers.f64(hex, 1), hex);
                float f = Float.parseFloat(dec);
                if (!Float.isInfinite(f)) {
                    assertEquals(Float.floatToRawIntBits(f), Numbers.f32(dec, 1), dec);
                    assertEquals(Float.floatToRawIntBits(Float.parseFloat(hex)), Numbers.f32(hex, 1), hex);
                }
            }
        }
    }
}
