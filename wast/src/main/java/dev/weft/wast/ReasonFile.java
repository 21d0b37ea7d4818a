package dev.weft.wast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the conformance lists: one {@code KEY<separator>reason} entry per line, blank lines and
 * lines starting with {@code #} ignored, in file order. A malformed line fails with the file,
 * the line number and the expected form.
 */
final class ReasonFile {
    private ReasonFile() {}

    static Map<String, String> read(Path file, String separator, Predicate<String> validKey, String expectedForm)
            throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int sep = line.indexOf(separator);
            String key = sep < 0 ? "" : line.substring(0, sep).strip();
            if (sep < 0 || !validKey.test(key)) {
                throw new IOException(file + ":" + n + ": expected '" + expectedForm + "', got: " + raw);
            }
            entries.put(key, line.substring(sep + separator.length()).strip());
        }
        return entries;
    }
}
