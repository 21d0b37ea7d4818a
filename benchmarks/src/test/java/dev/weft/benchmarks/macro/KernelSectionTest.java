package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernels section: its scales, the JVM engines measured in process, and V8's rows parsed from kernels.mjs. */
class KernelSectionTest {
    @Test
    void theDefaultScaleIsFib32SieveTenMillionAndMatmul200() {
        // fib(32) = 2,178,309 and there are 664,579 primes below 10^7 (published values)
        List<KernelSection.Kernel> kernels = KernelSection.kernels(Mode.DEFAULT);
        assertEquals(List.of(KernelSection.Kernel.i32("fib", 32, 2_178_309), KernelSection.Kernel.i32("sieve", 10_000_000, 664_579)),
                kernels.subList(0, 2));
        assertEquals("sieve(10,000,000)", kernels.get(1).row());
        assertEquals("matmul(200)", kernels.get(2).row());
        assertEquals("init", kernels.get(2).init());
        assertTrue(kernels.get(2).f64());
        // fib(20) = 6,765; 9,592 primes below 100,000
        List<KernelSection.Kernel> quick = KernelSection.kernels(Mode.QUICK);
        assertEquals(List.of(KernelSection.Kernel.i32("fib", 20, 6_765), KernelSection.Kernel.i32("sieve", 100_000, 9_592)),
                quick.subList(0, 2));
        assertEquals("matmul(50)", quick.get(2).row());
    }

    @Test
    void matmulsExpectedTraceIsTheProductOfTheKernelsMatrices() {
        // n = 2: A = [0 1; 2 3] / 7, B = [4 5; 6 7] / 7; the diagonal of A x B is (0*4 + 1*6, 2*5 + 3*7) / 49
        assertEquals((6.0 + 31.0) / 49.0, KernelSection.matmulTrace(2), 1e-15);
        // n = 5 wraps the (e mod 17) pattern inside A and B
        double[] m = new double[50];
        for (int e = 0; e < 50; e++) {
            m[e] = (e % 17) / 7.0;
        }
        double trace = 0;
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < 5; k++) {
                trace += m[i * 5 + k] * m[25 + k * 5 + i];
            }
        }
        assertEquals(trace, KernelSection.matmulTrace(5), 1e-12);
    }

    @Test
    void everyJvmEngineRunsEachKernelInProcessAndIsChecked() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime, 8);
        ProcessRunner none = (command, timeout) -> {
            throw new AssertionError("node is not among the engines: no process runs");
        };
        Section s = new KernelSection(new Tools(Path.of("."), Path.of("java")), none, progress, Mode.QUICK, 2)
                .run(List.of(Engine.WEFT, Engine.WEFT_COMPILED, Engine.WEFT_AUTO, Engine.CHICORY_COMPILER, Engine.CHICORY));
        assertEquals(List.of("fib(20)", "sieve(100,000)", "matmul(50)"), List.copyOf(s.rows()));
        assertEquals(List.of("weft", "weft-compiled", "weft-auto", "chicory-compiler"), List.copyOf(s.series()));
        for (Measurement m : s.measurements()) {
            assertEquals(Measurement.Status.OK, m.status(), m + "\n" + err);
            assertEquals(2, m.samples().size());
        }
    }

    @Test
    void nodeRowsComeFromTheScriptsJsonLinesAndAWrongResultFails() {
        Section s = new Section("kernels", "(h)", "ms", "weft");
        List<KernelSection.Kernel> kernels = KernelSection.kernels(Mode.QUICK);
        KernelSection.addNodeRows(s, kernels, """
                some warning
                {"kernel":"fib","arg":20,"result":6765,"msPerCall":0.07,"min":0.06,"max":0.08,"samples":[0.08,0.06]}
                {"kernel":"sieve","arg":100000,"result":9999,"msPerCall":1,"min":1,"max":1,"samples":[1]}
                {"kernel":"matmul","arg":50,"result":%s,"msPerCall":0.5,"min":0.5,"max":0.5,"samples":[0.5]}
                """.formatted(KernelSection.matmulTrace(50)));
        Measurement fib = s.find("fib(20)", "node").orElseThrow();
        assertEquals(Measurement.Status.OK, fib.status());
        assertEquals(List.of(0.08, 0.06), fib.samples());
        Measurement sieve = s.find("sieve(100,000)", "node").orElseThrow();
        assertEquals(Measurement.Status.FAILED, sieve.status());
        assertTrue(sieve.message().contains("returned 9999, expected 9592"), sieve.message());
        assertEquals(Measurement.Status.OK, s.find("matmul(50)", "node").orElseThrow().status());
    }
}
