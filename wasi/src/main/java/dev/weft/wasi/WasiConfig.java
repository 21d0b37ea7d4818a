package dev.weft.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What a WASI program may see: its arguments and environment, its standard streams, the host
 * directories it may reach (preopens), the listening sockets it may accept connections on, and
 * its sources of time and randomness. Immutable; build
 * one with {@link #builder()}. By default there are no arguments, no environment, no preopens,
 * stdin is empty and stdout/stderr are discarded.
 */
public final class WasiConfig {
    /** The listen backlog of {@link #bindTcp}. */
    private static final int BACKLOG = 1024;

    /**
     * A host directory made visible to the guest under a name.
     *
     * @param host  the directory on the host
     * @param guest the name the guest sees (reported by {@code fd_prestat_dir_name})
     */
    public record Preopen(Path host, String guest) {
        public Preopen {
            Objects.requireNonNull(host);
            Objects.requireNonNull(guest);
        }

        /** Parses {@code HOST[::GUEST]}; without a guest name the host text is used. */
        public static Preopen parse(String spec) {
            int sep = spec.indexOf("::");
            if (sep < 0) {
                return new Preopen(Path.of(spec), spec);
            }
            return new Preopen(Path.of(spec.substring(0, sep)), spec.substring(sep + 2));
        }
    }

    private final List<String> args;
    private final List<String> env;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final List<Preopen> preopens;
    private final List<ServerSocketChannel> tcpListeners;
    private final LongSupplier realtimeNanos;
    private final LongSupplier monotonicNanos;
    private final Random random;
    private final WaitInterrupt waitInterrupt = new WaitInterrupt();

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = List.copyOf(b.env);
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.preopens = List.copyOf(b.preopens);
        this.tcpListeners = List.copyOf(b.tcpListeners);
        this.realtimeNanos = b.realtimeNanos;
        this.monotonicNanos = b.monotonicNanos;
        this.random = b.random;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The program arguments; by convention the first is the program name. */
    public List<String> args() {
        return args;
    }

    /** The environment as {@code KEY=VALUE} strings, in order. */
    public List<String> env() {
        return env;
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    /** The preopened directories; the first becomes fd 3, the next fd 4, and so on. */
    public List<Preopen> preopens() {
        return preopens;
    }

    /**
     * The granted listening sockets; the first becomes fd 3 (before the preopened directories,
     * as in wasmtime), the next fd 4, and so on. The guest's {@link Wasi} owns and closes them.
     */
    public List<ServerSocketChannel> tcpListeners() {
        return tcpListeners;
    }

    /**
     * Binds a TCP listening socket to {@code HOST:PORT} (port 0 picks a free one; IPv6 hosts in
     * brackets, {@code [::1]:8080}), ready for {@link Builder#tcpListen}.
     *
     * @throws IllegalArgumentException if the address is malformed
     * @throws IOException              if binding fails
     */
    public static ServerSocketChannel bindTcp(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostPort + "\"");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + hostPort + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in \"" + hostPort + "\"");
        }
        return bindTcp(new InetSocketAddress(host, port));
    }

    /**
     * Binds a TCP listening socket to {@code address} (backlog 1024, address reuse on).
     *
     * @throws BindException "cannot listen on HOST:PORT: " and the system's reason
     */
    public static ServerSocketChannel bindTcp(InetSocketAddress address) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address, BACKLOG);
            return ch;
        } catch (IOException e) {
            ch.close();
            if (e instanceof BindException) {
                BindException named = new BindException("cannot listen on " + address.getHostString() + ":"
                        + address.getPort() + ": " + e.getMessage());
                named.initCause(e);
                throw named;
            }
            throw e;
        }
    }

    /** Nanoseconds since the Unix epoch ({@code clock_time_get} realtime). */
    public LongSupplier realtimeNanos() {
        return realtimeNanos;
    }

    /** A monotonic nanosecond counter ({@code clock_time_get} monotonic). */
    public LongSupplier monotonicNanos() {
        return monotonicNanos;
    }

    /** The source of {@code random_get}. */
    /**
     * The handle that makes a running guest's waiting call return {@code EINTR} (to ask a server
     * guest to stop) without interrupting its thread.
     */
    public WaitInterrupt waitInterrupt() {
        return waitInterrupt;
    }

    public Random random() {
        return random;
    }

    /** Builds a {@link WasiConfig}. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private final List<Preopen> preopens = new ArrayList<>();
        private final List<ServerSocketChannel> tcpListeners = new ArrayList<>();
        private LongSupplier realtimeNanos = Builder::nowNanos;
        private LongSupplier monotonicNanos = System::nanoTime;
        private Random random = new SecureRandom();

        private Builder() {}

        private static long nowNanos() {
            Instant now = Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        /** Appends program arguments. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** Appends program arguments. */
        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        /** Adds the environment variable {@code key=value}. */
        public Builder env(String key, String value) {
            env.add(key + "=" + value);
            return this;
        }

        public Builder stdin(InputStream in) {
            stdin = Objects.requireNonNull(in);
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

        /** Makes host directory {@code host} visible to the guest as {@code guest}. */
        public Builder preopen(Path host, String guest) {
            preopens.add(new Preopen(host, guest));
            return this;
        }

        /** Adds a preopen given as {@code HOST[::GUEST]}. */
        public Builder preopen(String spec) {
            preopens.add(Preopen.parse(spec));
            return this;
        }

        /**
         * Grants the guest the bound listening socket {@code listener} (see {@link #bindTcp}); it
         * accepts connections with {@code sock_accept}. The guest's {@link Wasi} closes it.
         */
        public Builder tcpListen(ServerSocketChannel listener) {
            tcpListeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Replaces the realtime clock (nanoseconds since the epoch), e.g. with a fixed one in tests. */
        public Builder realtimeClock(LongSupplier nanos) {
            realtimeNanos = Objects.requireNonNull(nanos);
            return this;
        }

        /** Replaces the monotonic clock (nanoseconds). */
        public Builder monotonicClock(LongSupplier nanos) {
            monotonicNanos = Objects.requireNonNull(nanos);
            return this;
        }

        /** Replaces the source of {@code random_get}, e.g. with a seeded {@link Random} in tests. */
        public Builder random(Random source) {
            random = Objects.requireNonNull(source);
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }
    }
}
