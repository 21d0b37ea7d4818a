package dev.weft.waeio;

import dev.weft.fibers.WeftFiber;
import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.ast.Module;
import dev.weft.wasi.WaitInterrupt;
import dev.weft.wasi.WasiCommand;
import dev.weft.wasi.WasiConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A Wasm guest serving TCP connections: a WASI command run with a listening socket granted as
 * fd 3 (as {@code weft run --tcplisten} does), on its own thread. By default the bundled HTTP
 * server ({@code guests/programs/httpd.c}) with the native fiber backend.
 * <pre>{@code
 * try (WaeioServer server = WaeioServer.builder().listen("127.0.0.1", 8080).start()) {
 *     System.out.println("serving " + server.uri());
 *     server.awaitTermination();                    // until GET /quit, or stop()
 * }
 * }</pre>
 * {@link #stop()} makes the guest's waiting {@code poll_oneoff} return {@code EINTR}
 * ({@link WaitInterrupt}; the thread itself is not interrupted, which would stop running Wasm with
 * a trap), which waeio treats as a request to stop (finish responses in flight, then exit).
 */
public final class WaeioServer implements AutoCloseable {
    private final InetSocketAddress address;
    private final Thread thread;
    private final WaitInterrupt stopRequest;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    /** Starts running {@code compiled} with {@code config} on the guest thread. */
    private WaeioServer(InetSocketAddress address, Module module, CompiledModule compiled, WasiConfig config) {
        this.address = address;
        this.stopRequest = config.waitInterrupt();
        // a platform thread: the guest runs the interpreter for its whole life and blocks only in
        // the selector, so a virtual thread would pin its carrier anyway; a large stack for deep
        // guest call chains (Asyncify resumes nest on the engine stack)
        this.thread = new Thread(null, () -> run(module, compiled, config), "waeio-guest-" + address.getPort(), 64L << 20);
        thread.setDaemon(true);
        thread.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound port (useful after {@code listen(host, 0)}). */
    public int port() {
        return address.getPort();
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://HOST:PORT/}. */
    public URI uri() {
        String host = address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Whether the guest is still running. */
    public boolean isRunning() {
        return !exit.isDone();
    }

    /** Asks the guest to stop (it finishes responses in flight); returns at once. */
    public void stop() {
        stopRequest.request();
    }

    /**
     * Waits until the guest exits and returns its exit code (0 after a clean stop).
     *
     * @throws ModuleException the guest trapped or could not be instantiated
     */
    public int awaitTermination() throws ModuleException, InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** As {@link #awaitTermination()}, at most {@code timeout}; {@code null} if still running then. */
    public Integer awaitTermination(Duration timeout) throws ModuleException, InterruptedException {
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Stops the server and waits up to 10 seconds for the guest to exit. */
    @Override
    public void close() throws ModuleException, InterruptedException {
        stop();
        awaitTermination(Duration.ofSeconds(10));
    }

    private static RuntimeException rethrow(Throwable t) throws ModuleException {
        if (t instanceof ModuleException m) {
            throw m;
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Configures and starts a {@link WaeioServer}. */
    public static final class Builder {
        private byte[] wasm;
        private Backend backend = Backend.NATIVE;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 8080);
        private final List<String> args = new ArrayList<>();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = System.err;

        private Builder() {}

        /** Serves with the module at {@code file} instead of the bundled server. */
        public Builder module(Path file) throws IOException {
            wasm = Files.readAllBytes(file);
            return this;
        }

        /** Serves with the module {@code bytes} (a binary .wasm) instead of the bundled server. */
        public Builder module(byte[] bytes) {
            wasm = bytes.clone();
            return this;
        }

        /** The bundled server built with {@code b} (default {@link Backend#NATIVE}). */
        public Builder backend(Backend b) {
            backend = Objects.requireNonNull(b);
            return this;
        }

        public Builder listen(InetSocketAddress address) {
            listen = Objects.requireNonNull(address);
            return this;
        }

        /** Listens on {@code host:port}; port 0 picks a free port ({@link WaeioServer#port()}). */
        public Builder listen(String host, int port) {
            return listen(new InetSocketAddress(host, port));
        }

        /** Program arguments after the program name (the bundled server: {@code conns=N} ...). */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder stdout(OutputStream out) {
            stdout = Objects.requireNonNull(out);
            return this;
        }

        public Builder stderr(OutputStream err) {
            stderr = Objects.requireNonNull(err);
            return this;
        }

        /**
         * Binds the address, decodes and compiles the module, and starts the guest.
         *
         * @throws IOException     the address cannot be bound
         * @throws ModuleException the module is invalid
         */
        public WaeioServer start() throws IOException, ModuleException {
            byte[] bytes = wasm != null ? wasm : backend.httpdBytes();
            Module module = Weft.parse(bytes);
            CompiledModule compiled = CompiledModule.compile(module);
            ServerSocketChannel socket = WasiConfig.bindTcp(listen);
            InetSocketAddress bound = (InetSocketAddress) socket.getLocalAddress();
            WasiConfig config = WasiConfig.builder()
                    .args(wasm != null ? "guest.wasm" : "httpd-" + backend.id() + ".wasm")
                    .args(args)
                    .stdout(stdout)
                    .stderr(stderr)
                    .tcpListen(socket)
                    .build();
            return new WaeioServer(bound, module, compiled, config);
        }
    }

    private void run(Module module, CompiledModule compiled, WasiConfig config) {
        try {
            exit.complete(runGuest(module, compiled, config, instance -> {}));
        } catch (Throwable t) {
            exit.completeExceptionally(t);
        }
    }

    /**
     * Runs the guest on this thread until it exits (with {@code weft_fiber} when it imports it);
     * {@code bind} sees the instance before {@code _start}. Returns the exit code.
     */
    static int runGuest(Module module, CompiledModule compiled, WasiConfig config, Consumer<Instance> bind)
            throws ModuleException {
        Linker linker = new Linker();
        WeftFiber fibers = WeftFiber.imports(module) ? WeftFiber.define(linker) : null;
        return WasiCommand.run(linker, compiled, config, instance -> {
            if (fibers != null) {
                fibers.bind(instance);
            }
            bind.accept(instance);
        });
    }
}
