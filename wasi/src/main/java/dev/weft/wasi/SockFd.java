package dev.weft.wasi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A socket descriptor: a listening socket ({@link ListenSocketFd}) or a connected stream
 * ({@link StreamSocketFd}). The host channel is always in non-blocking mode so that one
 * {@link Readiness} selector can watch it; a guest that did not ask for {@code NONBLOCK} gets
 * blocking behaviour by waiting on that selector.
 */
abstract sealed class SockFd implements Descriptor permits ListenSocketFd, StreamSocketFd {
    private final SelectableChannel channel;
    private final Readiness readiness;
    private int flags;
    /** This socket's registration with {@link #readiness}, once it has one. */
    SelectionKey key;
    /** {@link Readiness} bookkeeping: the operations the key is armed for. */
    int armedOps;
    /** {@link Readiness} bookkeeping: the round that last wanted this socket, and for what. */
    int wantRound;
    int wantOps;
    /** The wanted operations the last {@link Readiness#select} found ready. */
    int readyOps;

    SockFd(SelectableChannel channel, Readiness readiness, int flags) throws IOException {
        this.channel = channel;
        this.readiness = readiness;
        this.flags = flags & NONBLOCK;
        channel.configureBlocking(false);
    }

    SelectableChannel channel() {
        return channel;
    }

    /** The selector operation a {@code fd_read} subscription waits for. */
    abstract int readOp();

    @Override
    public int filetype() {
        return SOCKET_STREAM;
    }

    @Override
    public int fdflags() {
        return flags;
    }

    /** Only {@code NONBLOCK} can be set on a socket; other bits give {@code EINVAL}. */
    @Override
    public void setFdflags(int newFlags) {
        if ((newFlags & ~NONBLOCK) != 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        flags = newFlags;
    }

    /** The call would block: {@code EAGAIN} in non-blocking mode, else waits until {@code op} is ready. */
    void wouldBlock(int op) throws IOException {
        if ((flags & NONBLOCK) != 0) {
            throw WasiError.of(WasiErrno.AGAIN);
        }
        readiness.await(this, op);
    }

    @Override
    public void close() throws IOException {
        readiness.forget(this);
        channel.close();
    }
}
