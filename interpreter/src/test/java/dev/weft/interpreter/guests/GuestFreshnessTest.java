package dev.weft.interpreter.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.valid.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The committed guest binaries ({@code guests/build/*.wasm}) are built from the committed
 * sources, and Weft can read them. {@code guests/build.sh} records each binary's hash and the
 * hashes of its sources in {@code guests/build/manifest.txt}; this test checks those hashes
 * against the files, and (where git is available) that no source was committed after its binary.
 */
class GuestFreshnessTest {
    private static final Path GUESTS = findGuests();

    /** One manifest line: a binary, its hash, and its sources with their hashes. */
    record Entry(String wasm, String hash, Map<String, String> sources) {}

    private static Path findGuests() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("guests/build"))) return p.resolve("guests");
        }
        return null;
    }

    private static List<Entry> manifest() throws IOException {
        assumeTrue(GUESTS != null, "guests/build not found above the working directory; skipping");
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(GUESTS.resolve("build/manifest.txt"))) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            Map<String, String> sources = new LinkedHashMap<>();
            for (int i = 2; i < f.length; i++) {
                int colon = f[i].lastIndexOf(':');
                sources.put(f[i].substring(0, colon), f[i].substring(colon + 1));
            }
            entries.add(new Entry(f[0], f[1], sources));
        }
        return entries;
    }

    private static String sha256(Path file) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Path> builtWasm() throws IOException {
        assumeTrue(GUESTS != null, "guests/build not found above the working directory; skipping");
        try (Stream<Path> s = Files.list(GUESTS.resolve("build"))) {
            return s.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
        }
    }

    @Test
    void everyBinaryIsInTheManifest() throws IOException {
        List<String> listed = manifest().stream().map(Entry::wasm).toList();
        List<Path> built = builtWasm();
        assertFalse(built.isEmpty(), "no guests/build/*.wasm");
        for (Path p : built) {
            String rel = "build/" + p.getFileName();
            assertTrue(listed.contains(rel), rel + " is not in build/manifest.txt: run guests/build.sh");
        }
    }

    /** The binary is the one build.sh produced, from sources identical to the ones here. */
    @Test
    void binariesMatchTheirSources() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Entry e : manifest()) {
            Path wasm = GUESTS.resolve(e.wasm());
            if (!Files.exists(wasm)) {
                stale.add(e.wasm() + " is missing");
                continue;
            }
            if (!sha256(wasm).equals(e.hash())) stale.add(e.wasm() + " differs from the build that made the manifest");
            for (Map.Entry<String, String> s : e.sources().entrySet()) {
                Path src = GUESTS.resolve(s.getKey());
                if (!Files.exists(src) || !sha256(src).equals(s.getValue())) {
                    stale.add(e.wasm() + " is older than " + s.getKey());
                }
            }
        }
        assertEquals(List.of(), stale, "rebuild with guests/build.sh and commit guests/build");
    }

    /**
     * No source was committed after the binary built from it (commit times from git; a fresh
     * clone sets every mtime to checkout time, so mtimes are not used). A source change that
     * leaves a binary's bytes unchanged still rewrites build/manifest.txt, so the binary's time
     * is the later of its own last commit and the manifest's.
     */
    @Test
    void noSourceCommittedAfterItsBinary() throws IOException {
        assumeTrue(git("rev-parse", "--is-inside-work-tree") != null, "git not available here; skipping");
        long manifestTime = commitTime("build/manifest.txt");
        List<String> stale = new ArrayList<>();
        for (Entry e : manifest()) {
            long built = Math.max(commitTime(e.wasm()), manifestTime);
            if (built == 0) continue; // not committed yet: binariesMatchTheirSources covers it
            for (String src : e.sources().keySet()) {
                long t = commitTime(src);
                if (t > built) stale.add(e.wasm() + " (" + built + ") is older than " + src + " (" + t + ")");
            }
        }
        assertEquals(List.of(), stale, "rebuild with guests/build.sh and commit guests/build");
    }

    @TestFactory
    Stream<DynamicTest> everyBinaryDecodesAndValidates() throws IOException {
        return builtWasm().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            Module m = BinaryDecoder.decode(Files.readAllBytes(p));
            try {
                Validator.validate(m);
            } catch (RuntimeException | Error ex) {
                fail(p.getFileName() + " does not validate: " + ex.getMessage(), ex);
            }
        }));
    }

    private static long commitTime(String guestsRelative) {
        String out = git("log", "-1", "--format=%ct", "--", guestsRelative);
        return out == null || out.isBlank() ? 0 : Long.parseLong(out.trim());
    }

    /** Runs git in guests/; returns its output, or null if git is missing or fails. */
    private static String git(String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", GUESTS.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            p.getErrorStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
