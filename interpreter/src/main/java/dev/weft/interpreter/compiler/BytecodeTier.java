package dev.weft.interpreter.compiler;

import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

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

    /**
     * What instantiating {@code module} runs on an allocated instance before its code runs: null
     * for the interpreter. {@code module} (the {@code CompiledModule}) keys the cache of
     * compiled classes, so its later instances reuse them.
     */
    public static BiConsumer<ValidatedModule, ModuleInstance> forInstantiation(Object module) {
        IntPredicate only = ONLY.get();
        if (only != null) {
            return (vm, inst) -> TierStats.record(ModuleCompiler.compile(vm, inst, only, null));
        }
        return mode() == Mode.INTERP ? null
                : (vm, inst) -> TierStats.record(ModuleCompiler.compile(vm, inst, i -> true, module));
    }

    /** Work that instantiates modules, for {@link #compilingOnly}. */
    interface Body<T> {
        T run() throws Exception;
    }

    private static final ThreadLocal<IntPredicate> ONLY = new ThreadLocal<>();

    /**
     * Runs {@code body} with the compiled tier on for this thread, compiling only the functions
     * whose index {@code only} accepts (if they can be compiled): mixed-tier tests choose which
     * side of each call is compiled.
     */
    static <T> T compilingOnly(IntPredicate only, Body<T> body) throws Exception {
        ONLY.set(only);
        try {
            return body.run();
        } finally {
            ONLY.remove();
        }
    }
}
