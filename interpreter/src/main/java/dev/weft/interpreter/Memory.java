package dev.weft.interpreter;

import dev.weft.interpreter.ast.MemoryType;

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

    int readInt(long address);

    void writeInt(long address, int value);

    long readLong(long address);

    void writeLong(long address, long value);
}
