package dev.weft.benchmarks.macro;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import dev.weft.interpreter.valid.Validator;
import dev.weft.interpreter.wasi.Wasi;
import dev.weft.interpreter.wasi.WasiCommand;
import dev.weft.interpreter.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Instance lifecycle costs in the manner of Lucet's measurements, in process through Weft's
 * embedding API ({@link Linker}, {@link Wasi}, {@link Instance}, {@link WasmFunction}), in
 * microseconds per operation: instantiate a WASI hello-world from an already-compiled module,
 * enter and return from a trivial export, tear down. Each figure is the median over timed
 * batches after a warm-up of the same operation (so the JIT has compiled it).
 */
final class Lifecycle {
    /** Lucet's published figures (quoted by issue 6), microseconds. */
    static final double LUCET_INSTANTIATE = 30;
    static final double LUCET_ENTER = 5;
    static final double LUCET_TEARDOWN = 23;
    static final String LUCET = "lucet (published)";
    static final String LUCET_SOURCE = "published";

    private final Progress progress;
    private final int repeats;
    private final long warmupNanos;

    Lifecycle(Progress progress, int repeats, long warmupNanos) {
        this.progress = progress;
        this.repeats = repeats;
        this.warmupNanos = warmupNanos;
    }

    /** The rows this section measures (one progress step each). */
    static final int STEPS = 5;

    /** One figure to measure: {@code batchRun} performs {@code batch} operations and returns the nanoseconds they took. */
    private record Probe(String row, int batch, double lucet, LongSupplier batchRun) {}

    private final List<Probe> probes = new ArrayList<>();

    /** One instance with its WASI environment. */
    private record Live(Wasi wasi, Instance instance) {
        void close() {
            wasi.close();
        }
    }

    /** Text-format resource {@code name} of this package as a binary module. */
    static byte[] resourceWasm(String name) {
        try (InputStream in = Lifecycle.class.getResourceAsStream("/macro/" + name)) {
            if (in == null) {
                throw new IllegalStateException("resource /macro/" + name + " missing from the jar");
            }
            Module module = WatParser.parseModule(in.readAllBytes());
            Validator.validate(module);
            return BinaryEncoder.encode(module);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ModuleException e) {
            throw new IllegalStateException("resource /macro/" + name + " is not a valid module: " + e.getMessage(), e);
        }
    }

    /** Runs the section: the WAT hello-world from the jar and the C hello guest of {@code root}. */
    Section run(Path root) {
        Section s = new Section("lifecycle", "(b) Instance lifecycle, in process", "us", "weft").headlinePerRow(true);
        byte[] wat = resourceWasm("hello.wat");
        Path guest = root.resolve(Program.HELLO.wasm(Backend.ASYNCIFY));
        String small = "hello.wat (" + Format.number(wat.length, "bytes") + " bytes)";
        try {
            CompiledModule smallModule = CompiledModule.compile(BinaryDecoder.decode(wat));
            check(smallModule, "_start", "Hello World");
            instantiate(s, "instantiate: " + small, smallModule);
            if (Files.isRegularFile(guest)) {
                byte[] bytes = Files.readAllBytes(guest);
                CompiledModule guestModule = CompiledModule.compile(BinaryDecoder.decode(bytes));
                checkCommand(guestModule);
                instantiate(s, "instantiate: " + root.relativize(guest) + " (" + Format.number(bytes.length, "bytes")
                        + " bytes)", guestModule);
            } else {
                progress.skip(1);
                s.add(Measurement.failed("instantiate: " + root.relativize(guest), "", "weft", "not built: run guests/build.sh"));
            }
            enter(s, smallModule);
            teardown(s, smallModule);
            cycle(s, smallModule);
            measureAll(s);
        } catch (ModuleException | IOException | RuntimeException e) {
            progress.info("lifecycle failed: " + e);
            s.add(Measurement.failed("lifecycle", "", "weft", String.valueOf(e)));
        }
        s.note("Through Weft's Java API in the runner's own JVM (JDK 25, JIT-compiled by a warm-up of each operation), "
                + "microseconds per operation, median (min–max) over " + repeats + " timed batches of 100 operations (10,000 "
                + "calls for enter + return), after all operations were warmed up together for " + warmupNanos / 1_000_000
                + " ms. Instantiate and teardown are timed one operation at a time (each figure includes one pair of "
                + "System.nanoTime calls), so that each instance is dropped right after use, as a host would. "
                + "*instantiate* = new Linker, `Wasi.define` + `defineStubs`, `Linker.instantiate` of the already-compiled "
                + "`CompiledModule`, `Wasi.bind`; *enter + return* = `WasmFunction.call()` of the exported `noop`.");
        s.note("Weft has no explicit teardown or slot reset: an instance is garbage once unreferenced, and its linear "
                + "memory is a Java `byte[]` that the next instantiation allocates afresh (the stack pool does not back "
                + "linear memories yet, so there are no pooled slots to reset). *teardown* measures what there is: "
                + "`Wasi.close()` and dropping the references; the collector's work shows up in *full cycle*, which runs "
                + "instantiate, enter and teardown back to back with garbage collection included.");
        s.note("The Lucet column quotes the published figures named in issue 6 (about 30 us to instantiate, 5 us to "
                + "enter and return, 23 us to tear down and reset a slot; the full cycle is their sum). They were measured "
                + "on other hardware by the Lucet authors; the ratio column is Lucet / Weft, so below 1× means Weft is slower.");
        s.command("in process: dev.weft.benchmarks.macro.Lifecycle (hello.wat from benchmarks/src/main/resources/macro, "
                + root.relativize(guest) + ")");
        return s;
    }

    /** Times instantiation one at a time; each instance is closed and dropped untimed right after, as a host would. */
    private void instantiate(Section s, String row, CompiledModule module) {
        int batch = 100;
        measure(s, row, batch, LUCET_INSTANTIATE, () -> {
            long t = 0;
            for (int i = 0; i < batch; i++) {
                long t0 = System.nanoTime();
                Live live = instantiate(module);
                t += System.nanoTime() - t0;
                live.close();
            }
            return t;
        });
    }

    private void enter(Section s, CompiledModule module) {
        Live live = instantiate(module);
        WasmFunction noop = live.instance().function("noop");
        int batch = 10_000;
        measure(s, "enter + return: noop()", batch, LUCET_ENTER, () -> {
            long t0 = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                noop.call();
            }
            return System.nanoTime() - t0;
        });
    }

    /** Times teardown one instance at a time, each instantiated untimed right before. */
    private void teardown(Section s, CompiledModule module) {
        int batch = 100;
        measure(s, "teardown: Wasi.close() + drop", batch, LUCET_TEARDOWN, () -> {
            long t = 0;
            for (int i = 0; i < batch; i++) {
                Live[] live = {instantiate(module)};
                long t0 = System.nanoTime();
                live[0].close();
                live[0] = null;
                t += System.nanoTime() - t0;
            }
            return t;
        });
    }

    private void cycle(Section s, CompiledModule module) {
        int batch = 100;
        measure(s, "full cycle: instantiate, noop(), teardown", batch,
                LUCET_INSTANTIATE + LUCET_ENTER + LUCET_TEARDOWN, () -> {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < batch; i++) {
                        Live live = instantiate(module);
                        live.instance().function("noop").call();
                        live.close();
                    }
                    return System.nanoTime() - t0;
                });
    }

    /** Plans a figure; {@link #measureAll} measures it. */
    private void measure(Section s, String row, int batch, double lucet, LongSupplier batchRun) {
        probes.add(new Probe(row, batch, lucet, batchRun));
    }

    /**
     * Warms every planned figure up together, round-robin, until the warm-up time has passed (so
     * the JIT has compiled all of them before any is timed), then times {@link #repeats} batches
     * of each and adds Weft's figure and Lucet's to {@code s}.
     */
    private void measureAll(Section s) {
        long warmEnd = System.nanoTime() + warmupNanos;
        do {
            probes.forEach(p -> p.batchRun().getAsLong());
        } while (System.nanoTime() < warmEnd);
        for (Probe p : probes) {
            progress.step("lifecycle: " + p.row());
            List<Double> samples = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                samples.add(p.batchRun().getAsLong() / 1e3 / p.batch());
            }
            Summary sum = Summary.of(samples);
            progress.info(String.format("median %s us (%s–%s)", Format.number(sum.median(), "us"),
                    Format.number(sum.min(), "us"), Format.number(sum.max(), "us")));
            s.add(Measurement.ok(p.row(), "", "weft", samples));
            s.add(Measurement.reference(p.row(), "", LUCET, p.lucet(), LUCET_SOURCE));
        }
    }

    private static Live instantiate(CompiledModule module) {
        Linker linker = new Linker();
        Wasi wasi = Wasi.define(linker, WasiConfig.builder().args("hello").build()).defineStubs(linker, module.module());
        try {
            Instance instance = linker.instantiate(module);
            wasi.bind(instance);
            return new Live(wasi, instance);
        } catch (ModuleException e) {
            throw new IllegalStateException("cannot instantiate: " + e.getMessage(), e);
        }
    }

    /** Checks that {@code export} of a fresh instance prints {@code expected}. */
    private static void check(CompiledModule module, String export, String expected) throws ModuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Linker linker = new Linker();
        try (Wasi wasi = Wasi.define(linker, WasiConfig.builder().stdout(out).build())) {
            Instance instance = linker.instantiate(module);
            wasi.bind(instance);
            instance.function(export).call();
        }
        verify(out, expected);
    }

    /** Checks that the guest, run as a WASI command, prints "Hello World". */
    private static void checkCommand(CompiledModule module) throws ModuleException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = WasiCommand.run(new Linker(), module, WasiConfig.builder().args("hello").stdout(out).build());
        if (code != 0) {
            throw new IllegalStateException("hello exited with " + code);
        }
        verify(out, "Hello World");
    }

    private static void verify(ByteArrayOutputStream out, String expected) {
        String got = OutputCheck.lastLine(out.toString(StandardCharsets.UTF_8));
        if (!got.equals(expected)) {
            throw new IllegalStateException("wrong output: got \"" + got + "\", expected \"" + expected + "\"");
        }
    }
}
