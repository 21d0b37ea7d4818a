package dev.weft.interpreter.compiler;

import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.ModuleInstance;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

/**
 * The execution tier, from the system property {@code weft.tier}: {@code auto} (the default:
 * an instance starts interpreted; when one of its functions is called {@code weft.tier.hotCalls}
 * times, every function of it that can be compiled is, and that call and later ones, from either
 * tier, run compiled), {@code interp} (everything runs on the interpreter) or {@code compiled}
 * (every function that can be compiled is compiled to JVM bytecode when its module is instantiated).
 */
public final class BytecodeTier {
    /** The system property that selects the tier. */
    public static final String PROPERTY = "weft.tier";
    /** The system property with the calls of one function after which the auto tier compiles its instance. */
    public static final String HOT_CALLS = "weft.tier.hotCalls";
    /** The default of {@link #HOT_CALLS}. */
    static final int DEFAULT_HOT_CALLS = 1000;

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
        return Mode.parse(System.getProperty(PROPERTY, "auto"));
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
        Integer autoHere = AUTO_AFTER.get();
        return switch (autoHere != null ? Mode.AUTO : mode()) {
            case INTERP -> null;
            case COMPILED -> (vm, inst) -> TierStats.record(ModuleCompiler.compile(vm, inst, i -> true, module));
            case AUTO -> {
                int calls = autoHere != null ? autoHere : hotCalls();
                yield (vm, inst) -> BytecodeSupport.tierUpWhenHot(inst, calls, () -> tierUp(vm, inst, module));
            }
        };
    }

    /** The calls of one function after which the auto tier compiles its instance ({@link #HOT_CALLS}). */
    static int hotCalls() {
        String v = System.getProperty(HOT_CALLS);
        try {
            int n = v == null ? DEFAULT_HOT_CALLS : Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(HOT_CALLS + " must be a whole number of calls, at least 1, not '" + v + "'");
    }

    /**
     * The auto tier's compilation of a hot instance, while its code runs: a failure leaves the
     * instance interpreted (counted with its reason) instead of failing the Wasm call that set it off.
     */
    private static void tierUp(ValidatedModule vm, ModuleInstance inst, Object module) {
        TierStats.recordTierUp();
        try {
            TierStats.record(ModuleCompiler.compile(vm, inst, i -> true, module));
        } catch (RuntimeException | StackOverflowError e) {
            TierStats.recordFailure("tier-up failed: " + e);
        }
    }

    /** Work that instantiates modules, for {@link #compilingOnly}. */
    interface Body<T> {
        T run() throws Exception;
    }

    private static final ThreadLocal<IntPredicate> ONLY = new ThreadLocal<>();
    private static final ThreadLocal<Integer> AUTO_AFTER = new ThreadLocal<>();

    /**
     * Runs {@code body} with the auto tier on for this thread, tiering an instance up on the
     * {@code calls}-th call of one of its functions: tests of the swap choose when it happens.
     */
    static <T> T autoAfter(int calls, Body<T> body) throws Exception {
        return withLocal(AUTO_AFTER, calls, body);
    }

    /**
     * Runs {@code body} with the compiled tier on for this thread, compiling only the functions
     * whose index {@code only} accepts (if they can be compiled): mixed-tier tests choose which
     * side of each call is compiled.
     */
    static <T> T compilingOnly(IntPredicate only, Body<T> body) throws Exception {
        return withLocal(ONLY, only, body);
    }

    /** Runs {@code body} with {@code local} set to {@code value} on this thread, then removed. */
    static <V, T> T withLocal(ThreadLocal<V> local, V value, Body<T> body) throws Exception {
        local.set(value);
        try {
            return body.run();
        } finally {
            local.remove();
        }
    }
}
