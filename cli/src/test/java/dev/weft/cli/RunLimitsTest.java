package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code weft run --fuel/--timeout/--max-memory/--max-table-elements/--max-continuations} (issue 14). */
class RunLimitsTest {
    @TempDir
    Path dir;
    Path module;

    /** --tier sets the process's weft.tier property: put back what it was. */
    private String tierBefore;

    @AfterEach
    void restoreTier() {
        if (tierBefore == null) {
            System.clearProperty("weft.tier");
        } else {
            System.setProperty("weft.tier", tierBefore);
        }
    }

    @BeforeEach
    void writeModule() throws Exception {
        tierBefore = System.getProperty("weft.tier");
        module = dir.resolve("limits.wat");
        Files.writeString(module, """
                (module
                  (type $f (func))
                  (type $k (cont $f))
                  (memory 1)
                  (table 1 funcref)
                  (func $nothing)
                  (elem declare func $nothing)
                  (func (export "spin") (loop (br 0)))
                  (func (export "count") (param $n i32)
                    (loop $l
                      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                      (br_if $l (local.get $n))))
                  (func (export "bomb") (result i32)
                    (loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
                    (memory.size))
                  (func (export "table_bomb") (result i32)
                    (loop $l (br_if $l (i32.ne (table.grow (ref.null func) (i32.const 1)) (i32.const -1))))
                    (table.size))
                  (func (export "hold")
                    (local $a (ref null $k)) (local $b (ref null $k))
                    (local.set $a (cont.new $k (ref.func $nothing)))
                    (local.set $b (cont.new $k (ref.func $nothing)))))
                """);
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "run";
        all[1] = module.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.of(all);
    }

    private static void assertOneLineTrap(CliRun r, String text) {
        assertEquals(134, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("weft: trap: " + text), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @ParameterizedTest
    @CsvSource({"interp", "compiled"})
    void fuelStopsAnInfiniteLoop(String tier) {
        assertOneLineTrap(run("--tier", tier, "--fuel", "100000", "--invoke", "spin"), "out of fuel");
    }

    @ParameterizedTest
    @CsvSource({"interp", "compiled"})
    void aTimeoutStopsAnInfiniteLoop(String tier) {
        assertOneLineTrap(run("--tier", tier, "--timeout", "200ms", "--invoke", "spin"), "deadline exceeded");
    }

    @Test
    void enoughFuelLetsTheCallFinishAndStatsShowWhatItUsed() {
        CliRun r = run("--tier", "interp", "--fuel", "5000", "--stats", "--invoke", "count", "1000");
        assertEquals(0, r.exitCode(), r.err());
        // the call and 999 back-edges taken
        assertTrue(r.err().contains("instance: fuel used 1000, fuel left 4000, wall time "), r.err());
    }

    @ParameterizedTest
    @CsvSource({"640KiB, 10", "10pages, 10", "655360B, 10", "700000B, 10", "1MiB, 16"})
    void maxMemoryStopsAMemoryBomb(String size, String pages) {
        CliRun r = run("--max-memory", size, "--invoke", "bomb");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(pages, r.out().strip());
    }

    @Test
    void maxTableElementsStopsTableGrowth() {
        CliRun r = run("--max-table-elements", "7", "--invoke", "table_bomb");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("7", r.out().strip());
    }

    @Test
    void maxContinuationsTrapsOnTheOneTooMany() {
        assertOneLineTrap(run("--max-continuations", "1", "--invoke", "hold"), "continuation limit reached");
        assertEquals(0, run("--max-continuations", "2", "--invoke", "hold").exitCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--fuel|ten|--fuel expects a non-negative whole number",
        "--fuel|-5|--fuel expects a non-negative whole number",
        "--timeout|10|--timeout expects a duration like 500ms",
        "--timeout|0s|--timeout expects a duration like 500ms",
        "--timeout|5 days|--timeout expects a duration like 500ms",
        "--max-memory|64MB|--max-memory expects a size like 64MiB",
        "--max-memory|64|--max-memory expects a size like 64MiB",
        "--max-table-elements|x|--max-table-elements expects a non-negative whole number",
        "--max-continuations|99999999999|--max-continuations: 99999999999 is too large"})
    void aBadValueIsAUsageError(String flag, String value, String message) {
        CliRun r = run(flag, value, "--invoke", "spin");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("weft: " + message), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
