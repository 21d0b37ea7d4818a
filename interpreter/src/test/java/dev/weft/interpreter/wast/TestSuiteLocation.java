package dev.weft.interpreter.wast;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the conformance suite: WEFT_TESTSUITE, else the build's default, else ../shared/testsuite. */
final class TestSuiteLocation {
    static final String MISSING_MESSAGE = "conformance suite not found: put the WebAssembly test suite "
            + "(with the stack-switching tests) at ../shared/testsuite next to this repository, "
            + "or point WEFT_TESTSUITE at it";

    private TestSuiteLocation() {}

    /** The suite directory, or null if there is none. */
    static Path find() {
        for (String candidate : new String[] {
                System.getenv("WEFT_TESTSUITE"), System.getenv("WEFT_TESTSUITE_DEFAULT"), "../../shared/testsuite"}) {
            if (candidate != null && !candidate.isBlank() && Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }
}
