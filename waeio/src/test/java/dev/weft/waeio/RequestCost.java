package dev.weft.waeio;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.wasi.WasiConfig;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * What one keep-alive {@code GET /} costs the server, counted rather than timed: Wasm
 * instructions executed, WASI calls made, and bytes the guest thread allocates on the heap.
 * A run serves {@code n} GETs, one at a time on one connection (or spread over several
 * connections, each sending its next GET after its last answer), then {@code GET /quit}; the
 * cost per GET is the difference between a long and a short run divided by the difference in
 * GETs, so start-up and shutdown cancel out. On one connection the counts are exact but for
 * one race per run (whether the first request is there when the server first tries to receive:
 * one receive and one poll more or fewer); on several they depend on how many answers each
 * scheduler round finds ready, which timing decides. Instructions and WASI calls come from a
 * {@link CountingModule} copy of the guest; allocation from the unmodified guest's thread
 * ({@code com.sun.management.ThreadMXBean}). Run {@link #main} for a report of every backend.
 */
final class RequestCost {
    /** The cost of one GET. */
    record PerGet(double instructions, double wasiCalls, Map<String, Double> wasiByName, double bytes) {
        @Override
        public String toString() {
            StringBuilder calls = new StringBuilder();
            wasiByName.forEach((name, n) -> calls.append(String.format(Locale.ROOT, " %s %.2f", name, n)));
            return String.format(Locale.ROOT, "instructions %.0f, WASI calls %.2f (%s), allocated %.0f bytes",
                    instructions, wasiCalls, calls.toString().trim(), bytes);
        }
    }

    /** What one whole run counted. */
    private record Run(long instructions, Map<String, Long> wasi, long bytes) {}

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RequestCost() {}

    /** The cost of one GET on {@code guest}, from runs of {@code shortRun} and {@code longRun} GETs. */
    static PerGet measure(byte[] guest, int shortRun, int longRun) throws Exception {
        return measure(guest, shortRun, longRun, 1);
    }

    /** {@link #measure(byte[], int, int)} with the GETs spread over {@code connections} connections. */
    static PerGet measure(byte[] guest, int shortRun, int longRun, int connections) throws Exception {
        Module plain = BinaryDecoder.decode(guest);
        Module counting = CountingModule.of(plain);
        // round-trip through the encoder so the counting module is checked like any binary
        Module decodedCounting = BinaryDecoder.decode(BinaryEncoder.encode(counting));
        run(plain, shortRun, connections, false); // warms up the JIT before the allocation figures
        Run a = run(decodedCounting, shortRun, connections, true);
        Run b = run(decodedCounting, longRun, connections, true);
        long bytesA = run(plain, shortRun, connections, false).bytes();
        long bytesB = run(plain, longRun, connections, false).bytes();
        double gets = longRun - shortRun;
        Map<String, Double> byName = new TreeMap<>();
        b.wasi().forEach((name, n) -> {
            double per = (n - a.wasi().getOrDefault(name, 0L)) / gets;
            if (per > 0.005) {
                byName.put(name, per);
            }
        });
        return new PerGet((b.instructions() - a.instructions()) / gets,
                byName.values().stream().mapToDouble(Double::doubleValue).sum(), byName, (bytesB - bytesA) / gets);
    }

    /** Serves {@code gets} GETs over {@code connections} and a /quit with {@code module} on a fresh guest thread. */
    private static Run run(Module module, int gets, int connections, boolean counting) throws Exception {
        CompiledModule compiled = CompiledModule.compile(module);
        ServerSocketChannel socket = WasiConfig.bindTcp(new InetSocketAddress("127.0.0.1", 0));
        InetSocketAddress address = (InetSocketAddress) socket.getLocalAddress();
        WasiConfig config = WasiConfig.builder().args("httpd.wasm").tcpListen(socket)
                .stdout(OutputStream.nullOutputStream()).build();
        CompletableFuture<Run> done = new CompletableFuture<>();
        Thread guest = new Thread(null, () -> {
            try {
                long[] start = new long[1];
                Instance[] instance = new Instance[1];
                int exit = WaeioServer.runGuest(module, compiled, config, i -> {
                    instance[0] = i;
                    start[0] = THREADS.getCurrentThreadAllocatedBytes();
                });
                long bytes = THREADS.getCurrentThreadAllocatedBytes() - start[0];
                if (exit != 0) {
                    throw new IllegalStateException("the guest exited with " + exit);
                }
                done.complete(counting
                        ? new Run(CountingModule.instructions(instance[0]), CountingModule.wasiCalls(instance[0]), bytes)
                        : new Run(0, Map.of(), bytes));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "request-cost", 64L << 20);
        guest.start();
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                clients.add(new RawHttp(address));
            }
            List<Future<?>> sent = new ArrayList<>();
            try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int c = 0; c < connections; c++) {
                    RawHttp client = clients.get(c);
                    int share = gets / connections + (c < gets % connections ? 1 : 0);
                    sent.add(each.submit(() -> {
                        for (int i = 0; i < share; i++) {
                            if (client.send(RawHttp.get("/")).read().status() != 200) {
                                throw new IllegalStateException("GET / not answered 200");
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : sent) {
                f.get(); // rethrows a client's failure
            }
            clients.get(0).send(RawHttp.get("/quit")).read();
        } finally {
            for (RawHttp c : clients) {
                c.close();
            }
        }
        return done.get(60, TimeUnit.SECONDS);
    }

    /**
     * Prints the cost of one GET for every backend's bundled server. Arguments: the short and
     * the long run's GETs (200, 1200), and the connections they are spread over (1).
     */
    public static void main(String[] args) throws Exception {
        int shortRun = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int longRun = args.length > 1 ? Integer.parseInt(args[1]) : 1200;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (Backend b : Backend.values()) {
            System.out.println(b.id() + ", " + connections + " connection(s): "
                    + measure(b.httpdBytes(), shortRun, longRun, connections));
        }
    }
}
