package dev.weft.interpreter.ast;

/**
 * Size limits of a memory (in pages) or table (in elements). {@code max} is -1 when absent.
 * {@code is64} marks a 64-bit address type (memory64 / table64); {@code shared} is for threads.
 */
public record Limits(long min, long max, boolean is64, boolean shared) {
    public static final long NO_MAX = -1;

    public Limits(long min, long max) {
        this(min, max, false, false);
    }

    public boolean hasMax() {
        return max != NO_MAX;
    }
}
