package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The preview1 socket calls on real loopback sockets: a listening socket granted as fd 3, accepted
 * connections, blocking and non-blocking reads and writes, shutdown, peer close and reset, and
 * the errnos for everything a guest can get wrong.
 */
@Timeout(20)
class SocketCallsTest {
    private static final int IOV = 100;
    private static final int BUF = 200;
    private static final int RESULT = 300;
    private static final int FLAGS = 304;
    private static final int LISTEN_FD = 3;
    private static final int NONBLOCK = 4;

    private ServerSocketChannel listener;
    private WasiConfig config;
    private WasiGuest g;
    private Socket client;

    @BeforeEach
    void setUp() throws Exception {
        listener = WasiConfig.bindTcp("127.0.0.1:0");
        config = WasiConfig.builder().tcpListen(listener).build();
        g = new WasiGuest(config);
    }

    @AfterEach
    void tearDown() throws Exception {
        g.wasi.close();
        if (client != null) {
            client.close();
        }
    }

    private int port() throws Exception {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    private void connect() throws Exception {
        client = new Socket("127.0.0.1", port());
        client.setSoTimeout(10_000);
    }

    /** Accepts a connection (flags for the new descriptor) and returns its fd. */
    private int accept(int flags) {
        assertEquals(0, g.call("sock_accept", LISTEN_FD, flags, RESULT));
        return g.i32(RESULT);
    }

    private int recv(int fd, int len) {
        g.putIovec(IOV, BUF, len);
        return g.call("sock_recv", fd, IOV, 1, 0, RESULT, FLAGS);
    }

    private int send(int fd, String s) {
        int len = g.putString(BUF, s);
        g.putIovec(IOV, BUF, len);
        return g.call("sock_send", fd, IOV, 1, 0, RESULT);
    }

    private String readFromClient(int n) throws Exception {
        return new String(client.getInputStream().readNBytes(n), StandardCharsets.UTF_8);
    }

    @Test
    void theListeningSocketIsFdThreeAndNoPreopen() {
        assertEquals(0, g.call("fd_fdstat_get", LISTEN_FD, RESULT));
        assertEquals(Descriptor.SOCKET_STREAM, g.u8(RESULT));
        assertEquals(WasiErrno.BADF, g.call("fd_prestat_get", LISTEN_FD, RESULT));
        assertEquals(0, g.call("fd_filestat_get", LISTEN_FD, 400));
        assertEquals(Descriptor.SOCKET_STREAM, g.u8(400 + 16));
    }

    @Test
    void acceptReceiveSendAndShutDown() throws Exception {
        connect();
        int fd = accept(0);
        assertEquals(4, fd);
        client.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, recv(fd, 64));
        assertEquals(4, g.i32(RESULT));
        assertEquals("ping", g.string(BUF, 4));
        assertEquals(0, send(fd, "pong"));
        assertEquals(4, g.i32(RESULT));
        assertEquals("pong", readFromClient(4));
        int len = g.putString(BUF, "via fd_write");
        g.putIovec(IOV, BUF, len);
        assertEquals(0, g.call("fd_write", fd, IOV, 1, RESULT));
        assertEquals("via fd_write", readFromClient(len));
        client.getOutputStream().write("via fd_read".getBytes(StandardCharsets.UTF_8));
        g.putIovec(IOV, BUF, 64);
        assertEquals(0, g.call("fd_read", fd, IOV, 1, RESULT));
        assertEquals("via fd_read", g.string(BUF, g.i32(RESULT)));
        assertEquals(0, g.call("sock_shutdown", fd, 2));
        assertEquals(-1, client.getInputStream().read());
        assertEquals(WasiErrno.PIPE, send(fd, "late"));
        assertEquals(0, g.call("fd_close", fd));
        assertEquals(WasiErrno.BADF, recv(fd, 8));
    }

    @Test
    void halfClosesEitherWayLeaveTheOtherDirectionWorking() throws Exception {
        connect();
        int fd = accept(0);
        client.shutdownOutput(); // the peer is done sending: end of stream here, sending still works
        assertEquals(0, recv(fd, 16));
        assertEquals(0, g.i32(RESULT));
        assertEquals(0, send(fd, "still here"));
        assertEquals("still here", readFromClient(10));
        connect();
        int fd2 = accept(0);
        assertEquals(0, g.call("sock_shutdown", fd2, 1)); // this side stops receiving: reads end, sends go on
        assertEquals(0, recv(fd2, 16));
        assertEquals(0, g.i32(RESULT));
        assertEquals(0, send(fd2, "one-way"));
        assertEquals("one-way", readFromClient(7));
    }

    @Test
    void aReceiveFillsSeveralIovecsInOrderAndLeavesTheRestForTheNext() throws Exception {
        connect();
        int fd = accept(0);
        client.getOutputStream().write("abcdefghij".getBytes(StandardCharsets.UTF_8));
        g.putIovec(IOV, BUF, 3);
        g.putIovec(IOV + 8, BUF + 50, 4);
        // WAITALL: both buffers full (7 bytes) even if the ten arrive in pieces
        assertEquals(0, g.call("sock_recv", fd, IOV, 2, 2, RESULT, FLAGS));
        assertEquals(7, g.i32(RESULT));
        assertEquals("abc", g.string(BUF, 3));
        assertEquals("defg", g.string(BUF + 50, 4));
        assertEquals(0, recv(fd, 64));
        assertEquals("hij", g.string(BUF, g.i32(RESULT)));
    }

    @Test
    void receiveWithWaitAllFillsTheBuffer() throws Exception {
        connect();
        int fd = accept(0);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                client.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(50);
                client.getOutputStream().write("def".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        g.putIovec(IOV, BUF, 6);
        assertEquals(0, g.call("sock_recv", fd, IOV, 1, 2, RESULT, FLAGS));
        assertEquals("abcdef", g.string(BUF, g.i32(RESULT)));
        writer.join();
    }

    @Test
    void waitAllOnANonBlockingSocketReturnsWhatHasArrived() throws Exception {
        connect();
        int fd = accept(NONBLOCK);
        client.getOutputStream().write("abc".getBytes(StandardCharsets.UTF_8));
        g.putIovec(IOV, BUF, 16);
        int errno = WasiErrno.AGAIN;
        for (int i = 0; i < 1000 && errno == WasiErrno.AGAIN; i++) {
            errno = g.call("sock_recv", fd, IOV, 1, 2, RESULT, FLAGS);
            Thread.sleep(errno == WasiErrno.AGAIN ? 1 : 0);
        }
        assertEquals(0, errno);
        assertEquals("abc", g.string(BUF, g.i32(RESULT)));
    }

    @Test
    void nonBlockingCallsThatWouldWaitGiveEagain() throws Exception {
        assertEquals(0, g.call("fd_fdstat_set_flags", LISTEN_FD, NONBLOCK));
        assertEquals(WasiErrno.AGAIN, g.call("sock_accept", LISTEN_FD, 0, RESULT));
        connect();
        int fd = -1;
        for (int i = 0; i < 1000 && fd < 0; i++) { // the connection reaches the backlog asynchronously
            int errno = g.call("sock_accept", LISTEN_FD, NONBLOCK, RESULT);
            if (errno == 0) {
                fd = g.i32(RESULT);
            } else {
                assertEquals(WasiErrno.AGAIN, errno);
                Thread.sleep(1);
            }
        }
        assertEquals(0, g.call("fd_fdstat_get", fd, RESULT));
        assertEquals(NONBLOCK, g.u8(RESULT + 2));
        assertEquals(WasiErrno.AGAIN, recv(fd, 16));
        assertEquals(WasiErrno.INVAL, g.call("fd_fdstat_set_flags", fd, 1));
        assertEquals(0, g.call("fd_fdstat_set_flags", fd, 0));
        assertEquals(0, g.call("fd_fdstat_get", fd, RESULT));
        assertEquals(0, g.u8(RESULT + 2));
    }

    @Test
    void peerCloseReadsAsEndOfStreamAndResetAsEconnreset() throws Exception {
        connect();
        int fd = accept(0);
        client.close();
        assertEquals(0, recv(fd, 16));
        assertEquals(0, g.i32(RESULT));
        connect();
        int fd2 = accept(0);
        client.setSoLinger(true, 0);
        client.close();
        assertEquals(WasiErrno.CONNRESET, recv(fd2, 16));
        int errno = send(fd2, "x");
        assertTrue(Set.of(WasiErrno.PIPE, WasiErrno.CONNRESET).contains(errno), "errno " + errno);
    }

    @Test
    void guestMistakesAreErrnosNotExceptions() throws Exception {
        assertEquals(WasiErrno.NOTSOCK, recv(1, 8));
        assertEquals(WasiErrno.NOTSOCK, g.call("sock_accept", 0, 0, RESULT));
        assertEquals(WasiErrno.BADF, g.call("sock_accept", 9, 0, RESULT));
        assertEquals(WasiErrno.NOTCONN, send(LISTEN_FD, "x"));
        assertEquals(WasiErrno.INVAL, g.call("sock_accept", LISTEN_FD, 1, RESULT));
        connect();
        assertEquals(WasiErrno.FAULT, g.call("sock_accept", LISTEN_FD, 0, 65534));
        int fd = accept(0);
        g.putIovec(IOV, 65530, 64);
        assertEquals(WasiErrno.FAULT, g.call("sock_recv", fd, IOV, 1, 0, RESULT, FLAGS));
        assertEquals(WasiErrno.FAULT, g.call("sock_send", fd, IOV, 1, 0, RESULT));
        assertEquals(WasiErrno.NOTSUP, g.call("sock_recv", fd, IOV, 1, 1, RESULT, FLAGS));
        assertEquals(WasiErrno.INVAL, g.call("sock_shutdown", fd, 0));
        assertEquals(WasiErrno.INVAL, g.call("sock_shutdown", fd, 4));
    }

    @Test
    void anInterruptedPollReturnsEintrOnce() throws Exception {
        connect();
        int fd = accept(0);
        PollSubscriptions subs = new PollSubscriptions(g);
        subs.fd(0, 7, 1, fd);
        Thread.currentThread().interrupt();
        assertEquals(WasiErrno.INTR, subs.poll(1));
        assertTrue(!Thread.currentThread().isInterrupted());
        client.getOutputStream().write('x');
        assertEquals(0, subs.poll(1));
        assertEquals(1, subs.count());
        assertEquals(7, subs.userdata(0));
    }

    /** Another thread ends a poll with no deadline through the config's WaitInterrupt, not an interrupt. */
    @Test
    void aWaitInterruptRequestEndsAWaitingPollOnce() throws Exception {
        connect();
        int fd = accept(0);
        PollSubscriptions subs = new PollSubscriptions(g);
        subs.fd(0, 7, 1, fd);
        Thread requester = PollSubscriptions.requestAfter(config.waitInterrupt(), 200);
        assertEquals(WasiErrno.INTR, subs.poll(1)); // nothing to read, no deadline: only the request ends it
        requester.join();
        assertTrue(!Thread.currentThread().isInterrupted());
        config.waitInterrupt().request(); // a request made before the wait ends the next one at once
        assertEquals(WasiErrno.INTR, subs.poll(1));
        client.getOutputStream().write('x');
        assertEquals(0, subs.poll(1));
        assertEquals(7, subs.userdata(0));
    }
}
