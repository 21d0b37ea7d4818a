package dev.weft.interpreter.binary;

import dev.weft.interpreter.MalformedModuleException;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a whole module image with the binary format's primitive readers (bytes, LEB128
 * integers, names). Reads are bounded by the image, not by the current section: like the
 * reference interpreter, a grammar that over-reads a section is caught afterwards by a size check.
 *
 * <p>Reading past the end throws {@link MalformedModuleException} with {@link #eofMessage()},
 * which the decoder switches between "unexpected end" and "unexpected end of section or function"
 * depending on what it is reading.
 */
final class ByteReader {
    static final String UNEXPECTED_END = "unexpected end";
    static final String UNEXPECTED_END_OF_SECTION = "unexpected end of section or function";

    private final byte[] bytes;
    private int pos;
    private String eofMessage = UNEXPECTED_END;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int pos() {
        return pos;
    }

    void seek(int newPos) {
        pos = newPos;
    }

    int length() {
        return bytes.length;
    }

    int remaining() {
        return bytes.length - pos;
    }

    boolean atEnd() {
        return pos >= bytes.length;
    }

    String eofMessage() {
        return eofMessage;
    }

    void eofMessage(String message) {
        eofMessage = message;
    }

    /** An error at the given offset, with the offset appended as detail. */
    MalformedModuleException error(String message, int at) {
        return new MalformedModuleException(message + ": at offset 0x" + Integer.toHexString(at));
    }

    /** An error at the current offset. */
    MalformedModuleException error(String message) {
        return error(message, pos);
    }

    private void need(int n) throws MalformedModuleException {
        if (n < 0 || n > bytes.length - pos) {
            throw error(eofMessage, bytes.length);
        }
    }

    /** One unsigned byte. */
    int u8() throws MalformedModuleException {
        need(1);
        return bytes[pos++] & 0xFF;
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() {
        return pos < bytes.length ? bytes[pos] & 0xFF : -1;
    }

    /** {@code n} raw bytes. */
    byte[] bytes(int n) throws MalformedModuleException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(bytes, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A little-endian 32-bit value. */
    int fixed32() throws MalformedModuleException {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (bytes[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    /** A little-endian 64-bit value. */
    long fixed64() throws MalformedModuleException {
        long lo = fixed32() & 0xFFFFFFFFL;
        long hi = fixed32() & 0xFFFFFFFFL;
        return lo | (hi << 32);
    }

    /** An unsigned 32-bit LEB128, returned as a non-negative long. */
    long u32() throws MalformedModuleException {
        return unsigned(32);
    }

    /** An unsigned 32-bit LEB128 used as an index; values above 2^31-1 wrap into negative ints. */
    int index() throws MalformedModuleException {
        return (int) unsigned(32);
    }

    /** An unsigned 64-bit LEB128 (the result may be negative when above 2^63-1). */
    long u64() throws MalformedModuleException {
        return unsigned(64);
    }

    /** A signed 32-bit LEB128. */
    int s32() throws MalformedModuleException {
        return (int) signed(32);
    }

    /** A signed 33-bit LEB128 (block and heap types). */
    long s33() throws MalformedModuleException {
        return signed(33);
    }

    /** A signed 64-bit LEB128. */
    long s64() throws MalformedModuleException {
        return signed(64);
    }

    /**
     * A u32 vector count. Every vector element takes at least one byte, so a count above the
     * bytes left is cut to one more than that: the reads then fail exactly where they would with
     * the full count, but nothing huge is ever allocated.
     */
    int count() throws MalformedModuleException {
        long n = u32();
        return (int) Math.min(n, remaining() + 1L);
    }

    /**
     * A u32 length of something that follows in the image (a vector count or byte length),
     * checked against the bytes left so that a huge count never allocates.
     */
    int length32() throws MalformedModuleException {
        int at = pos;
        long n = u32();
        if (n > remaining()) {
            throw error("length out of bounds", at);
        }
        return (int) n;
    }

    /** A name: a length-prefixed string that must be valid UTF-8. */
    String name() throws MalformedModuleException {
        int n = length32();
        int at = pos;
        byte[] raw = bytes(n);
        if (!Utf8.isValid(raw)) {
            throw error("malformed UTF-8 encoding", at);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private long unsigned(int bits) throws MalformedModuleException {
        int start = pos;
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            result |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (i == maxBytes - 1) {
                    checkUnsignedTail(b, bits - 7 * i, start);
                }
                return result;
            }
        }
        throw error("integer representation too long", start);
    }

    private void checkUnsignedTail(int last, int bitsInLast, int start) throws MalformedModuleException {
        if (bitsInLast < 7 && (last >>> bitsInLast) != 0) {
            throw error("integer too large", start);
        }
    }

    private long signed(int bits) throws MalformedModuleException {
        int start = pos;
        int maxBytes = (bits + 6) / 7;
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = u8();
            int shift = 7 * i;
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (i == maxBytes - 1) {
                    checkSignedTail(b, bits - shift, start);
                }
                shift += 7;
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
        }
        throw error("integer representation too long", start);
    }

    private void checkSignedTail(int last, int bitsInLast, int start) throws MalformedModuleException {
        if (bitsInLast >= 7) {
            return;
        }
        // The bits from the value's sign bit up must all be equal (sign extension).
        int upper = (last & 0x7F) >>> (bitsInLast - 1);
        int allOnes = (1 << (8 - bitsInLast)) - 1;
        if (upper != 0 && upper != allOnes) {
            throw error("integer too large", start);
        }
    }
}
