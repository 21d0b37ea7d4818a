package dev.weft.waeio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bundled server in a child JVM, so that the server's descriptors and the test's client
 * descriptors count against separate per-process limits. {@link #main} is the child: it prints the
 * port, serves until its standard input ends, then stops and exits with the guest's code.
 */
final class ChildServer implements AutoCloseable {
    private final Process process;
    private final InetSocketAddress address;

    ChildServer(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss8m",
                "-cp", System.getProperty("java.class.path"), ChildServer.class.getName()));
        cmd.addAll(List.of(args));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String port = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (port == null) {
            process.destroyForcibly();
            throw new IOException("the child server did not start");
        }
        address = new InetSocketAddress("127.0.0.1", Integer.parseInt(port.trim()));
    }

    InetSocketAddress address() {
        return address;
    }

    /**
     * Ends the child's standard input, which stops the server, and waits for the child to exit,
     * however long that takes (a test's own timeout bounds it); returns its exit code.
     */
    int stop() throws IOException, InterruptedException {
        process.getOutputStream().close();
        return process.waitFor();
    }

    /** Ends the child's standard input and gives it 30 s to exit before killing it (clean-up after a failure). */
    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        try (WaeioServer server = WaeioServer.builder().listen("127.0.0.1", 0).args(args).start()) {
            System.out.println(server.port());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
            server.stop();
            // no time limit here: under load, closing thousands of connections can take long;
            // the parent test's timeout bounds the whole run
            System.exit(server.awaitTermination());
        }
    }
}
