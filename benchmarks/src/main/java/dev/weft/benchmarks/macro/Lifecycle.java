package dev.weft.benchmarks.macro;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.InstancePool.MemoryKind;
import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import dev.weft.interpreter.valid.Validator;
import dev.weft.wasi.WasiExit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Instance lifecycle costs, in process through Weft's embedding API, in microseconds per
 * operation, for fresh instances and for instances from an {@code InstancePool} (heap and
 * mapped memories): instantiate (or acquire) a WASI hello-world from an already-compiled
 * module, enter and return from a trivial export, tear down (close, for a pooled instance with
 * its memory reset). Each figure is the median over timed batches of operations run back to
 * back (one clock read per batch), after a warm-up of all of them together.
 */
final class Lifecycle {
    /** The targets of issue 14 for the hello guests, microseconds (the reference series). */
    static final double TARGET_INSTANTIATE = 10;
    static final double TARGET_ENTER = 0.5;
    static final double TARGET_TEARDOWN = 5;
    static final String TARGET = "target (issue 14)";
    /**
     * Instances live at once in a timed batch of instantiations or teardowns, and the pools' size:
     * few, so that a collection during a batch does not copy many live memories (a host drops
     * each instance soon).
     */
    static final int BATCH = 10;
    /** Operations per sample: {@link #BATCH} at a time for instantiate and teardown, back to back for a cycle. */
    static final int OPS = 100;
    static final int CALLS = 10_000;

    private final Progress progress;
    private final int repeats;
    private final long warmupNanos;

    Lifecycle(Progress progress, int repeats, long warmupNanos) {
        this.progress = progress;
        this.repeats = repeats;
        this.warmupNanos = warmupNanos;
    }

    /** The rows this section measures (one progress step each). */
    static final int STEPS = 16;

    /** One figure to measure: {@code batchRun} performs {@code batch} operations and returns the nanoseconds they took. */
    private record Probe(String row, int batch, double target, LongSupplier batchRun) {}

    private final List<Probe> probes = new ArrayList<>();

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
        List<InstanceSource> sources = new ArrayList<>();
        try {
            CompiledModule smallModule = CompiledModule.compile(BinaryDecoder.decode(wat));
            CompiledModule guestModule = null;
            String guestName = root.relativize(guest).toString();
            if (Files.isRegularFile(guest)) {
                byte[] bytes = Files.readAllBytes(guest);
                guestModule = CompiledModule.compile(BinaryDecoder.decode(bytes));
                guestName += " (" + Format.number(bytes.length, "bytes") + " bytes)";
            }
            for (Kind kind : Kind.values()) {
                InstanceSource smallSource = kind.source(smallModule, null);
                sources.add(smallSource);
                check(kind, smallModule, "_start");
                instantiate(s, kind, small, smallSource);
                if (kind == Kind.FRESH || kind == Kind.HEAP) {
                    if (guestModule != null) {
                        check(kind, guestModule, "_start");
                        InstanceSource guestSource = kind.source(guestModule, null);
                        sources.add(guestSource);
                        instantiate(s, kind, guestName, guestSource);
                    } else {
                        progress.skip(1);
                        s.add(Measurement.failed(kind.label + kind.instantiate + ": " + guestName, "", "weft",
                                "not built: run guests/build.sh"));
                    }
                    enter(s, kind, smallSource);
                }
                teardown(s, kind, smallSource);
                cycle(s, kind, smallSource);
            }
            measureAll(s);
        } catch (ModuleException | IOException | RuntimeException e) {
            progress.info("lifecycle failed: " + e);
            s.add(Measurement.failed("lifecycle", "", "weft", String.valueOf(e)));
        } finally {
            sources.forEach(InstanceSource::close);
        }
        notes(s, root.relativize(guest));
        return s;
    }

    /** How the instances of a group of rows are made. */
    enum Kind {
        FRESH("", "instantiate", "teardown: close()") {
            @Override
            InstanceSource source(CompiledModule module, ByteArrayOutputStream out) {
                return InstanceSource.fresh(module, out);
            }
        },
        SHARED("shared linker: ", "instantiate", "teardown: close()") {
            @Override
            InstanceSource source(CompiledModule module, ByteArrayOutputStream out) {
                return InstanceSource.sharedLinker(module, out);
            }
        },
        HEAP("pooled (heap): ", "acquire", "teardown: close() with reset") {
            @Override
            InstanceSource source(CompiledModule module, ByteArrayOutputStream out) {
                return InstanceSource.pooled(module, BATCH, MemoryKind.HEAP, out);
            }
        },
        MAPPED("pooled (mapped): ", "acquire", "teardown: close() with reset") {
            @Override
            InstanceSource source(CompiledModule module, ByteArrayOutputStream out) {
                return InstanceSource.pooled(module, BATCH, MemoryKind.MAPPED, out);
            }
        };

        final String label;
        final String instantiate;
        final String teardown;

        Kind(String label, String instantiate, String teardown) {
            this.label = label;
            this.instantiate = instantiate;
            this.teardown = teardown;
        }

        abstract InstanceSource source(CompiledModule module, ByteArrayOutputStream out);
    }

    private void notes(Section s, Path guest) {
        s.note("Through Weft's Java API in the runner's own JVM (JDK 25, JIT-compiled by a warm-up of each operation), "
                + "microseconds per operation, median (min–max) over " + repeats + " timed batches, after all operations "
                + "were warmed up together for " + warmupNanos / 1_000_000 + " ms and until they had allocated the "
                + "committed Java heap " + HEAP_PASSES + " times over since it last changed size (heap memory the "
                + "collector has just committed page-faults on first use, which made instantiation figures bimodal "
                + "between JVMs). No clock read per operation: a sample "
                + "is " + OPS + " instantiations (or acquires) timed " + BATCH + " back to back at a time, each "
                + BATCH + " closed untimed after their batch; " + OPS + " teardowns timed the same way of instances made "
                + "untimed; " + Format.number(CALLS, "calls") + " calls for enter + return; " + OPS + " full cycles "
                + "back to back. At most " + BATCH + " instances are live at once (a host drops each soon), so a "
                + "collection during a batch copies few memories.");
        s.note("*instantiate* = new Linker, `Wasi.define` + `defineStubs`, `Linker.instantiate` of the already-compiled "
                + "`CompiledModule`, `Wasi.bind`; *teardown* = `Instance.close()` (its memories emptied, continuations "
                + "discarded) and `Wasi.close()`. *shared linker*: fresh instances from one `Linker` and WASI "
                + "environment made once (`Linker.instantiate` alone; WASI takes the caller's memory from each call), "
                + "teardown = `Instance.close()`. *pooled*: an `InstancePool` of " + BATCH + " instances made once with one "
                + "linker and WASI environment; *acquire* = `InstancePool.acquire()` (a complete instantiation: data "
                + "segments, globals, tables, start function; only the memory is reused), *teardown* = `Instance.close()`, "
                + "which returns the instance's memory reset: a heap memory's array zeroed over the bytes in use, a "
                + "mapped memory's slot reset in place (a memset of up to 1 MiB, `madvise(MADV_DONTNEED)` beyond); "
                + "*enter + return* = `WasmFunction.call()` of the exported `noop`; *full cycle* = instantiate or acquire, `noop()`, teardown.");
        s.note("The ratio column is target / Weft, the targets of issue 14 (instantiate 10 us, enter + return 0.5 us, "
                + "teardown with reset 5 us; the full cycle their sum): 1× or more meets the target. For context only: "
                + "Lucet's authors published about 30 us to instantiate, 5 us to enter and return and 23 us to tear down "
                + "and reset a slot, measured on other hardware.");
        s.command("in process: dev.weft.benchmarks.macro.Lifecycle (hello.wat from benchmarks/src/main/resources/macro, "
                + guest + ")");
    }

    /** Times {@link #OPS} instantiations, {@link #BATCH} back to back at a time; each batch is closed untimed after it. */
    private void instantiate(Section s, Kind kind, String module, InstanceSource source) {
        measure(s, kind.label + kind.instantiate + ": " + module, OPS, TARGET_INSTANTIATE, () -> {
            InstanceSource.Live[] live = new InstanceSource.Live[BATCH];
            long t = 0;
            for (int b = 0; b < OPS / BATCH; b++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < BATCH; i++) {
                    live[i] = source.next();
                }
                t += System.nanoTime() - t0;
                for (InstanceSource.Live l : live) {
                    l.close();
                }
            }
            return t;
        });
    }

    private void enter(Section s, Kind kind, InstanceSource source) {
        measure(s, kind.label + "enter + return: noop()", CALLS, TARGET_ENTER, () -> {
            InstanceSource.Live live = source.next();
            WasmFunction noop = live.instance().function("noop");
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                noop.call();
            }
            long t = System.nanoTime() - t0;
            live.close();
            return t;
        });
    }

    /** Times {@link #OPS} teardowns, {@link #BATCH} back to back at a time of instances made untimed before. */
    private void teardown(Section s, Kind kind, InstanceSource source) {
        measure(s, kind.label + kind.teardown, OPS, TARGET_TEARDOWN, () -> {
            InstanceSource.Live[] live = new InstanceSource.Live[BATCH];
            long t = 0;
            for (int b = 0; b < OPS / BATCH; b++) {
                for (int i = 0; i < BATCH; i++) {
                    live[i] = source.next();
                }
                long t0 = System.nanoTime();
                for (InstanceSource.Live l : live) {
                    l.close();
                }
                t += System.nanoTime() - t0;
            }
            return t;
        });
    }

    private void cycle(Section s, Kind kind, InstanceSource source) {
        measure(s, kind.label + "full cycle: " + kind.instantiate + ", noop(), teardown", OPS,
                TARGET_INSTANTIATE + TARGET_ENTER + TARGET_TEARDOWN, () -> {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < OPS; i++) {
                        InstanceSource.Live live = source.next();
                        live.instance().function("noop").call();
                        live.close();
                    }
                    return System.nanoTime() - t0;
                });
    }

    /**
     * How many times over the warm-up must allocate the committed Java heap after it last
     * changed size. Memory the collector has just committed (at start, or growing the heap, or
     * growing the young generation inside it) is new to the process, and the first write to each
     * of its pages is a page fault: until the heap has been allocated through, an instantiation
     * (about 110 KB allocated for hello.wat with its WASI set-up) costs tens of times more (about
     * 340 us against 10–20 us per operation in a diagnostic run on this machine, for as long as
     * the collector did not run). Timing during that phase or after it is what made the
     * instantiate figure bimodal between JVMs.
     */
    static final int HEAP_PASSES = 2;
    /** The longest warm-up while waiting for the heap to keep its size. */
    static final long MAX_WARMUP_NANOS = 60_000_000_000L;

    private static long committedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    /** Bytes this thread has allocated so far (HotSpot's count; the warm-up runs on one thread). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Plans a figure; {@link #measureAll} measures it. */
    private void measure(Section s, String row, int batch, double target, LongSupplier batchRun) {
        probes.add(new Probe(row, batch, target, batchRun));
    }

    /**
     * Warms every planned figure up together, round-robin, until the warm-up time has passed (so
     * the JIT has compiled all of them before any is timed) and it has allocated the committed
     * heap {@link #HEAP_PASSES} times over since the heap last changed size (at most
     * {@link #MAX_WARMUP_NANOS} in all; no wait without a warm-up), then times {@link #repeats} batches
     * of each and adds Weft's figure and the target to {@code s}.
     */
    private void measureAll(Section s) {
        long start = System.nanoTime();
        long committed = committedHeap();
        long allocatedAtResize = allocated();
        do {
            probes.forEach(p -> p.batchRun().getAsLong());
            long now = committedHeap();
            if (now != committed) {
                committed = now;
                allocatedAtResize = allocated();
            }
        } while (System.nanoTime() - start < warmupNanos
                || warmupNanos > 0 && allocated() - allocatedAtResize < HEAP_PASSES * committed
                        && System.nanoTime() - start < MAX_WARMUP_NANOS);
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
            s.add(Measurement.reference(p.row(), "", TARGET, p.target(), "target"));
        }
    }

    /** Checks that {@code export} of an instance of {@code kind} prints "Hello World" (the C guest: as its _start). */
    private static void check(Kind kind, CompiledModule module, String export) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InstanceSource source = kind.source(module, out)) {
            InstanceSource.Live live = source.next();
            try {
                live.instance().function(export).call();
            } catch (RuntimeException e) {
                WasiExit exit = WasiExit.find(e);
                if (exit == null || exit.code() != 0) {
                    throw exit == null ? e : new IllegalStateException("hello exited with " + exit.code());
                }
            } finally {
                live.close();
            }
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
