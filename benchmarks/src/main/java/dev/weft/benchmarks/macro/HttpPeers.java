package dev.weft.benchmarks.macro;

import com.sun.net.httpserver.HttpServer;
import dev.weft.waeio.Backend;
import dev.weft.waeio.WaeioServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The servers of the http section, each serving the same page bytes for {@code GET /}: Weft's
 * bundled httpd guest per fiber backend ({@link WaeioServer}, in this JVM), the JDK's
 * {@code com.sun.net.httpserver.HttpServer} on a virtual-thread-per-request executor (in this
 * JVM), and Node's {@code http} module (its own process).
 */
final class HttpPeers {
    /** A running server. */
    interface Running extends AutoCloseable {
        InetSocketAddress address();

        @Override
        void close() throws Exception;
    }

    static final String JDK = "jdk-httpserver-vt";
    static final String NODE = "node-http";

    private static final String NODE_SCRIPT = """
            const http = require('http');
            const page = require('fs').readFileSync(process.argv[2]);
            const server = http.createServer((req, res) => {
              res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Content-Length': page.length});
              res.end(page);
            });
            server.keepAliveTimeout = 60000;
            server.maxHeadersCount = 100;
            server.listen(0, '127.0.0.1', () => console.log(server.address().port));
            """;

    private HttpPeers() {}

    /** The series name of Weft with {@code backend}. */
    static String weft(Backend backend) {
        return "weft-" + backend.id();
    }

    /**
     * The bundled server with room for twice {@code connections}: one run's connections may
     * arrive while the last run's are still being closed, and the peers have no limit at all.
     */
    static Running weft(Backend backend, int connections) throws Exception {
        WaeioServer server = WaeioServer.builder().backend(backend).listen("127.0.0.1", 0)
                .args("conns=" + (2 * connections + 64), "idle_ms=120000").start();
        return new Running() {
            @Override
            public InetSocketAddress address() {
                return server.address();
            }

            @Override
            public void close() throws Exception {
                server.close();
            }
        };
    }

    private static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";

    /**
     * The JDK's HttpServer on virtual threads. Its default keeps at most 200 idle keep-alive
     * connections and closes the rest, which a closed loop of 1,000 connections sees as read
     * errors (wrk -c1000: 2,208 of 4,260 requests); a user serving that many sets the limit, so
     * the peer does too (read once, when the server's configuration class loads).
     */
    static Running jdk(byte[] page) throws IOException {
        if (System.getProperty(MAX_IDLE) == null) {
            System.setProperty(MAX_IDLE, "4096");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (var body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.start();
        return new Running() {
            @Override
            public InetSocketAddress address() {
                return server.getAddress();
            }

            @Override
            public void close() throws InterruptedException {
                server.stop(0);
                executor.shutdownNow();
                executor.awaitTermination(10, TimeUnit.SECONDS);
            }
        };
    }

    static Running node(Path node, Path scratch, byte[] page) throws IOException {
        Path script = Files.writeString(scratch.resolve("http-peer.js"), NODE_SCRIPT);
        Path body = Files.write(scratch.resolve("http-page.html"), page);
        Process p = new ProcessBuilder(node.toString(), script.toString(), body.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String port = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (port == null) {
            p.destroyForcibly();
            throw new IOException("node http peer did not start");
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(port.trim()));
        return new Running() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public void close() throws InterruptedException {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        };
    }
}
