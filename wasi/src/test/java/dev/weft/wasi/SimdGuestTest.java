package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.binary.BinaryDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The C guest {@code guests/programs/vectors.c} built with {@code -msimd128} (its
 * {@code <wasm_simd128.h>} kernels: loads and stores, splat, lane extraction, i32x4/i16x8/i8x16
 * arithmetic, saturation, dot product, extended multiplies, shuffle, bitmask, f32x4/f64x2
 * arithmetic, conversions and narrowing) prints exactly what its scalar build prints.
 */
class SimdGuestTest {
    private static final Path BUILD = findBuild();
    private static final String TEXT = "the quick brown fox jumps over the lazy dog ";

    private static Path findBuild() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("guests/build"))) return p.resolve("guests/build");
        }
        return null;
    }

    private static String run(String wasm, int n) throws Exception {
        assumeTrue(BUILD != null, "guests/build not found above the working directory; skipping");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = WasiCommand.run(BinaryDecoder.decode(Files.readAllBytes(BUILD.resolve(wasm))),
                WasiConfig.builder().args("vectors", Integer.toString(n)).stdout(out).build());
        assertEquals(0, exit, wasm + " exit code");
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSimdBuildPrintsWhatTheScalarBuildPrints() throws Exception {
        for (int n : new int[] {16, 1000, 4096}) {
            String scalar = run("vectors-scalar.wasm", n);
            List<String> lines = scalar.lines().toList();
            assertEquals(10, lines.size(), "scalar output:\n" + scalar);
            // one line checked against Java, so that two equally wrong outputs cannot pass
            long e = 0;
            for (int i = 0; i < (n & ~15); i++) e += TEXT.charAt(i % TEXT.length()) == 'e' ? 1 : 0;
            assertTrue(lines.contains("count_e " + e), "scalar output:\n" + scalar);
            assertEquals(scalar, run("vectors-simd128.wasm", n), "n = " + n);
        }
    }
}
