package dev.weft.benchmarks;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.binary.BinaryDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Stack switching (WasmFX) on Weft's interpreter: the guests of
 * benchmarks/src/main/resources/wasmfx, the same .wasm files that benchmarks/node/bench-node.sh
 * runs on V8. Each benchmark is one call of the guest's {@code run(n)} at full scale, reported
 * in ns per operation through {@link OperationsPerInvocation}:
 *
 * <ul>
 *   <li>{@code generator}: 10,000,000 values, one suspend/resume pair each;
 *   <li>{@code lifecycle}: 1,000,000 times cont.new + resume + return;
 *   <li>{@code skynet}: a tree of 1,111,111 continuations (depth 6, 10 children);
 * </ul>
 *
 * and each {@code *Plain} benchmark is the same work without stack switching (the
 * {@code -plain.wasm} baselines). Every guest has its own state, so a guest Weft cannot run yet
 * fails alone in its {@code @Setup}, with the engine's message, and the baselines still run.
 * Setup checks the result of one call against the formula (not against another engine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-XX:+UseParallelGC"}) // the weft launcher's collector
public class ContinuationBenchmark {
    static final int GENERATOR_N = 10_000_000;
    static final int LIFECYCLE_N = 1_000_000;
    static final int SKYNET_DEPTH = 6;
    /** Nodes (continuations) of the skynet tree at {@link #SKYNET_DEPTH}: (10^7 - 1) / 9. */
    static final int SKYNET_NODES = 1_111_111;

    /** One guest module's {@code run} export, loaded and checked. */
    abstract static class Guest {
        WasmFunction run;
        int n;

        /** Loads wasmfx/{@code file} and checks that run(n) returns {@code expected}. */
        void load(String file, int n, long expected) {
            this.n = n;
            try {
                run = (WasmFunction) new Linker()
                        .instantiate(CompiledModule.compile(BinaryDecoder.decode(wasm(file))))
                        .export("run");
            } catch (InvalidModuleException e) {
                throw new IllegalStateException(file + ": Weft cannot run this guest yet: " + e.getMessage(), e);
            } catch (Exception e) {
                throw new IllegalStateException(file + ": did not load on Weft: " + e, e);
            }
            long got;
            try {
                got = call();
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + ": run(" + n + ") failed on Weft: " + e, e);
            }
            if (got != expected) {
                throw new IllegalStateException(file + ": run(" + n + ") returned " + got + ", expected " + expected);
            }
        }

        /** run(n) as a long (an i32 result is widened). */
        long call() {
            Value result = run.call(Value.i32(n))[0];
            return result.bits();
        }
    }

    static byte[] wasm(String file) {
        String path = "/wasmfx/" + file;
        try (InputStream in = ContinuationBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long triangle(long n) {
        return n * (n + 1) / 2;
    }

    static long skynetSum(int depth) {
        long leaves = 1;
        for (int i = 0; i < depth; i++) {
            leaves *= 10;
        }
        return leaves * (leaves - 1) / 2;
    }

    @State(Scope.Benchmark)
    public static class Generator extends Guest {
        @Setup
        public void setup() {
            load("generator.wasm", GENERATOR_N, triangle(GENERATOR_N));
        }
    }

    @State(Scope.Benchmark)
    public static class GeneratorPlain extends Guest {
        @Setup
        public void setup() {
            load("generator-plain.wasm", GENERATOR_N, triangle(GENERATOR_N));
        }
    }

    @State(Scope.Benchmark)
    public static class Lifecycle extends Guest {
        @Setup
        public void setup() {
            load("lifecycle.wasm", LIFECYCLE_N, LIFECYCLE_N);
        }
    }

    @State(Scope.Benchmark)
    public static class LifecyclePlain extends Guest {
        @Setup
        public void setup() {
            load("lifecycle-plain.wasm", LIFECYCLE_N, LIFECYCLE_N);
        }
    }

    @State(Scope.Benchmark)
    public static class Skynet extends Guest {
        @Setup
        public void setup() {
            load("skynet.wasm", SKYNET_DEPTH, skynetSum(SKYNET_DEPTH));
        }
    }

    @State(Scope.Benchmark)
    public static class SkynetPlain extends Guest {
        @Setup
        public void setup() {
            load("skynet-plain.wasm", SKYNET_DEPTH, skynetSum(SKYNET_DEPTH));
        }
    }

    /** ns per suspend/resume pair. */
    @Benchmark
    @OperationsPerInvocation(GENERATOR_N)
    public long generator(Generator g) {
        return g.call();
    }

    /** ns per value from a plain call (no switching). */
    @Benchmark
    @OperationsPerInvocation(GENERATOR_N)
    public long generatorPlain(GeneratorPlain g) {
        return g.call();
    }

    /** ns per cont.new + resume + return. */
    @Benchmark
    @OperationsPerInvocation(LIFECYCLE_N)
    public long lifecycle(Lifecycle g) {
        return g.call();
    }

    /** ns per plain call + return. */
    @Benchmark
    @OperationsPerInvocation(LIFECYCLE_N)
    public long lifecyclePlain(LifecyclePlain g) {
        return g.call();
    }

    /** ns per continuation of the tree (each: cont.new, resumes, return; leaves also suspend once). */
    @Benchmark
    @OperationsPerInvocation(SKYNET_NODES)
    public long skynet(Skynet g) {
        return g.call();
    }

    /** ns per node of the tree walked by plain recursion. */
    @Benchmark
    @OperationsPerInvocation(SKYNET_NODES)
    public long skynetPlain(SkynetPlain g) {
        return g.call();
    }
}
