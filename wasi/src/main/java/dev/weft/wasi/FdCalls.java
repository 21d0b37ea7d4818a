package dev.weft.wasi;

import static dev.weft.wasi.ProcessCalls.ptr;

import dev.weft.interpreter.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * Calls on open descriptors: reading and writing (iovec arrays; on sockets too), seeking, closing,
 * status and the preopen queries. Struct layouts:
 * <pre>
 * fdstat (24):  0 filetype u8 | 2 flags u16 | 8 rights_base u64 | 16 rights_inheriting u64
 * prestat (8):  0 tag u8 (0 = dir) | 4 name_len u32
 * </pre>
 */
final class FdCalls {
    /** Every right of preview1: rights are not enforced, so all are reported. */
    static final long ALL_RIGHTS = (1L << 30) - 1;

    /**
     * The most bytes one read or write moves through the host at once: a longer read is short,
     * a longer write is done in pieces.
     */
    static final int MAX_CHUNK = 1 << 20;

    private static final int FDSTAT_SIZE = 24;
    private static final int ADVICE_MAX = 5;

    private final Wasi wasi;

    FdCalls(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("fd_read", "iiii", a -> read(a[0].asInt(), ptr(a, 1), ptr(a, 2), -1, ptr(a, 3)));
        f.add("fd_pread", "iiiIi", a -> read(a[0].asInt(), ptr(a, 1), ptr(a, 2), offset(a[3]), ptr(a, 4)));
        f.add("fd_write", "iiii", a -> write(a[0].asInt(), ptr(a, 1), ptr(a, 2), -1, ptr(a, 3)));
        f.add("fd_pwrite", "iiiIi", a -> write(a[0].asInt(), ptr(a, 1), ptr(a, 2), offset(a[3]), ptr(a, 4)));
        f.add("fd_seek", "iIii", a -> seek(a[0].asInt(), a[1].asLong(), a[2].asInt(), ptr(a, 3)));
        f.add("fd_tell", "ii", a -> seek(a[0].asInt(), 0, 1, ptr(a, 1)));
        f.add("fd_close", "i", a -> {
            wasi.fds().close(a[0].asInt());
            return WasiErrno.SUCCESS;
        });
        f.add("fd_renumber", "ii", a -> {
            wasi.fds().renumber(a[0].asInt(), a[1].asInt());
            return WasiErrno.SUCCESS;
        });
        f.add("fd_fdstat_get", "ii", a -> fdstat(a[0].asInt(), ptr(a, 1)));
        f.add("fd_fdstat_set_flags", "ii", a -> {
            wasi.fds().get(a[0].asInt()).setFdflags(a[1].asInt() & 0xFFFF);
            return WasiErrno.SUCCESS;
        });
        f.add("fd_fdstat_set_rights", "iII", a -> {
            wasi.fds().get(a[0].asInt());
            return WasiErrno.SUCCESS;
        });
        f.add("fd_filestat_get", "ii", a -> filestat(a[0].asInt(), ptr(a, 1)));
        f.add("fd_filestat_set_size", "iI", a -> setSize(a[0].asInt(), offset(a[1]), false));
        f.add("fd_allocate", "iII", a -> setSize(a[0].asInt(), end(a[1], a[2]), true));
        f.add("fd_advise", "iIIi", a -> advise(a[0].asInt(), a[3].asInt()));
        f.add("fd_sync", "i", a -> sync(a[0].asInt(), true));
        f.add("fd_datasync", "i", a -> sync(a[0].asInt(), false));
        f.add("fd_prestat_get", "ii", a -> prestat(a[0].asInt(), ptr(a, 1)));
        f.add("fd_prestat_dir_name", "iii", a -> prestatName(a[0].asInt(), ptr(a, 1), ptr(a, 2)));
    }

    /** A u64 file offset or size; {@code EINVAL} past {@code Long.MAX_VALUE}. */
    private static long offset(Value v) {
        if (v.asLong() < 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        return v.asLong();
    }

    private static long end(Value offset, Value length) {
        long end = offset(offset) + offset(length);
        if (end < 0) {
            throw new WasiError(WasiErrno.FBIG);
        }
        return end;
    }

    /** {@code fd_read} at the position ({@code offset < 0}) or {@code fd_pread} at {@code offset}. */
    private int read(int fd, long iovs, long count, long offset, long resultPtr) throws IOException {
        Descriptor d = wasi.fds().get(fd);
        GuestMemory mem = wasi.memory();
        mem.ioVecs(iovs, count);
        mem.check(resultPtr, 4);
        int n = d instanceof StreamSocketFd s && offset < 0
                ? recvInto(s, mem, mem.ioVecs(iovs, count), wasi.scratch(), false)
                : offset < 0 ? readInto(d, mem, iovs, count) : preadInto(d, mem, iovs, count, offset);
        mem.writeInt(resultPtr, n);
        return WasiErrno.SUCCESS;
    }

    /** Reads from {@code d} into the iovecs at {@code iovs} and returns the count. */
    static int readInto(Descriptor d, GuestMemory mem, long iovs, long count) throws IOException {
        GuestMemory.IoVec[] vecs = mem.ioVecs(iovs, count);
        byte[] buf = new byte[Math.min(GuestMemory.totalLength(vecs), MAX_CHUNK)];
        int n = d.read(buf);
        mem.scatter(vecs, buf, n);
        return n;
    }

    /**
     * Receives from socket {@code s} into {@code vecs} through {@code scratch} (a buffer kept by
     * the {@link Wasi}, grown as needed): the one allocation is the received bytes' copy for
     * guest memory. With {@code fill}, receives again until the buffers are full or nothing
     * more is there. Returns the count.
     */
    static int recvInto(StreamSocketFd s, GuestMemory mem, GuestMemory.IoVec[] vecs, Scratch scratch, boolean fill)
            throws IOException {
        ByteBuffer b = scratch.buffer(Math.min(GuestMemory.totalLength(vecs), MAX_CHUNK));
        int n = s.read(b);
        while (fill && n > 0 && b.hasRemaining()) {
            int more;
            try {
                more = s.read(b);
            } catch (WasiError e) {
                break; // EAGAIN, or a failure after some data: return the data; the next call reports it
            }
            if (more == 0) {
                break;
            }
            n += more;
        }
        if (n > 0) {
            mem.scatter(vecs, Arrays.copyOf(b.array(), n), n);
        }
        return n;
    }

    private static int preadInto(Descriptor d, GuestMemory mem, long iovs, long count, long offset) throws IOException {
        GuestMemory.IoVec[] vecs = mem.ioVecs(iovs, count);
        byte[] buf = new byte[Math.min(GuestMemory.totalLength(vecs), MAX_CHUNK)];
        int n = d.pread(buf, offset);
        mem.scatter(vecs, buf, n);
        return n;
    }

    /**
     * Writes the iovecs at {@code iovs} to socket {@code s} in one piece of at most
     * {@link #MAX_CHUNK} bytes (a short write is legal; in pieces, a non-blocking socket could
     * lose a later piece's place) and returns the count.
     */
    static int sendFrom(StreamSocketFd s, GuestMemory mem, long iovs, long count) throws IOException {
        byte[] data = mem.gatherPrefix(mem.ioVecs(iovs, count), MAX_CHUNK);
        return data.length == 0 ? 0 : s.write(data);
    }

    /** {@code fd_write} at the position ({@code offset < 0}) or {@code fd_pwrite} at {@code offset}. */
    private int write(int fd, long iovs, long count, long offset, long resultPtr) throws IOException {
        Descriptor d = wasi.fds().get(fd);
        GuestMemory mem = wasi.memory();
        GuestMemory.IoVec[] vecs = mem.ioVecs(iovs, count);
        mem.check(resultPtr, 4);
        if (d instanceof StreamSocketFd s && offset < 0) {
            mem.writeInt(resultPtr, sendFrom(s, mem, iovs, count));
            return WasiErrno.SUCCESS;
        }
        long[] written = {0};
        mem.gather(vecs, MAX_CHUNK, chunk -> written[0] += offset < 0
                ? d.write(chunk)
                : d.pwrite(chunk, offset + written[0]));
        mem.writeInt(resultPtr, (int) written[0]);
        return WasiErrno.SUCCESS;
    }

    private int seek(int fd, long offset, int whence, long resultPtr) throws IOException {
        Descriptor d = wasi.fds().get(fd);
        wasi.memory().check(resultPtr, 8);
        wasi.memory().writeLong(resultPtr, d.seek(offset, whence & 0xFF));
        return WasiErrno.SUCCESS;
    }

    private int fdstat(int fd, long resultPtr) {
        Descriptor d = wasi.fds().get(fd);
        ByteBuffer b = GuestMemory.struct(FDSTAT_SIZE);
        b.put(0, (byte) d.filetype());
        b.putShort(2, (short) d.fdflags());
        b.putLong(8, ALL_RIGHTS);
        b.putLong(16, d instanceof DirFd || d instanceof ListenSocketFd ? ALL_RIGHTS : 0);
        wasi.memory().write(resultPtr, b.array());
        return WasiErrno.SUCCESS;
    }

    private int filestat(int fd, long resultPtr) throws IOException {
        Descriptor d = wasi.fds().get(fd);
        wasi.memory().check(resultPtr, FileStats.SIZE);
        ByteBuffer b = switch (d) {
            case StdioFd s -> FileStats.ofStream(Descriptor.CHARACTER_DEVICE);
            case SockFd s -> FileStats.ofStream(Descriptor.SOCKET_STREAM);
            case FileFd f -> fileStat(f);
            case DirFd dir -> FileStats.of(dir.path(), true);
        };
        wasi.memory().write(resultPtr, b.array());
        return WasiErrno.SUCCESS;
    }

    /** The filestat of an open file; if its name is gone (unlinked), just its type and size. */
    private static ByteBuffer fileStat(FileFd f) throws IOException {
        try {
            return FileStats.of(f.path(), true).putLong(32, f.size());
        } catch (NoSuchFileException e) {
            ByteBuffer b = GuestMemory.struct(FileStats.SIZE);
            b.put(16, (byte) Descriptor.REGULAR_FILE);
            return b.putLong(32, f.size());
        }
    }

    /** Sets the size of a file ({@code onlyGrow}: never shrinks it, as {@code fd_allocate}). */
    private int setSize(int fd, long size, boolean onlyGrow) throws IOException {
        if (!(wasi.fds().get(fd) instanceof FileFd f)) {
            throw new WasiError(WasiErrno.BADF);
        }
        if (!onlyGrow || size > f.size()) {
            f.setSize(size);
        }
        return WasiErrno.SUCCESS;
    }

    private int advise(int fd, int advice) {
        wasi.fds().get(fd);
        return advice < 0 || advice > ADVICE_MAX ? WasiErrno.INVAL : WasiErrno.SUCCESS;
    }

    private int sync(int fd, boolean metadata) throws IOException {
        wasi.fds().get(fd).sync(metadata);
        return WasiErrno.SUCCESS;
    }

    private int prestat(int fd, long resultPtr) {
        String name = preopenName(fd);
        ByteBuffer b = GuestMemory.struct(8);
        b.putInt(4, name.getBytes(StandardCharsets.UTF_8).length);
        wasi.memory().write(resultPtr, b.array());
        return WasiErrno.SUCCESS;
    }

    private int prestatName(int fd, long buf, long length) {
        byte[] name = preopenName(fd).getBytes(StandardCharsets.UTF_8);
        wasi.memory().check(buf, length);
        if (length < name.length) {
            return WasiErrno.NAMETOOLONG;
        }
        wasi.memory().write(buf, name);
        return WasiErrno.SUCCESS;
    }

    /** The guest name of preopen {@code fd}; {@code EBADF} if {@code fd} is not a preopen. */
    private String preopenName(int fd) {
        if (wasi.fds().get(fd) instanceof DirFd d && d.preopenName() != null) {
            return d.preopenName();
        }
        throw new WasiError(WasiErrno.BADF);
    }
}
