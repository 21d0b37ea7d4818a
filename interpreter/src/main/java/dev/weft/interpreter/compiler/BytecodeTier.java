package dev.weft.interpreter.compiler;

import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The execution tier, from the system property {@code weft.tier}: {@code interp} (the default:
 * everything runs on the interpreter), {@code compiled} (every function that can be compiled is
 * compiled to JVM bytecode when its module is instantiated) or {@code auto} (for now the same as
 * {@code compiled}; tiering up on first call or when hot needs a seam in the interpreter's call
 * path and comes with a later change).
 */
public final class BytecodeTier {
    /** The system property that selects the tier. */
    public static final String PROPERTY = "weft.tier";

    private BytecodeTier() {}

    /** The tiers. */
    public enum Mode {
        INTERP, COMPILED, AUTO;

        /** The mode named {@code name} (case-insensitive), or an IllegalArgumentException naming the choices. */
        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown tier '" + name + "' (expected interp, compiled or auto)");
            }
        }
    }

    /** The tier the property selects now. */
    public static Mode mode() {
        return Mode.parse(System.getProperty(PROPERTY, "interp"));
    }

    /** What instantiation runs on an allocated instance before its code runs: null for the interpreter. */
    public static BiConsumer<ValidatedModule, ModuleInstance> forInstantiation() {
        return mode() == Mode.INTERP ? null : BytecodeTier::compile;
    }

    private static void compile(ValidatedModule vm, ModuleInstance inst) {
        TierStats.record(ModuleCompiler.compile(vm, inst));
    }
}
