package dev.weft.interpreter;

import dev.weft.interpreter.text.WatParser;

/** Compiles and instantiates WAT for tests (also the wasi and wast modules', through the test jar). */
public final class WatTesting {
    private WatTesting() {}

    public static CompiledModule compile(String wat) throws Exception {
        return CompiledModule.compile(WatParser.parseModule(wat));
    }

    public static Instance instantiate(String wat) throws Exception {
        return instantiate(new Linker(), wat);
    }

    public static Instance instantiate(Linker linker, String wat) throws Exception {
        return linker.instantiate(compile(wat));
    }

    /** Runs {@code body} with the system property {@code weft.tier} set to {@code tier}, then puts it back. */
    public static <T> T inTier(String tier, java.util.concurrent.Callable<T> body) throws Exception {
        String before = System.getProperty(dev.weft.interpreter.compiler.BytecodeTier.PROPERTY);
        System.setProperty(dev.weft.interpreter.compiler.BytecodeTier.PROPERTY, tier);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(dev.weft.interpreter.compiler.BytecodeTier.PROPERTY);
            } else {
                System.setProperty(dev.weft.interpreter.compiler.BytecodeTier.PROPERTY, before);
            }
        }
    }

    /** Calls an export and returns its single result. */
    public static Value call1(Instance inst, String name, Value... args) {
        Value[] r = inst.function(name).call(args);
        if (r.length != 1) {
            throw new AssertionError("expected one result, got " + r.length);
        }
        return r[0];
    }
}
