package dev.weft.fuzz;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.UnlinkableException;
import dev.weft.interpreter.compiler.BytecodeTier;
import java.util.List;
import java.util.Locale;

/**
 * Weft's execution tiers, as the differential fuzzer runs a module in each. Weft picks the tier
 * when a module is instantiated, from the system property {@code weft.tier}
 * ({@link BytecodeTier#PROPERTY}); there is no per-instantiation choice in the public API, so
 * {@link #instantiate} sets the property around the instantiation (start function included),
 * under a lock, and restores it. Anything else in the JVM that instantiates a module at the same
 * moment would see that tier too: the fuzzers instantiate on one thread at a time.
 */
public enum Tier {
    /** Everything on the interpreter. */
    INTERP,
    /** Every function that can be compiled to JVM bytecode is, when the module is instantiated. */
    COMPILED;

    private static final Object PROPERTY_LOCK = new Object();

    /** The name {@code weft.tier} and {@code --tier} use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tiers {@code --tier} names: {@code interp}, {@code compiled} or {@code both}. */
    public static List<Tier> byLabel(String label) {
        return switch (label) {
            case "interp" -> List.of(INTERP);
            case "compiled" -> List.of(COMPILED);
            case "both" -> List.of(INTERP, COMPILED);
            default -> throw new IllegalArgumentException("unknown tier \"" + label + "\" (interp, compiled, both)");
        };
    }

    /** {@code module} instantiated by {@code linker} with this tier. */
    Instance instantiate(Linker linker, CompiledModule module) throws UnlinkableException, UninstantiableException {
        synchronized (PROPERTY_LOCK) {
            String before = System.getProperty(BytecodeTier.PROPERTY);
            System.setProperty(BytecodeTier.PROPERTY, label());
            try {
                return linker.instantiate(module);
            } finally {
                if (before == null) {
                    System.clearProperty(BytecodeTier.PROPERTY);
                } else {
                    System.setProperty(BytecodeTier.PROPERTY, before);
                }
            }
        }
    }
}
