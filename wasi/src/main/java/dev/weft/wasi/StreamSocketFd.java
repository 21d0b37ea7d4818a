package dev.weft.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A connected TCP socket (one the guest accepted). {@code fd_read}/{@code sock_recv} return 0 at
 * the peer's end of stream; a reset gives {@code ECONNRESET}, writing after either side shut the
 * stream down {@code EPIPE}, and in non-blocking mode a call that would wait {@code EAGAIN}.
 */
final class StreamSocketFd extends SockFd {
    private final SocketChannel ch;

    StreamSocketFd(SocketChannel ch, Readiness readiness, int flags) throws IOException {
        super(ch, readiness, flags);
        this.ch = ch;
    }

    @Override
    int readOp() {
        return SelectionKey.OP_READ;
    }

    /** Reads what is available (waits for something unless non-blocking); 0 at end of stream. */
    @Override
    public int read(byte[] buf) throws IOException {
        return read(ByteBuffer.wrap(buf));
    }

    /** {@link #read(byte[])} into {@code b}'s remaining space. */
    int read(ByteBuffer b) throws IOException {
        if (!b.hasRemaining()) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = ch.read(b);
            } catch (ClosedChannelException e) {
                return 0; // the guest shut down reading
            } catch (IOException e) {
                throw new WasiError(SocketErrors.errno(e));
            }
            if (n != 0) {
                return Math.max(n, 0);
            }
            wouldBlock(SelectionKey.OP_READ);
        }
    }

    /**
     * Writes {@code data}: all of it when blocking; when non-blocking as much as fits now
     * ({@code EAGAIN} if nothing does).
     */
    @Override
    public int write(byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (true) {
            try {
                ch.write(b);
            } catch (ClosedChannelException e) {
                throw new WasiError(WasiErrno.PIPE);
            } catch (IOException e) {
                throw new WasiError(SocketErrors.errno(e));
            }
            if (!b.hasRemaining() || (b.position() > 0 && (fdflags() & NONBLOCK) != 0)) {
                return b.position();
            }
            wouldBlock(SelectionKey.OP_WRITE);
        }
    }

    /** {@code sock_shutdown}: {@code how} bit 1 stops reading, bit 2 writing. */
    void shutdown(int how) throws IOException {
        if (how == 0 || (how & ~3) != 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        if (!ch.isConnected()) {
            throw new WasiError(WasiErrno.NOTCONN);
        }
        try {
            if ((how & 1) != 0) {
                ch.shutdownInput();
            }
            if ((how & 2) != 0) {
                ch.shutdownOutput();
            }
        } catch (IOException e) {
            throw new WasiError(SocketErrors.errno(e));
        }
    }

    /** Sends FIN before closing, so the peer sees the end at once even while the channel is registered. */
    @Override
    public void close() throws IOException {
        try {
            if (ch.isConnected()) {
                ch.shutdownOutput();
            }
        } catch (IOException ignored) {
            // the peer is gone already: closing is all that is left
        }
        super.close();
    }
}
