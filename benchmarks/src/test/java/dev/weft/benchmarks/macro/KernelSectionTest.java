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
    void theDefaultScaleIsFib32AndSieveTenMillion() {
        // fib(32) = 2,178,309 and there are 664,579 primes below 10^7 (published values)
        assertEquals(List.of(new KernelSection.Kernel("fib", 32, 2_178_309),
                new KernelSection.Kernel("sieve", 10_000_000, 664_579)), KernelSection.kernels(Mode.DEFAULT));
        assertEquals("sieve(10,000,000)", KernelSection.kernels(Mode.DEFAULT).get(1).row());
        // fib(20) = 6,765; 9,592 primes below 100,000
        assertEquals(List.of(new KernelSection.Kernel("fib", 20, 6_765), new KernelSection.Kernel("sieve", 100_000, 9_592)),
                KernelSection.kernels(Mode.QUICK));
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
        assertEquals(List.of("fib(20)", "sieve(100,000)"), List.copyOf(s.rows()));
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
                """);
        Measurement fib = s.find("fib(20)", "node").orElseThrow();
        assertEquals(Measurement.Status.OK, fib.status());
        assertEquals(List.of(0.08, 0.06), fib.samples());
        Measurement sieve = s.find("sieve(100,000)", "node").orElseThrow();
        assertEquals(Measurement.Status.FAILED, sieve.status());
        assertTrue(sieve.message().contains("returned 9999, expected 9592"), sieve.message());
    }
}
