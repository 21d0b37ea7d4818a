package dev.weft.cli;

import dev.weft.waeio.Backend;
import dev.weft.waeio.WaeioServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
            "Bundled server arguments: conns=N (most connections at once, 1024) header_ms=N (10000)"
                + " idle_ms=N (30000) body=N, e.g. weft serve -- conns=4096.",
            "The first argument is MODULE when it names a file or ends in .wasm or .wat."})
final class ServeCommand implements Callable<Integer> {
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Parameters(paramLabel = "[MODULE] ARGS",
            description = "a WASI module to serve with instead of the bundled server, then its arguments")
    List<String> positional = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default: ${DEFAULT-VALUE}; 0 picks one)")
    int port = 8080;

    @Option(names = "--host", paramLabel = "H", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--backend", paramLabel = "B",
            description = "fiber backend of the bundled server: native, wasmfx or asyncify (default: ${DEFAULT-VALUE})")
    String backend = "native";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Backend chosen;
        try {
            chosen = Backend.parse(backend);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--backend: " + e.getMessage());
        }
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535 (0 picks a free port), not " + port);
        }
        List<String> args = positional;
        Path module = null;
        if (!args.isEmpty() && namesModule(args.get(0))) {
            module = Path.of(args.get(0));
            args = args.subList(1, args.size());
        }
        WaeioServer.Builder b = WaeioServer.builder().backend(chosen).listen(host, port)
                .args(args.toArray(String[]::new)).stdout(System.out).stderr(System.err);
        if (module != null) {
            try {
                b.module(module);
            } catch (IOException e) {
                throw new InputFileException(module, e);
            }
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

    /**
     * Whether the first argument is the module to serve rather than an argument of the bundled
     * server ({@code conns=4096}): it names a file, or it ends in {@code .wasm} or {@code .wat}.
     */
    static boolean namesModule(String arg) {
        return arg.endsWith(".wasm") || arg.endsWith(".wat") || Files.isRegularFile(Path.of(arg));
    }
}
