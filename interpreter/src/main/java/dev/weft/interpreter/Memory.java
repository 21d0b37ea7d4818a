package dev.weft.interpreter;

import dev.weft.interpreter.ast.MemoryType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A linear memory. Addresses are byte offsets; accesses outside the memory trap with
 * "out of bounds memory access". Multi-byte values are little-endian.
 */
public non-sealed interface Memory extends Extern {
    /** The size of a page in bytes. */
    int PAGE_SIZE = 65536;

    /** The current type (limits with the current size as minimum). */
    MemoryType type();

    /** The size in pages. */
    long pages();

    /** Grows by {@code delta} pages; the old size in pages, or -1 on failure. */
    long grow(long delta);

    /** Copies {@code length} bytes starting at {@code address}. */
    byte[] read(long address, int length);

    /** Writes {@code data} starting at {@code address}. */
    void write(long address, byte[] data);

    /**
     * Copies {@code length} bytes starting at {@code address} into {@code dst} from
     * {@code offset}, without an intermediate array (for hosts that reuse buffers).
     */
    default void read(long address, byte[] dst, int offset, int length) {
        System.arraycopy(read(address, length), 0, dst, offset, length);
    }

    /** Writes {@code length} bytes of {@code src} from {@code offset} to {@code address}, without a copy. */
    default void write(long address, byte[] src, int offset, int length) {
        write(address, java.util.Arrays.copyOfRange(src, offset, offset + length));
    }

    /**
     * The memory's bytes as they are now, without a copy: reads see what Wasm wrote and writes
     * are seen by Wasm (for hosts that do I/O straight into guest memory, e.g.
     * {@code channel.read(memory.segment().asSlice(address, n).asByteBuffer())}). The view
     * covers the current size; after the memory grows (by {@code memory.grow} or {@link #grow})
     * or its instance is closed, take a new one: an old view may no longer be the memory's storage.
     */
    java.lang.foreign.MemorySegment segment();

    int readInt(long address);

    void writeInt(long address, int value);

    long readLong(long address);

    void writeLong(long address, long value);

    /** The byte at {@code address}, sign-extended. */
    default byte readByte(long address) {
        return read(address, 1)[0];
    }

    default void writeByte(long address, byte value) {
        write(address, new byte[] {value});
    }

    /** The 16-bit value at {@code address}, sign-extended. */
    default short readShort(long address) {
        byte[] b = read(address, 2);
        return (short) ((b[0] & 0xff) | (b[1] << 8));
    }

    default void writeShort(long address, short value) {
        write(address, new byte[] {(byte) value, (byte) (value >> 8)});
    }

    default float readFloat(long address) {
        return Float.intBitsToFloat(readInt(address));
    }

    default void writeFloat(long address, float value) {
        writeInt(address, Float.floatToRawIntBits(value));
    }

    default double readDouble(long address) {
        return Double.longBitsToDouble(readLong(address));
    }

    default void writeDouble(long address, double value) {
        writeLong(address, Double.doubleToRawLongBits(value));
    }

    /** The {@code length} bytes at {@code address} decoded as UTF-8 (malformed bytes become U+FFFD). */
    default String readString(long address, int length) {
        return new String(read(address, length), StandardCharsets.UTF_8);
    }

    /**
     * The NUL-terminated UTF-8 string at {@code address}, as C stores it, without the NUL. Traps
     * (out of bounds) when the memory ends before a NUL; throws {@link IllegalArgumentException}
     * when no NUL comes within {@code maxLength} bytes.
     */
    default String readCString(long address, int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        }
        long size = pages() * PAGE_SIZE;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (long at = address; at - address < maxLength; ) {
            // in chunks up to the memory's end; the first read past it traps
            int chunk = (int) Math.max(1, Math.min(Math.min(256, maxLength - (at - address)), size - at));
            byte[] bytes = read(at, chunk);
            for (byte b : bytes) {
                if (b == 0) {
                    return text.toString(StandardCharsets.UTF_8);
                }
                text.write(b);
            }
            at += chunk;
        }
        throw new IllegalArgumentException("no NUL within " + maxLength + " bytes at address " + address);
    }

    /** Writes {@code s} as UTF-8 (no terminator) at {@code address}; the number of bytes written. */
    default int writeString(long address, String s) {
        byte[] utf8 = Objects.requireNonNull(s, "s").getBytes(StandardCharsets.UTF_8);
        write(address, utf8);
        return utf8.length;
    }
}
