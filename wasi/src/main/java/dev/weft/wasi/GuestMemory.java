package dev.weft.wasi;

import dev.weft.interpreter.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The guest's linear memory as WASI sees it. Every access is checked against the current size
 * first, so a bad guest pointer becomes {@code EFAULT} rather than a trap. Pointers and lengths
 * are unsigned 32-bit guest values widened to {@code long}.
 */
final class GuestMemory {
    /** One entry of an iovec array: a buffer address and its length. */
    record IoVec(long address, int length) {}

    private static final int IOVEC_SIZE = 8;

    private final Memory memory;

    /** Whether this is a view of {@code m}. */
    boolean views(Memory m) {
        return memory == m;
    }

    GuestMemory(Memory memory) {
        this.memory = memory;
    }

    /** Widens a guest i32 pointer or length to an unsigned value. */
    static long unsigned(int value) {
        return Integer.toUnsignedLong(value);
    }

    /** Fails with {@code EFAULT} unless {@code [address, address + length)} lies in memory. */
    void check(long address, long length) {
        long size = memory.pages() * Memory.PAGE_SIZE;
        if (address < 0 || length < 0 || address + length > size) {
            throw new WasiError(WasiErrno.FAULT);
        }
    }

    byte[] read(long address, long length) {
        check(address, length);
        if (length > Integer.MAX_VALUE) {
            throw new WasiError(WasiErrno.FAULT);
        }
        return memory.read(address, (int) length);
    }

    void write(long address, byte[] data) {
        check(address, data.length);
        memory.write(address, data);
    }

    int readInt(long address) {
        check(address, 4);
        return memory.readInt(address);
    }

    void writeInt(long address, int value) {
        check(address, 4);
        memory.writeInt(address, value);
    }

    long readLong(long address) {
        check(address, 8);
        return memory.readLong(address);
    }

    void writeLong(long address, long value) {
        check(address, 8);
        memory.writeLong(address, value);
    }

    /** Decodes {@code length} bytes as UTF-8; {@code EILSEQ} if they are not valid UTF-8. */
    String readString(long address, long length) {
        byte[] bytes = read(address, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WasiError(WasiErrno.ILSEQ);
        }
    }

    /** Reads and checks an iovec (or ciovec) array of {@code count} entries at {@code address}. */
    IoVec[] ioVecs(long address, long count) {
        check(address, count * IOVEC_SIZE);
        IoVec[] vecs = new IoVec[(int) count];
        long total = 0;
        for (int i = 0; i < vecs.length; i++) {
            long base = address + (long) i * IOVEC_SIZE;
            long buf = unsigned(memory.readInt(base));
            long len = unsigned(memory.readInt(base + 4));
            check(buf, len);
            total += len;
            if (total > Integer.MAX_VALUE - 8) {
                throw new WasiError(WasiErrno.INVAL);
            }
            vecs[i] = new IoVec(buf, (int) len);
        }
        return vecs;
    }

    /** Receives the bytes of an iovec array one chunk at a time. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(byte[] chunk) throws IOException;
    }

    /**
     * Passes the bytes of all buffers of {@code vecs}, concatenated, to {@code sink} in chunks of
     * at most {@code chunkSize} bytes, so overlapping iovecs cannot make the host allocate more
     * than one chunk at a time.
     */
    void gather(IoVec[] vecs, int chunkSize, ChunkSink sink) throws IOException {
        int left = totalLength(vecs);
        byte[] chunk = null;
        int filled = 0;
        for (IoVec v : vecs) {
            int done = 0;
            while (done < v.length()) {
                if (chunk == null) {
                    chunk = new byte[Math.min(chunkSize, left)];
                    filled = 0;
                }
                int n = Math.min(v.length() - done, chunk.length - filled);
                memory.read(v.address() + done, chunk, filled, n);
                done += n;
                filled += n;
                left -= n;
                if (filled == chunk.length) {
                    sink.accept(chunk);
                    chunk = null;
                }
            }
        }
    }

    /** The first {@code max} bytes (or fewer, if shorter) of the buffers of {@code vecs}, concatenated. */
    byte[] gatherPrefix(IoVec[] vecs, int max) {
        if (vecs.length == 1 || vecs.length > 0 && vecs[0].length() >= max) {
            return memory.read(vecs[0].address(), Math.min(vecs[0].length(), max)); // the one copy
        }
        byte[] out = new byte[Math.min(totalLength(vecs), max)];
        int done = 0;
        for (IoVec v : vecs) {
            int n = Math.min(v.length(), out.length - done);
            if (n <= 0) {
                break;
            }
            memory.read(v.address(), out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * Copies the first {@code count} bytes of {@code data} into the buffers of {@code vecs}, straight
     * from {@code data}.
     */
    void scatter(IoVec[] vecs, byte[] data, int count) {
        int done = 0;
        for (IoVec v : vecs) {
            int n = Math.min(v.length(), count - done);
            if (n <= 0) {
                break;
            }
            memory.write(v.address(), data, done, n);
            done += n;
        }
    }

    static int totalLength(IoVec[] vecs) {
        int total = 0;
        for (IoVec v : vecs) {
            total += v.length();
        }
        return total;
    }

    /** A little-endian buffer of {@code size} bytes, for building a WASI struct before writing it. */
    static ByteBuffer struct(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
