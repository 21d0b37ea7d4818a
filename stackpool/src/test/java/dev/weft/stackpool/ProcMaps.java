package dev.weft.stackpool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lines of {@code /proc/self/maps}, parsed just enough to check protections. */
record ProcMaps(List<Mapping> mappings) {
    record Mapping(long start, long end, String perms) {
        boolean contains(long from, long to) {
            return start <= from && to <= end;
        }

        boolean overlaps(long from, long to) {
            return start < to && from < end;
        }
    }

    static ProcMaps read() {
        try {
            return new ProcMaps(Files.readAllLines(Path.of("/proc/self/maps")).stream().map(ProcMaps::parse).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mapping parse(String line) {
        String[] fields = line.split("\\s+");
        String[] range = fields[0].split("-");
        return new Mapping(Long.parseUnsignedLong(range[0], 16), Long.parseUnsignedLong(range[1], 16), fields[1]);
    }

    /** The permissions of the mapping containing all of {@code [from, to)}, or null. */
    String permsOf(long from, long to) {
        return mappings.stream().filter(m -> m.contains(from, to)).map(Mapping::perms).findFirst().orElse(null);
    }

    /** True if some mapping has exactly the bounds {@code [from, to)}. */
    boolean hasExactly(long from, long to) {
        return mappings.stream().anyMatch(m -> m.start() == from && m.end() == to);
    }
}
