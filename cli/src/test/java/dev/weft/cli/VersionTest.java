package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@code weft --version} reports the version the build was made from, not a fixed string. */
class VersionTest {
    @Test
    void versionComesFromTheBuild() {
        String expected = System.getProperty("weft.expectedVersion");
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        String line = run.out().strip();
        assertTrue(line.startsWith("weft " + expected), line);
        // in a git checkout the line names the commit: "weft 0.1.0-SNAPSHOT (fd611ca 2026-12-05)"
        assertTrue(line.matches("weft \\S+( \\([0-9a-f]{7,}(-dirty)? \\d{4}-\\d{2}-\\d{2}\\))?"), line);
    }

    @Test
    void lineNamesCommitDateAndDirtiness() {
        Properties build = new Properties();
        build.setProperty("git.build.version", "1.2.3");
        assertEquals("weft 1.2.3", VersionProvider.line(build));
        build.setProperty("git.commit.id.abbrev", "abc1234");
        build.setProperty("git.commit.time", "2026-12-05");
        build.setProperty("git.dirty", "true");
        assertEquals("weft 1.2.3 (abc1234-dirty 2026-12-05)", VersionProvider.line(build));
    }
}
