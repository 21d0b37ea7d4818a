package dev.weft.cli;

import java.nio.file.Path;

/** A module file that could not be read, decoded, parsed or validated: the error names the file. */
final class InputFileException extends RuntimeException {
    final Path file;

    InputFileException(Path file, Exception cause) {
        super(cause.getMessage(), cause, false, false);
        this.file = file;
    }
}
