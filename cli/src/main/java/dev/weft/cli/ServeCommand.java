package dev.weft.cli;

import dev.weft.waeio.Backend;
import dev.weft.waeio.WaeioServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft serve [--port N] [--host H] [--backend B] [MODULE.wasm] [-- ARGS...]}: runs the
 * bundled HTTP server guest (or MODULE, a WASI command that accepts on fd 3) on a listening
 * socket, prints its URL, and stops cleanly on {@code GET /quit}, Ctrl-C or SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve HTTP from a Wasm guest: the bundled server (guests/programs/httpd.c) or MODULE,"
                + " given a listening socket as fd 3. Stops on GET /quit, Ctrl-C or SIGTERM,"
                + " after responses in flight are sent.",
            "Bundled server arguments (after --): conns=N header_ms=N idle_ms=N body=N."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE", description = "a WASI module to serve with instead")
    Path module;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "program arguments")
    List<String> args = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default: ${DEFAULT-VALUE}; 0 picks one)")
    int port = 8080;

    @Option(names = "--host", paramLabel = "H", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--backend", paramLabel = "B",
            description = "fiber backend of the bundled server: native, wasmfx or asyncify (default: ${DEFAULT-VALUE})")
    String backend = "native";

    @Override
    public Integer call() throws Exception {
        WaeioServer.Builder b = WaeioServer.builder().backend(Backend.parse(backend)).listen(host, port)
                .args(args.toArray(String[]::new)).stdout(System.out).stderr(System.err);
        if (module != null) {
            b.module(module);
        }
        WaeioServer server = b.start();
        Thread hook = new Thread(() -> {
            server.stop();
            try {
                Integer code = server.awaitTermination(GRACE);
                System.err.println(code == null ? "weft serve: the guest did not stop within " + GRACE.toSeconds() + " s"
                        : "weft serve: stopped (guest exit code " + code + ")");
            } catch (Exception e) {
                System.err.println("weft serve: " + e.getMessage());
            }
        }, "weft-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Serving " + (module == null ? "httpd (" + backend + ")" : module) + " on " + server.uri()
                + "  (GET /quit or Ctrl-C stops)");
        System.out.flush();
        int code = server.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running
        }
        return code;
    }
}
