package dev.weft.interpreter;

import dev.weft.interpreter.text.WatParser;

/** Compiles and instantiates WAT for tests. */
final class WatTesting {
    private WatTesting() {}

    static CompiledModule compile(String wat) throws Exception {
        return CompiledModule.compile(WatParser.parseModule(wat));
    }

    static Instance instantiate(String wat) throws Exception {
        return instantiate(new Linker(), wat);
    }

    static Instance instantiate(Linker linker, String wat) throws Exception {
        return linker.instantiate(compile(wat));
    }

    /** Runs {@code body} with the system property {@code weft.tier} set to {@code tier}, then puts it back. */
    static <T> T inTier(String tier, java.util.concurrent.Callable<T> body) throws Exception {
        return dev.weft.interpreter.testing.Tiers.inTier(tier, body);
    }

    /** Calls an export and returns its single result. */
    static Value call1(Instance inst, String name, Value... args) {
        Value[] r = inst.function(name).call(args);
        if (r.length != 1) {
            throw new AssertionError("expected one result, got " + r.length);
        }
        return r[0];
    }
}
