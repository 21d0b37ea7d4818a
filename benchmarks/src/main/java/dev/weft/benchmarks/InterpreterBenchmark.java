package dev.weft.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Speed on compute kernels, Weft against Chicory 1.7.5's interpreter and its bytecode compiler
 * on the same .wasm bytes (benchmarks/src/main/resources/kernels). Weft runs the tier that
 * {@code -Dweft.tier} selects (auto by default: compiled once a function is hot). Each benchmark returns the kernel's
 * result so the work cannot be dropped; setup checks that the engines agree on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m"})
public class InterpreterBenchmark {
    static final int FIB_N = 25;
    static final int SIEVE_N = 1_000_000;
    static final int MATMUL_N = 100;

    WasmFunction weftFib;
    WasmFunction weftSieve;
    WasmFunction weftMatmul;
    ExportFunction chicoryFib;
    ExportFunction chicorySieve;
    ExportFunction chicoryMatmul;
    ExportFunction chicoryCompilerFib;
    ExportFunction chicoryCompilerSieve;
    ExportFunction chicoryCompilerMatmul;

    @Setup
    public void setup() {
        WeftKernels fib = new WeftKernels("fib");
        WeftKernels sieve = new WeftKernels("sieve");
        WeftKernels matmul = new WeftKernels("matmul");
        weftFib = fib.export("fib");
        weftSieve = sieve.export("sieve");
        weftMatmul = matmul.export("matmul");
        matmul.export("init").call(Value.i32(MATMUL_N));

        ChicoryKernels cFib = new ChicoryKernels("fib");
        ChicoryKernels cSieve = new ChicoryKernels("sieve");
        ChicoryKernels cMatmul = new ChicoryKernels("matmul");
        chicoryFib = cFib.export("fib");
        chicorySieve = cSieve.export("sieve");
        chicoryMatmul = cMatmul.export("matmul");
        cMatmul.export("init").apply(MATMUL_N);

        ChicoryKernels ccMatmul = new ChicoryKernels("matmul", true);
        chicoryCompilerFib = new ChicoryKernels("fib", true).export("fib");
        chicoryCompilerSieve = new ChicoryKernels("sieve", true).export("sieve");
        chicoryCompilerMatmul = ccMatmul.export("matmul");
        ccMatmul.export("init").apply(MATMUL_N);

        agree("fib", weftFib(), chicoryFib());
        agree("sieve", weftSieve(), chicorySieve());
        agree("matmul", weftMatmul(), chicoryMatmul());
        agree("fib (Chicory's compiler)", weftFib(), chicoryCompilerFib());
        agree("sieve (Chicory's compiler)", weftSieve(), chicoryCompilerSieve());
        agree("matmul (Chicory's compiler)", weftMatmul(), chicoryCompilerMatmul());
    }

    private static void agree(String kernel, long weft, long chicory) {
        if (weft != chicory) {
            throw new IllegalStateException(kernel + ": Weft returned " + weft + ", Chicory " + chicory);
        }
    }

    @Benchmark
    public long weftFib() {
        return weftFib.call(Value.i32(FIB_N))[0].asInt();
    }

    @Benchmark
    public long chicoryFib() {
        return chicoryFib.apply(FIB_N)[0];
    }

    @Benchmark
    public long chicoryCompilerFib() {
        return chicoryCompilerFib.apply(FIB_N)[0];
    }

    @Benchmark
    public long weftSieve() {
        return weftSieve.call(Value.i32(SIEVE_N))[0].asInt();
    }

    @Benchmark
    public long chicorySieve() {
        return chicorySieve.apply(SIEVE_N)[0];
    }

    @Benchmark
    public long chicoryCompilerSieve() {
        return chicoryCompilerSieve.apply(SIEVE_N)[0];
    }

    @Benchmark
    public long weftMatmul() {
        return weftMatmul.call(Value.i32(MATMUL_N))[0].bits();
    }

    @Benchmark
    public long chicoryMatmul() {
        return chicoryMatmul.apply(MATMUL_N)[0];
    }

    @Benchmark
    public long chicoryCompilerMatmul() {
        return chicoryCompilerMatmul.apply(MATMUL_N)[0];
    }
}
