package dev.weft.waeio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** The fiber backend a bundled server guest was built with (guests/README.md). */
public enum Backend {
    /** Fibers are Weft continuations through the {@code weft_fiber} host module. */
    NATIVE,
    /** Fibers are WasmFX continuations ({@code cont.new}/{@code resume}/{@code suspend}). */
    WASMFX,
    /** Fibers are binaryen Asyncify unwinds and rewinds: plain Wasm, runs on any engine. */
    ASYNCIFY;

    /** The lower-case name used on the command line and in file names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code native}, {@code wasmfx} or {@code asyncify}. */
    public static Backend parse(String id) {
        for (Backend b : values()) {
            if (b.id().equals(id)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend \"" + id + "\" (native, wasmfx or asyncify)");
    }

    /** The bytes of the bundled HTTP server guest ({@code guests/build/httpd-<id>.wasm}). */
    public byte[] httpdBytes() {
        String name = "httpd-" + id() + ".wasm";
        try (InputStream in = Backend.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled guest " + name + " missing from the waeio jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
