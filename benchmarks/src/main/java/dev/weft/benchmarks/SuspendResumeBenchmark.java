package dev.weft.benchmarks;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.text.WatParser;
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
 * Stack switching in the interpreter, per operation:
 *
 * <ul>
 *   <li>{@code suspendResume}: a Wasm generator suspends {@value #N} times per call and a Wasm
 *       driver resumes it each time; the score is ns per suspend/resume pair (the driver's
 *       loop and the generator's counting included).</li>
 *   <li>{@code createResumeReturn}: {@value #N} continuations per call, each created, resumed
 *       once and returning; ns per continuation.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SuspendResumeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SuspendResumeBenchmark {
    static final int N = 1000;

    /** The generator module: {@code gen} yields n, n-1, ..., 1; {@code run} sums what it yields. */
    static final String WAT = """
        (module
          (type $f (func (param i32)))
          (type $c (cont $f))
          (type $fy (func))
          (type $cy (cont $fy))
          (type $fd (func (param i32) (result i32)))
          (type $cd (cont $fd))
          (tag $yield (param i32))
          (elem declare func $gen $one)
          (func $gen (type $f) (param $n i32)
            (loop $l
              (if (local.get $n)
                (then
                  (suspend $yield (local.get $n))
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br $l)))))
          (func (export "run") (param $n i32) (result i32)
            (local $sum i32) (local $k (ref null $cy))
            (block $done
              (block $h (result i32 (ref $cy))
                (resume $c (on $yield $h) (local.get $n) (cont.new $c (ref.func $gen)))
                (br $done))
              (local.set $k)
              (local.get $sum) (i32.add) (local.set $sum)
              (loop $l
                (block $h2 (result i32 (ref $cy))
                  (resume $cy (on $yield $h2) (local.get $k))
                  (br $done))
                (local.set $k)
                (local.get $sum) (i32.add) (local.set $sum)
                (br $l)))
            (local.get $sum))
          (func $one (type $fd) (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (func (export "many") (param $n i32) (result i32)
            (local $i i32) (local $acc i32)
            (loop $l
              (local.set $acc (resume $cd (local.get $acc) (cont.new $cd (ref.func $one))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
            (local.get $acc)))
        """;

    private WasmFunction run;
    private WasmFunction many;
    private final Value n = Value.i32(N);

    @Setup
    public void setUp() throws Exception {
        Instance inst = new Linker().instantiate(CompiledModule.compile(WatParser.parseModule(WAT)));
        run = inst.function("run");
        many = inst.function("many");
        if (run.call(n)[0].asInt() != N * (N + 1) / 2 || many.call(n)[0].asInt() != N) {
            throw new IllegalStateException("wrong results");
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int suspendResume() {
        return run.call(n)[0].asInt();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int createResumeReturn() {
        return many.call(n)[0].asInt();
    }
}
