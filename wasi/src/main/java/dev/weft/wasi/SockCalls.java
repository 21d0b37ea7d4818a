package dev.weft.wasi;

import static dev.weft.wasi.ProcessCalls.ptr;

import java.io.IOException;

/**
 * The preview1 socket calls: {@code sock_accept} on a granted listening socket, and
 * {@code sock_recv}, {@code sock_send}, {@code sock_shutdown} on accepted ones. A descriptor that
 * is not a socket gives {@code ENOTSOCK}; the wrong kind of socket {@code ENOTSUP}/{@code EINVAL}.
 */
final class SockCalls {
    private static final int RECV_PEEK = 1;
    private static final int RECV_WAITALL = 2;
    /** The roflags result: no flag (written, never changed). */
    private static final byte[] NO_ROFLAGS = new byte[2];

    private final Wasi wasi;

    SockCalls(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("sock_accept", "iii", a -> accept(a[0].asInt(), a[1].asInt() & 0xFFFF, ptr(a, 2)));
        f.add("sock_recv", "iiiiii", a -> recv(a[0].asInt(), ptr(a, 1), ptr(a, 2), a[3].asInt() & 0xFFFF,
                ptr(a, 4), ptr(a, 5)));
        f.add("sock_send", "iiiii", a -> send(a[0].asInt(), ptr(a, 1), ptr(a, 2), a[3].asInt() & 0xFFFF, ptr(a, 4)));
        f.add("sock_shutdown", "ii", a -> {
            stream(a[0].asInt()).shutdown(a[1].asInt() & 0xFF);
            return WasiErrno.SUCCESS;
        });
    }

    private int accept(int fd, int flags, long resultPtr) throws IOException {
        if (!(socket(fd) instanceof ListenSocketFd listener)) {
            throw new WasiError(WasiErrno.INVAL);
        }
        wasi.memory().check(resultPtr, 4);
        StreamSocketFd conn = listener.accept(flags, wasi.readiness());
        try {
            wasi.memory().writeInt(resultPtr, wasi.fds().add(conn));
        } catch (WasiError e) {
            conn.close(); // EMFILE: the connection is refused rather than leaked
            throw e;
        }
        return WasiErrno.SUCCESS;
    }

    private int recv(int fd, long iovs, long count, int flags, long lengthPtr, long flagsPtr) throws IOException {
        StreamSocketFd s = stream(fd);
        if ((flags & RECV_PEEK) != 0 || (flags & ~(RECV_PEEK | RECV_WAITALL)) != 0) {
            throw new WasiError(WasiErrno.NOTSUP);
        }
        GuestMemory mem = wasi.memory();
        mem.check(lengthPtr, 4);
        mem.check(flagsPtr, 2);
        int n = FdCalls.recvInto(s, mem, mem.ioVecs(iovs, count), wasi.scratch(), (flags & RECV_WAITALL) != 0);
        mem.writeInt(lengthPtr, n);
        mem.write(flagsPtr, NO_ROFLAGS);
        return WasiErrno.SUCCESS;
    }

    private int send(int fd, long iovs, long count, int flags, long lengthPtr) throws IOException {
        StreamSocketFd s = stream(fd);
        if (flags != 0) {
            throw new WasiError(WasiErrno.NOTSUP);
        }
        wasi.memory().check(lengthPtr, 4);
        wasi.memory().writeInt(lengthPtr, FdCalls.sendFrom(s, wasi.memory(), iovs, count));
        return WasiErrno.SUCCESS;
    }

    private SockFd socket(int fd) {
        if (wasi.fds().get(fd) instanceof SockFd s) {
            return s;
        }
        throw new WasiError(WasiErrno.NOTSOCK);
    }

    private StreamSocketFd stream(int fd) {
        if (socket(fd) instanceof StreamSocketFd s) {
            return s;
        }
        throw new WasiError(WasiErrno.NOTCONN);
    }
}
