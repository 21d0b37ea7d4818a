package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure, Java errors included, becomes one line on stderr that names the problem. */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void javaErrorsAreDescribedInOneLineWithoutAJavaClassName() {
        for (Throwable t : new Throwable[] {new StackOverflowError(), new OutOfMemoryError("Java heap space")}) {
            String line = CliErrors.describe(t);
            assertFalse(line.contains("\n"), line);
            assertFalse(line.contains("java.lang"), line);
            assertTrue(line.contains("WEFT_JAVA_OPTS"), line);
        }
        assertTrue(CliErrors.fatal, "a VirtualMachineError makes the launcher halt instead of exit");
        CliErrors.fatal = false;
    }

    @Test
    void textNestedTwoHundredThousandDeepRuns() throws Exception {
        int depth = 200_000;
        Path wat = dir.resolve("deep.wat");
        Files.writeString(wat, "(module (func (export \"f\") (result i32) "
                + "(block ".repeat(depth) + ")".repeat(depth) + " i32.const 7))");
        CliRun run = CliRun.of("run", wat.toString(), "--invoke", "f");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("7", run.out().strip());
    }
}
