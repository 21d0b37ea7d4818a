package dev.weft.interpreter.wast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the conformance suite: WEFT_TESTSUITE, else WEFT_TESTSUITE_DEFAULT, else ../shared/testsuite. */
final class SuiteLocation {
    private SuiteLocation() {}

    static Optional<Path> find() {
        for (String candidate : new String[] {
                System.getenv("WEFT_TESTSUITE"), System.getenv("WEFT_TESTSUITE_DEFAULT"),
                "../shared/testsuite", "../../shared/testsuite", "../../../shared/testsuite"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }
}
