package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsTest {
    private final FakeRunner runner = new FakeRunner();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Path root = Path.of("/checkout");

    private Runs runs(String... args) throws Exception {
        BenchConfig config = BenchConfig.parse(List.of(args), root, "./weft bench").orElseThrow();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), () -> 0L, 0);
        Runs runs = new Runs(runner, new Tools(root, Path.of("java")), progress, config);
        progress.skip(-runs.steps(config.repeats()));
        return runs;
    }

    @Test
    void aGoodGuestIsTimedRepeatsTimesAfterItsWarmUps() throws Exception {
        Section s = new Section("wall", "t", "s", "weft");
        Measurement m = runs("--quick", "--repeats", "3", "--warmups", "2")
                .guest(s, Program.SIEVE, Backend.ASYNCIFY, Engine.NODE, List.of(), "node");
        assertEquals(Measurement.Status.OK, m.status());
        assertEquals(List.of(2.0, 2.0, 2.0), m.samples());
        assertEquals(5, runner.commands.size());
        assertEquals(List.of(m), s.measurements());
        assertEquals("sieve 100", m.subject());
        assertTrue(runner.commands.getFirst().getLast().equals("100"));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[1/5 0:00] wall: sieve 100 asyncify on node, warm-up 1"), progress);
        assertTrue(progress.contains("[5/5 0:00] wall: sieve 100 asyncify on node, run 3/3"), progress);
        assertTrue(progress.contains("median 2.00 (2.00–2.00) s"), progress);
    }

    @Test
    void aFailingWarmUpEndsTheMeasurementWithTheFirstLineOfStderr() throws Exception {
        Section s = new Section("wall", "t", "s", "weft");
        Measurement m = runs("--quick").guest(s, Program.HELLO, Backend.NATIVE, Engine.WEFT, List.of(), "weft");
        assertEquals(Measurement.Status.FAILED, m.status());
        assertEquals("weft: unlinkable module: unknown import: \"weft_fiber\" \"fiber_init\" (exit code 1)", m.message());
        assertEquals(List.of(), m.samples());
        assertEquals(1, runner.commands.size(), "no runs after the failure");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("failed: weft: unlinkable module"));
    }

    @Test
    void aWrongOutputIsAFailureNotATime() throws Exception {
        runner.wrong = "skynet-asyncify";
        Section s = new Section("wall", "t", "s", "weft");
        Measurement m = runs("--quick").guest(s, Program.SKYNET, Backend.ASYNCIFY, Engine.CHICORY, List.of(), "chicory");
        assertEquals(Measurement.Status.FAILED, m.status());
        assertEquals("wrong output: got \"42\", expected \"499500\"", m.message());
        assertEquals(List.of(), m.samples());
    }
}
