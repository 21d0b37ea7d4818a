package dev.weft.wasi;

import java.nio.ByteBuffer;

/**
 * A heap buffer reused by every socket receive of one {@link Wasi} (one guest thread), so a
 * receive does not allocate a buffer of the guest's requested size each time. It grows to the
 * largest size asked for and stays that size.
 */
final class Scratch {
    private ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

    /** The buffer, cleared, with exactly {@code size} bytes of room. */
    ByteBuffer buffer(int size) {
        if (size > buffer.capacity()) {
            buffer = ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
        }
        return buffer.clear().limit(size);
    }
}
