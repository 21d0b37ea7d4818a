package dev.weft.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The compute kernels shared by the interpreter benchmarks, as committed .wasm resources. */
public final class Kernels {
    private Kernels() {}

    /** The bytes of {@code kernels/NAME.wasm} (built from NAME.wat next to it). */
    public static byte[] wasm(String name) {
        String path = "/kernels/" + name + ".wasm";
        try (InputStream in = Kernels.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing benchmark resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
