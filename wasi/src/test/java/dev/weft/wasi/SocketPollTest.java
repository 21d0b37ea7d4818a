package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** poll_oneoff on sockets: waits for readiness or the earliest clock, whichever comes first. */
@Timeout(20)
class SocketPollTest {
    private static final long MILLI = 1_000_000;
    private static final int READ = 1;
    private static final int WRITE = 2;

    private ServerSocketChannel listener;
    private WasiGuest g;
    private PollSubscriptions subs;
    private final List<Socket> clients = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        listener = WasiConfig.bindTcp("127.0.0.1:0");
        g = new WasiGuest(WasiConfig.builder().tcpListen(listener).build());
        subs = new PollSubscriptions(g);
    }

    @AfterEach
    void tearDown() throws Exception {
        g.wasi.close();
        for (Socket c : clients) {
            c.close();
        }
    }

    private Socket connect() throws Exception {
        Socket c = new Socket("127.0.0.1", ((InetSocketAddress) listener.getLocalAddress()).getPort());
        clients.add(c);
        return c;
    }

    private int accept() {
        assertEquals(0, g.call("sock_accept", 3, 0, 300));
        return g.i32(300);
    }

    @Test
    void aPendingConnectionMakesTheListenerReadable() throws Exception {
        connect();
        subs.fd(0, 11, READ, 3);
        subs.clock(1, 12, 1, 10_000 * MILLI, 0);
        assertEquals(0, subs.poll(2));
        assertEquals(1, subs.count());
        assertEquals(11, subs.userdata(0));
        assertEquals(READ, subs.type(0));
    }

    @Test
    void withNothingReadyTheClockFiresAfterItsTimeout() throws Exception {
        connect();
        int fd = accept();
        subs.fd(0, 21, READ, fd);
        subs.clock(1, 22, 1, 30 * MILLI, 0);
        long start = System.nanoTime();
        assertEquals(0, subs.poll(2));
        assertTrue(System.nanoTime() - start >= 30 * MILLI);
        assertEquals(1, subs.count());
        assertEquals(22, subs.userdata(0));
        assertEquals(0, subs.type(0));
    }

    @Test
    void dataArrivingWhileWaitingEndsTheWait() throws Exception {
        Socket c = connect();
        int fd = accept();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
                c.getOutputStream().write('x');
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        subs.fd(0, 31, READ, fd);
        subs.clock(1, 32, 1, 60_000 * MILLI, 0);
        assertEquals(0, subs.poll(2));
        assertEquals(1, subs.count());
        assertEquals(31, subs.userdata(0));
        writer.join();
    }

    @Test
    void onlyTheReadySocketsAreReportedAndWritableIsImmediate() throws Exception {
        Socket a = connect();
        int fdA = accept();
        connect();
        int fdB = accept();
        a.getOutputStream().write('x');
        subs.fd(0, 41, READ, fdA);
        subs.fd(1, 42, READ, fdB);
        subs.fd(2, 43, WRITE, fdB);
        assertEquals(0, subs.poll(3));
        List<Long> got = new ArrayList<>();
        for (int i = 0; i < subs.count(); i++) {
            got.add(subs.userdata(i));
        }
        assertEquals(List.of(41L, 43L), got.stream().sorted().toList());
        // two read subscriptions on one socket whose peer closed: end of stream is readable
        clients.get(1).close();
        subs.fd(0, 44, READ, fdB);
        subs.fd(1, 45, READ, fdB);
        assertEquals(0, subs.poll(2));
        assertEquals(2, subs.count());
    }

    @Test
    void aSocketLeftOutOfTheNextPollIsNotReported() throws Exception {
        Socket a = connect();
        int fdA = accept();
        connect();
        int fdB = accept();
        a.getOutputStream().write('x');
        subs.fd(0, 61, READ, fdA);
        assertEquals(0, subs.poll(1));
        assertEquals(61, subs.userdata(0));
        // a still has its byte unread, but this poll asks only about b and a clock
        subs.fd(0, 62, READ, fdB);
        subs.clock(1, 63, 1, 20 * MILLI, 0);
        assertEquals(0, subs.poll(2));
        assertEquals(1, subs.count());
        assertEquals(63, subs.userdata(0));
    }

    @Test
    void oneOfManySubscriptionsReadyIsTheOneReported() throws Exception {
        List<Integer> fds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            connect();
            fds.add(accept());
        }
        clients.get(13).getOutputStream().write('x');
        for (int i = 0; i < 20; i++) {
            subs.fd(i, 100 + i, READ, fds.get(i));
        }
        assertEquals(0, subs.poll(20));
        assertEquals(1, subs.count());
        assertEquals(113, subs.userdata(0));
    }

    @Test
    void waitingWithNothingReadyBlocksInTheSelectorInsteadOfSpinning() throws Exception {
        connect();
        int fd = accept();
        subs.fd(0, 71, READ, fd);
        subs.clock(1, 72, 1, 200 * MILLI, 0);
        long before = g.wasi.readiness().selects();
        assertEquals(0, subs.poll(2));
        assertEquals(72, subs.userdata(0));
        // one blocking select for the whole 200 ms (another only after a spurious wake-up)
        assertTrue(g.wasi.readiness().selects() - before <= 3, "selects " + (g.wasi.readiness().selects() - before));
    }

    @Test
    void aClosedDescriptorIsAnEventErrorAndNoWait() throws Exception {
        connect();
        int fd = accept();
        assertEquals(0, g.call("fd_close", fd));
        subs.fd(0, 51, READ, fd);
        subs.clock(1, 52, 1, 60_000 * MILLI, 0);
        assertEquals(0, subs.poll(2));
        assertEquals(1, subs.count());
        assertEquals(WasiErrno.BADF, subs.error(0));
        subs.fd(0, 53, WRITE, 3);
        assertEquals(0, subs.poll(1));
        assertEquals(WasiErrno.INVAL, subs.error(0));
    }
}
