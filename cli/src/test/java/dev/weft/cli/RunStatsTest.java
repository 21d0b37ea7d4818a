package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft run --stats}: the stack-switching counters on stderr after the run. */
class RunStatsTest {
    @TempDir
    Path dir;

    @Test
    void runWithStatsPrintsTheContinuationCountersToStderr() throws Exception {
        Path wat = dir.resolve("gen.wat");
        Files.writeString(wat, """
                (module
                  (type $f (func))
                  (type $c (cont $f))
                  (tag $t)
                  (elem declare func $g)
                  (func $g (suspend $t))
                  (func (export "f") (result i32)
                    (drop (block $h (result (ref $c))
                      (resume $c (on $t $h) (cont.new $c (ref.func $g)))
                      (return (i32.const 0))))
                    (i32.const 1)))
                """);
        CliRun run = CliRun.of("run", "--stats", wat.toString(), "--invoke", "f");
        assertEquals(0, run.exitCode());
        assertEquals("1", run.out().strip());
        assertTrue(run.err().contains("continuations: created "), run.err());
        assertTrue(run.err().contains("suspended "), run.err());
        assertTrue(run.err().contains("; stack pool (heap): acquired "), run.err());
        assertTrue(run.err().contains(", high-water "), run.err());
    }
}
