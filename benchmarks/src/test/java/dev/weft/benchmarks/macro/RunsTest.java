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

    private Runs runs;

    private Measurement one(Program p, Backend b, Engine e, String... args) throws Exception {
        BenchConfig config = BenchConfig.parse(List.of(args), root, "./weft bench").orElseThrow();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), () -> 0L, 0);
        runs = new Runs(runner, new Tools(root, Path.of("java")), progress, config);
        progress.skip(-runs.steps(config.repeats()));
        Section s = new Section("wall", "t", "s", "weft");
        List<Measurement> ms = runs.interleave(s, List.of(runs.guest(p, b, e, List.of(), e.id())), config.repeats(), 1);
        assertEquals(1, ms.size());
        assertEquals(1, s.commands().size());
        return ms.getFirst();
    }

    @Test
    void aGoodGuestIsTimedRepeatsTimesAfterItsWarmUps() throws Exception {
        Measurement m = one(Program.SIEVE, Backend.ASYNCIFY, Engine.NODE, "--quick", "--repeats", "3", "--warmups", "2");
        assertEquals(Measurement.Status.OK, m.status());
        assertEquals(List.of(2.0, 2.0, 2.0), m.samples());
        assertEquals(5, runner.commands.size());
        assertEquals("sieve 100", m.subject());
        assertTrue(runner.commands.getFirst().getLast().equals("100"));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("[1/5 0:00] wall: sieve 100 asyncify on node, warm-up 1"), progress);
        assertTrue(progress.contains("[5/5 0:00] wall: sieve 100 asyncify on node, run 3/3"), progress);
        assertTrue(progress.contains("node: median 2.00 (2.00–2.00) s"), progress);
    }

    @Test
    void aFailingWarmUpEndsTheMeasurementWithTheFirstLineOfStderr() throws Exception {
        Measurement m = one(Program.HELLO, Backend.NATIVE, Engine.WEFT, "--quick");
        assertEquals(Measurement.Status.FAILED, m.status());
        assertEquals("weft: unlinkable module: unknown import: \"weft_fiber\" \"fiber_init\" (exit code 1)", m.message());
        assertEquals(List.of(), m.samples());
        assertEquals(1, runner.commands.size(), "no runs after the failure");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("weft failed: weft: unlinkable module"));
    }

    @Test
    void aWrongOutputIsAFailureNotATime() throws Exception {
        runner.wrong = "skynet-asyncify";
        Measurement m = one(Program.SKYNET, Backend.ASYNCIFY, Engine.CHICORY, "--quick");
        assertEquals(Measurement.Status.FAILED, m.status());
        assertEquals("wrong output: got \"42\", expected \"499500\"", m.message());
        assertEquals(List.of(), m.samples());
    }

    @Test
    void theJobsOfARowTakeTurnsAndAFailedOneDropsOut() throws Exception {
        BenchConfig config = BenchConfig.parse(List.of("--repeats", "2"), root, "./weft bench").orElseThrow();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), () -> 0L, 9);
        Runs r = new Runs(runner, new Tools(root, Path.of("java")), progress, config);
        Section s = new Section("wall", "t", "s", "weft");
        List<Measurement> ms = r.interleave(s, List.of(
                r.guest(Program.HELLO, Backend.ASYNCIFY, Engine.WEFT, List.of(), "weft"),
                r.guest(Program.HELLO, Backend.NATIVE, Engine.WEFT, List.of(), "native"),
                r.guest(Program.HELLO, Backend.ASYNCIFY, Engine.CHICORY, List.of(), "chicory")), 2, 1);
        List<String> order = runner.commands.stream().map(c -> c.contains("--enable-native-access=ALL-UNNAMED")
                ? (c.get(c.size() - 1).contains("native") ? "N" : "W") : "C").toList();
        // warm-ups job by job (the native one fails and drops out), then timed rounds in turn
        assertEquals(List.of("W", "N", "C", "W", "C", "W", "C"), order);
        assertEquals(List.of("weft", "native", "chicory"), ms.stream().map(Measurement::series).toList());
        assertEquals(Measurement.Status.FAILED, ms.get(1).status());
        assertEquals(List.of(), s.measurements(), "the caller adds the measurements");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("[7/7 "), err.toString(StandardCharsets.UTF_8));
    }
}
