package dev.weft.fuzz;

import java.util.List;

/** The wasm-opt feature flags of one differential run: what {@code -ttf} may generate. */
public enum FeatureSet {
    /** WebAssembly 1.0 only. */
    MVP("mvp", List.of("--mvp-features"), List.of()),
    /**
     * Reference types, bulk memory, tail calls and exception handling. {@code -ttf} also emits
     * the legacy {@code try}/{@code catch}, which Weft does not implement, so the generated module
     * goes through {@code --translate-to-exnref} ({@code try_table}, {@code throw_ref}, exnref).
     */
    EH("eh", List.of("--mvp-features", "--enable-reference-types", "--enable-bulk-memory",
            "--enable-tail-call", "--enable-exception-handling"), List.of("--translate-to-exnref")),
    /** 64-bit and multiple memories. */
    MEMORY64("mem64", List.of("--mvp-features", "--enable-memory64", "--enable-multimemory"), List.of());

    private final String label;
    private final List<String> flags;
    private final List<String> passes;

    FeatureSet(String label, List<String> flags, List<String> passes) {
        this.label = label;
        this.flags = flags;
        this.passes = passes;
    }

    /** Passes run on the generated module before it is used. */
    public List<String> passes() {
        return passes;
    }

    public String label() {
        return label;
    }

    public List<String> flags() {
        return flags;
    }

    public static FeatureSet byLabel(String label) {
        for (FeatureSet f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature set \"" + label + "\" (mvp, eh, mem64)");
    }
}
