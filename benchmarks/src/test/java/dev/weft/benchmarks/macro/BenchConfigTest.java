package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConfigTest {
    private static final Path ROOT = Path.of("/checkout");

    private static BenchConfig parse(String... args) throws BenchConfig.UsageError {
        return BenchConfig.parse(List.of(args), ROOT, "./weft bench").orElseThrow();
    }

    private static String error(String... args) {
        return assertThrows(BenchConfig.UsageError.class, () -> parse(args)).getMessage();
    }

    @Test
    void defaultsMeasureEverythingFiveTimesAfterOneWarmUp() throws Exception {
        BenchConfig c = parse();
        assertEquals(Mode.DEFAULT, c.mode());
        assertEquals(List.of(Engine.values()), c.engines());
        assertEquals(List.of(Program.values()), c.programs());
        assertEquals(List.of(Backend.values()), c.backends());
        assertEquals(List.of(Part.values()), c.parts());
        assertEquals(5, c.repeats());
        assertEquals(1, c.warmups());
        assertEquals(Duration.ofSeconds(300), c.timeout());
        assertEquals(ROOT.resolve("benchmarks/results/local"), c.out());
        assertEquals("./weft bench", c.invocation());
    }

    @Test
    void onlyPublishWritesTheCommittedReport() throws Exception {
        assertEquals(ROOT.resolve("benchmarks/results"), parse("--publish").out());
        assertEquals(ROOT.resolve("benchmarks/results/local"), parse("--quick").out());
        assertEquals(Path.of("/tmp/elsewhere"), parse("--out", "/tmp/elsewhere").out());
        assertThrows(BenchConfig.UsageError.class, () -> parse("--publish", "--out", "/tmp/x"));
    }

    @Test
    void quickAndFullChooseTheirModeRepeatsAndTimeout() throws Exception {
        BenchConfig quick = parse("--quick");
        assertEquals(Mode.QUICK, quick.mode());
        assertEquals(2, quick.repeats());
        assertEquals(Duration.ofSeconds(60), quick.timeout());
        assertEquals(Mode.FULL, parse("--full").mode());
        assertEquals(7, parse("--quick", "--repeats", "7").repeats());
        assertEquals("./weft bench --quick --repeats 7", parse("--quick", "--repeats", "7").invocation());
    }

    @Test
    void listsKeepTheCanonicalOrderAndAcceptAll() throws Exception {
        BenchConfig c = parse("--engines", "node,weft", "--programs=skynet,hello", "--backends", "asyncify",
                "--sections", "wall");
        assertEquals(List.of(Engine.WEFT, Engine.NODE), c.engines());
        assertEquals(List.of(Program.HELLO, Program.SKYNET), c.programs());
        assertEquals(List.of(Backend.ASYNCIFY), c.backends());
        assertEquals(List.of(Part.WALL), c.parts());
        assertEquals(List.of(Engine.values()), parse("--engines", "all").engines());
        assertEquals(List.of(Engine.CHICORY_COMPILER), parse("--engines", "chicory-compiler").engines());
    }

    @Test
    void optionsSetOutWarmupsAndTimeout() throws Exception {
        BenchConfig c = parse("--out", "/tmp/x", "--warmups", "0", "--timeout", "9");
        assertEquals(Path.of("/tmp/x"), c.out());
        assertEquals(0, c.warmups());
        assertEquals(Duration.ofSeconds(9), c.timeout());
    }

    @Test
    void helpIsNotAConfig() throws Exception {
        assertTrue(BenchConfig.parse(List.of("--help"), ROOT, "x").isEmpty());
        assertTrue(BenchConfig.parse(List.of("-h"), ROOT, "x").isEmpty());
        String usage = BenchConfig.usage();
        assertTrue(usage.contains("--engines"), usage);
        assertTrue(usage.contains("sieve      quick: sieve 100"), usage);
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertEquals("unknown engine \"v8\" (choose from weft, weft-compiled, weft-auto, node, chicory, chicory-compiler)", error("--engines", "v8"));
        assertEquals("unknown program \"fib\" (choose from hello, generator, sieve, c10m, skynet)", error("--programs", "fib"));
        assertEquals("unknown backend \"jspi\" (choose from native, wasmfx, asyncify)", error("--backends", "jspi"));
        assertTrue(error("--sections", "speed").startsWith("unknown section \"speed\""));
        assertEquals("--quick and --full exclude each other", error("--quick", "--full"));
        assertEquals("--repeats must be at least 1, got 0", error("--repeats", "0"));
        assertEquals("--warmups must be 0 or more, got -1", error("--warmups", "-1"));
        assertEquals("--timeout must be at least 1 second, got 0", error("--timeout", "0"));
        assertTrue(error("--repeats", "many").contains("'many' is not an int"));
        assertTrue(error("--fast").contains("--fast"));
        assertTrue(error("sieve").contains("'sieve'"));
        assertTrue(error("--out").contains("--out"));
    }

    @Test
    void outMustNotBeAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertTrue(error("--out", file.toString()).contains("is a file"));
    }
}
