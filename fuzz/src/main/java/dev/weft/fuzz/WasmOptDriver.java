package dev.weft.fuzz;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * wasm-opt served by one long-lived Node 26 process ({@code wasm-opt-driver.mjs}): npm's
 * binaryen is loaded and its Wasm compiled once, and each run instantiates it afresh, so a run
 * costs what wasm-opt's own work costs. Requests and responses are length-framed on the
 * process's stdin and stdout (the protocol is described in the script). A run that does not
 * answer within its time bound, or a driver that dies, is killed; the run fails with an
 * IOException and the next run starts a new driver. Not thread-safe: one run at a time.
 */
final class WasmOptDriver implements WasmOpt {
    /** How long the driver may take to load binaryen and answer its first request. */
    private static final long START_SECONDS = 60;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "weft-wasm-opt-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final List<String> command;
    private Process process;
    private DataOutputStream toDriver;
    private DataInputStream fromDriver;
    private Path log;
    private long restarts;

    private WasmOptDriver(List<String> command) {
        this.command = command;
    }

    /**
     * Starts the driver and checks it answers ({@code wasm-opt --version}); IOException when
     * Node 26 or npm's binaryen is missing or the driver does not work.
     */
    static WasmOptDriver start(Toolchain tools) throws IOException {
        Path node = tools.node().orElseThrow(() -> new IOException("Node 26 is not installed"));
        Path wasmOpt = tools.binaryenScript("wasm-opt").orElseThrow(
                () -> new IOException("npm's binaryen is not installed"));
        WasmOptDriver d = new WasmOptDriver(List.of(node.toString(), "--stack-size=" + Toolchain.NODE_STACK_KB,
                Processes.scriptFile("wasm-opt-driver.mjs").toString(), wasmOpt.toString()));
        Result r = d.exchange(List.of("--version"), new byte[0], START_SECONDS);
        if (r.status() != 0 || !new String(r.stdout(), StandardCharsets.UTF_8).contains("wasm-opt")) {
            d.close();
            throw new IOException("wasm-opt --version through the driver gave exit " + r.status() + ": "
                    + r.firstErrorLine());
        }
        return d;
    }

    @Override
    public Result run(List<String> args, byte[] input, long seconds) throws IOException {
        return exchange(args, input, seconds);
    }

    /** How many times a driver was killed and replaced since this one started. */
    long restarts() {
        return restarts;
    }

    private Result exchange(List<String> args, byte[] input, long seconds) throws IOException {
        if (process == null) {
            launch();
        }
        Process p = process;
        ScheduledFuture<?> kill = WATCHDOG.schedule(p::destroyForcibly, seconds, TimeUnit.SECONDS);
        try {
            toDriver.writeInt(args.size());
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                toDriver.writeInt(b.length);
                toDriver.write(b);
            }
            toDriver.writeInt(input.length);
            toDriver.write(input);
            toDriver.flush();
            int status = fromDriver.readInt();
            byte[] stdout = chunk();
            byte[] stderr = chunk();
            int n = fromDriver.readInt();
            byte[] output = n < 0 ? null : fromDriver.readNBytes(n);
            if (output != null && output.length != n) {
                throw new EOFException();
            }
            return new Result(status, stdout, stderr, output);
        } catch (IOException e) {
            boolean timedOut = kill.isDone();
            String why = timedOut ? "no answer within " + seconds + " s" : "the driver died (" + lastLogLine() + ")";
            discard();
            restarts++;
            throw new IOException("wasm-opt driver: " + why + ": wasm-opt " + String.join(" ", args), e);
        } finally {
            kill.cancel(false);
        }
    }

    private byte[] chunk() throws IOException {
        int n = fromDriver.readInt();
        byte[] b = fromDriver.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    private void launch() throws IOException {
        log = Files.createTempFile("weft-wasm-opt-driver", ".log");
        process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        toDriver = new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
        fromDriver = new DataInputStream(new java.io.BufferedInputStream(process.getInputStream(), 1 << 16));
    }

    private String lastLogLine() {
        try {
            Processes.waitFor(process, 5);
            List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            lines.removeIf(String::isBlank);
            return lines.isEmpty() ? "exit " + process.exitValue() : lines.getLast();
        } catch (IOException | IllegalThreadStateException e) {
            return "no message";
        }
    }

    /** Kills the driver, if one runs; the next run starts a new one. */
    private void discard() {
        if (process != null) {
            process.destroyForcibly();
            Processes.waitFor(process, 5);
            process = null;
        }
        if (log != null) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file; deleting it is a courtesy
            }
            log = null;
        }
    }

    /** Ends the driver: closing its stdin makes it exit; it is killed if it has not within 5 s. */
    @Override
    public void close() {
        if (process != null) {
            try {
                toDriver.close();
            } catch (IOException ignored) {
                // it is killed below if it did not see the end of its input
            }
            Processes.waitFor(process, 5);
        }
        discard();
    }
}
