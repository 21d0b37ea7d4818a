package dev.weft.interpreter.binary;

/**
 * Strict UTF-8 validation as the binary format requires for names: shortest form only, no
 * surrogate code points, nothing above U+10FFFF.
 */
final class Utf8 {
    private Utf8() {}

    /** True if {@code b} is a well-formed UTF-8 sequence. */
    static boolean isValid(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xFF;
            int len = sequenceLength(lead);
            if (len == 0 || i + len > b.length || !validSequence(b, i, len)) {
                return false;
            }
            i += len;
        }
        return true;
    }

    private static int sequenceLength(int lead) {
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0;
    }

    private static boolean validSequence(byte[] b, int i, int len) {
        int cp = (b[i] & 0xFF) & (0x7F >> len);
        for (int k = 1; k < len; k++) {
            int c = b[i + k] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                return false;
            }
            cp = (cp << 6) | (c & 0x3F);
        }
        return switch (len) {
            case 1, 2 -> true;
            case 3 -> cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
            default -> cp >= 0x10000 && cp <= 0x10FFFF;
        };
    }
}
