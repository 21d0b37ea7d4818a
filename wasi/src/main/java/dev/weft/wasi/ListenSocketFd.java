package dev.weft.wasi;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/** A listening TCP socket granted to the guest; {@code sock_accept} takes connections from it. */
final class ListenSocketFd extends SockFd {
    private final ServerSocketChannel server;

    ListenSocketFd(ServerSocketChannel server, Readiness readiness) throws IOException {
        super(server, readiness, 0);
        this.server = server;
    }

    @Override
    int readOp() {
        return SelectionKey.OP_ACCEPT;
    }

    /** The next connection, as a socket descriptor with fdflags {@code flags}. */
    StreamSocketFd accept(int flags, Readiness readiness) throws IOException {
        if ((flags & ~NONBLOCK) != 0) {
            throw new WasiError(WasiErrno.INVAL);
        }
        while (true) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                throw new WasiError(SocketErrors.errno(e));
            }
            if (ch != null) {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                return new StreamSocketFd(ch, readiness, flags);
            }
            wouldBlock(SelectionKey.OP_ACCEPT);
        }
    }
}
