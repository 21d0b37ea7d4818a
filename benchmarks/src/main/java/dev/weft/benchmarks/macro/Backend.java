package dev.weft.benchmarks.macro;

/** The three fiber backends every guest program is built with ({@code guests/build/<program>-<backend>.wasm}). */
public enum Backend implements Named {
    NATIVE("native"),
    WASMFX("wasmfx"),
    ASYNCIFY("asyncify");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
