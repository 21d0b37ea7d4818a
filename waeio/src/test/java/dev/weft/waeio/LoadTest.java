package dev.weft.waeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many connections at once, all from this one test thread: 1,000 concurrent requests (both ends
 * in this JVM), and many idle keep-alive connections held open and then used again (server in a
 * child JVM).
 */
@Timeout(180)
class LoadTest {
    /** Idle keep-alive connections (-Dwaeio.idle=N to change). */
    private static final int IDLE = Integer.getInteger("waeio.idle", 10_000);

    private WaeioServer server;
    private final List<RawHttp> clients = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (RawHttp c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * The descriptors this JVM may open: HotSpot raises its soft limit to the hard one at start
     * ({@code -XX:+MaxFDLimit}, the default on Linux), so this is {@code ulimit -Hn}, and a child
     * JVM gets the same without anything else to do.
     */
    private static long descriptorLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** Skips unless this JVM may hold both ends of {@code connections} loopback connections. */
    private void needDescriptors(int connections) {
        long limit = descriptorLimit();
        assumeTrue(limit < 0 || limit >= 2L * connections + 1_000,
                "needs " + (2L * connections + 1_000) + " file descriptors for " + connections
                        + " loopback connections; the limit (ulimit -Hn) is " + limit);
    }

    /** Opens {@code n} connections and sends a GET on each before reading any response. */
    private void requestOnAll(int n, boolean open) throws Exception {
        for (int i = 0; i < n; i++) {
            if (open) {
                clients.add(new RawHttp(server));
            }
            clients.get(i).send(RawHttp.get("/"));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(200, clients.get(i).read().status(), "connection " + i);
        }
    }

    @Test
    void aThousandConcurrentConnectionsAreAllServed() throws Exception {
        needDescriptors(1_000);
        server = WaeioServer.builder().listen("127.0.0.1", 0).args("conns=2000").start();
        requestOnAll(1_000, true);
    }

    /**
     * The server runs in a child JVM (one guest thread holds every connection), so each process
     * needs one descriptor per connection, not two.
     */
    @Test
    void manyIdleKeepAliveConnectionsStayUsable() throws Exception {
        long limit = descriptorLimit();
        assumeTrue(limit < 0 || limit >= IDLE + 1_000L, "needs " + (IDLE + 1_000) + " file descriptors per process for "
                + IDLE + " loopback connections; the limit (ulimit -Hn) is " + limit);
        try (ChildServer child = new ChildServer("conns=" + (IDLE + 100), "idle_ms=600000")) {
            for (int i = 0; i < IDLE; i++) {
                clients.add(new RawHttp(child.address()));
            }
            requestOnAll(IDLE, false);
            Thread.sleep(500); // all idle, each parked in its fiber's receive
            requestOnAll(IDLE, false);
            for (RawHttp c : clients) {
                c.close();
            }
            clients.clear();
            assertEquals(0, child.stop(), "the child server's exit code");
        }
    }
}
