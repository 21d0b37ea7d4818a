package dev.weft.stackpool;

/** How a pool gets its memory. */
public enum PoolMode {
    /**
     * Slots carved out of {@code mmap}'d regions with {@code PROT_NONE} guard pages; released
     * slots beyond the resident threshold are reset with {@code madvise(MADV_DONTNEED)}. The
     * default on Linux; elsewhere a pool asked for it falls back to {@link #HEAP}.
     */
    NATIVE,
    /** Slots backed by {@code long[]} heap segments: no guards, resets are explicit clears. */
    HEAP,
    /**
     * No pooling: each acquire maps a fresh slot (with guards) and each release unmaps it, or
     * allocates a fresh heap segment where mmap is unavailable. For measuring what pooling buys.
     */
    UNPOOLED
}
