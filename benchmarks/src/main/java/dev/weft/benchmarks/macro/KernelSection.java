package dev.weft.benchmarks.macro;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.benchmarks.Kernels;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.compiler.BytecodeTier;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Section (h): the compute kernels of {@code resources/kernels} (fib, sieve) in process, after a
 * warm-up, on each tier of Weft, Chicory 1.7.5's bytecode compiler and V8 (Node 26, through
 * {@code benchmarks/node/kernels.mjs}) in the same run: milliseconds per call. Weft and Chicory
 * run in the runner's own JVM, one engine after the other; each call's result is checked
 * against the kernel's value computed here in plain Java.
 */
final class KernelSection {
    /** The engines this section measures, in the order of its columns. */
    static final List<Engine> ENGINES = List.of(Engine.WEFT, Engine.WEFT_COMPILED, Engine.WEFT_AUTO,
            Engine.CHICORY_COMPILER, Engine.NODE);

    /**
     * One kernel call: {@code export(arg)} of {@code kernels/<export>.wasm}, whose result (an i32,
     * or an f64 when {@code f64}) must be {@code expected}; {@code init}, when not null, is an
     * export called once with {@code arg} before the timed calls.
     */
    record Kernel(String export, int arg, double expected, boolean f64, String init) {
        static Kernel i32(String export, int arg, int expected) {
            return new Kernel(export, arg, expected, false, null);
        }

        String row() {
            return export + "(" + String.format(java.util.Locale.ROOT, "%,d", arg) + ")";
        }

        /** The expected result as the kernel's type prints it. */
        String expectedText() {
            return f64 ? String.valueOf(expected) : String.valueOf((int) expected);
        }
    }

    /**
     * The kernels at {@code mode}'s scale: fib(32), sieve(10,000,000) and matmul(200) (an f64
     * 200x200 matrix product, its trace), smaller for {@code --quick}.
     */
    static List<Kernel> kernels(Mode mode) {
        int fib = mode == Mode.QUICK ? 20 : 32;
        int sieve = mode == Mode.QUICK ? 100_000 : 10_000_000;
        int matmul = mode == Mode.QUICK ? 50 : 200;
        return List.of(Kernel.i32("fib", fib, fib(fib)), Kernel.i32("sieve", sieve, primesBelow(sieve)),
                new Kernel("matmul", matmul, matmulTrace(matmul), true, "init"));
    }

    private final Tools tools;
    private final ProcessRunner runner;
    private final Progress progress;
    private final Mode mode;
    private final int batches;

    KernelSection(Tools tools, ProcessRunner runner, Progress progress, Mode mode, int batches) {
        this.tools = tools;
        this.runner = runner;
        this.progress = progress;
        this.mode = mode;
        this.batches = batches;
    }

    private double warmupSeconds() {
        return mode == Mode.QUICK ? 0.5 : 5;
    }

    private double batchSeconds() {
        return mode == Mode.QUICK ? 0.2 : 1;
    }

    /** Measures every kernel on each of {@code engines} that this section knows. */
    Section run(List<Engine> engines) {
        Section s = new Section("kernels", "(h) Compute kernels in process, after warm-up", "ms", Engine.WEFT.id())
                .headlinePerRow(true);
        List<Kernel> kernels = kernels(mode);
        List<Engine> here = ENGINES.stream().filter(engines::contains).toList();
        for (Kernel k : kernels) {
            for (Engine e : here) {
                if (e == Engine.NODE) {
                    continue; // one node process measures every kernel, below
                }
                progress.step("kernels: " + k.row() + " on " + e.id());
                s.add(measureInProcess(k, e));
            }
        }
        if (here.contains(Engine.NODE)) {
            node(s, kernels);
        }
        s.note("Milliseconds per call, median (min–max) of " + batches + " batches, each the mean of the calls made in "
                + batchSeconds() + " s (at least one), after " + warmupSeconds() + " s of warm-up calls. Weft (each tier: "
                + "`weft.tier` = interp, compiled, auto with its default threshold) and Chicory 1.7.5's bytecode compiler "
                + "run in the runner's JVM; V8 in Node 26 runs `benchmarks/node/kernels.mjs` with the same .wasm bytes. "
                + "fib is recursive calls; sieve is loops with byte loads and stores over linear memory; matmul is "
                + "nested loops of f64 loads, multiplies and adds (its init export fills the matrices first, untimed) (the "
                + "benchmarks' WAT kernels, `benchmarks/src/main/resources/kernels`). The auto tier tiers an instance up when one "
                + "of its functions has been called `weft.tier.hotCalls` times or its meter has counted about a million "
                + "back-edges and calls; the call running then finishes interpreted (no on-stack replacement).");
        return s;
    }

    private Measurement measureInProcess(Kernel k, Engine e) {
        try {
            IntToDoubleFunction call = e == Engine.CHICORY_COMPILER ? chicoryCompiled(k) : weft(k, e);
            List<Double> samples = time(call, k);
            return Measurement.ok(k.row(), "", e.id(), samples);
        } catch (RuntimeException ex) {
            progress.info("kernels: " + k.row() + " on " + e.id() + " failed: " + ex);
            return Measurement.failed(k.row(), "", e.id(), String.valueOf(ex));
        }
    }

    /** Warm-up, then {@link #batches} timed batches; each call's result is checked. */
    private List<Double> time(IntToDoubleFunction call, Kernel k) {
        batch(call, k, (long) (warmupSeconds() * 1e9));
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            samples.add(batch(call, k, (long) (batchSeconds() * 1e9)));
        }
        return samples;
    }

    /** Calls the kernel for {@code nanos} (at least once); milliseconds per call. */
    private static double batch(IntToDoubleFunction call, Kernel k, long nanos) {
        long start = System.nanoTime();
        long elapsed;
        int calls = 0;
        do {
            double result = call.applyAsDouble(k.arg());
            if (result != k.expected()) {
                throw new IllegalStateException(k.row() + " returned " + result + ", expected " + k.expectedText());
            }
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return elapsed / 1e6 / calls;
    }

    /** The kernel's export on Weft, instantiated with the tier of {@code engine}; its init done. */
    private static IntToDoubleFunction weft(Kernel k, Engine engine) {
        String before = System.getProperty(BytecodeTier.PROPERTY);
        System.setProperty(BytecodeTier.PROPERTY, Tools.tier(engine));
        try {
            CompiledModule module = CompiledModule.compile(BinaryDecoder.decode(Kernels.wasm(k.export())));
            Instance instance = new Linker().instantiate(module);
            if (k.init() != null) {
                ((WasmFunction) instance.export(k.init())).call(Value.i32(k.arg()));
            }
            WasmFunction f = (WasmFunction) instance.export(k.export());
            return k.f64() ? arg -> f.call(Value.i32(arg))[0].asDouble() : arg -> f.call(Value.i32(arg))[0].asInt();
        } catch (Exception e) {
            throw new IllegalStateException("kernel " + k.export() + " did not load on Weft: " + e.getMessage(), e);
        } finally {
            if (before == null) {
                System.clearProperty(BytecodeTier.PROPERTY);
            } else {
                System.setProperty(BytecodeTier.PROPERTY, before);
            }
        }
    }

    /** The kernel's export on Chicory's bytecode compiler; its init done. */
    private static IntToDoubleFunction chicoryCompiled(Kernel k) {
        WasmModule module = Parser.parse(Kernels.wasm(k.export()));
        com.dylibso.chicory.runtime.Instance instance = com.dylibso.chicory.runtime.Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.compile(module)).build();
        if (k.init() != null) {
            instance.export(k.init()).apply(k.arg());
        }
        ExportFunction f = instance.export(k.export());
        return k.f64() ? arg -> Double.longBitsToDouble(f.apply(arg)[0]) : arg -> (int) f.apply(arg)[0];
    }

    /** Runs every kernel in one Node process and adds its rows (or failures). */
    private void node(Section s, List<Kernel> kernels) {
        List<String> command = new ArrayList<>(List.of(tools.node().toString(), tools.kernelsScript().toString(),
                String.valueOf(warmupSeconds()), String.valueOf(batches), String.valueOf(batchSeconds())));
        kernels.forEach(k -> command.add(k.export() + "=" + k.arg() + (k.init() == null ? "" : "," + k.init())));
        s.command(tools.display(command));
        progress.step("kernels: every kernel on node");
        String failure;
        try {
            ProcessRunner.Outcome o = runner.run(command, Duration.ofMinutes(10));
            if (o.exitCode() == 0) {
                addNodeRows(s, kernels, o.stdout());
                return;
            }
            failure = "exit " + o.exitCode() + ": " + o.stderr().lines().findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            failure = String.valueOf(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        for (Kernel k : kernels) {
            s.add(Measurement.failed(k.row(), "", Engine.NODE.id(), failure));
        }
    }

    /** The rows of kernels.mjs's JSON lines, each checked against the kernel's expected result. */
    static void addNodeRows(Section s, List<Kernel> kernels, String stdout) {
        List<String> lines = stdout.lines().filter(l -> l.startsWith("{")).toList();
        for (Kernel k : kernels) {
            Measurement m = Measurement.failed(k.row(), "", Engine.NODE.id(), "no line for " + k.export() + " in node's output");
            for (String line : lines) {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                if (o.get("kernel").getAsString().equals(k.export()) && o.get("arg").getAsInt() == k.arg()) {
                    double result = o.get("result").getAsDouble();
                    List<Double> samples = new ArrayList<>();
                    o.getAsJsonArray("samples").forEach(x -> samples.add(x.getAsDouble()));
                    m = result == k.expected() ? Measurement.ok(k.row(), "", Engine.NODE.id(), samples)
                            : Measurement.failed(k.row(), "", Engine.NODE.id(), "returned " + (k.f64() ? String.valueOf(result) : String.valueOf((int) result))
                                    + ", expected " + k.expectedText());
                }
            }
            s.add(m);
        }
    }

    static int fib(int n) {
        int a = 0;
        int b = 1;
        for (int i = 0; i < n; i++) {
            int t = a + b;
            a = b;
            b = t;
        }
        return a;
    }

    static int primesBelow(int n) {
        boolean[] composite = new boolean[Math.max(n, 2)];
        int count = 0;
        for (int i = 2; i < n; i++) {
            if (!composite[i]) {
                count++;
                for (long j = (long) i * i; j < n; j += i) {
                    composite[(int) j] = true;
                }
            }
        }
        return count;
    }

    /**
     * The trace of A x B for matmul.wat's matrices: element e of A (e < n*n) and of B (e >= n*n,
     * counted on) is (e mod 17) / 7; each sum runs over k in order from 0.0, as the kernel's loop does.
     */
    static double matmulTrace(int n) {
        double[] m = new double[2 * n * n];
        for (int e = 0; e < m.length; e++) {
            m[e] = (e % 17) / 7.0;
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += m[i * n + k] * m[n * n + k * n + i];
            }
            trace += sum;
        }
        return trace;
    }
}
