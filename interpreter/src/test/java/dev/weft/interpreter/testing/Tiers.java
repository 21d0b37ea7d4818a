package dev.weft.interpreter.testing;

import dev.weft.interpreter.compiler.BytecodeTier;
import java.util.concurrent.Callable;

/** Runs test code in one execution tier (also for the wasi and wast modules' tests, through the test jar). */
public final class Tiers {
    private Tiers() {}

    /** Runs {@code body} with the system property {@code weft.tier} set to {@code tier}, then puts it back. */
    public static <T> T inTier(String tier, Callable<T> body) throws Exception {
        String before = System.getProperty(BytecodeTier.PROPERTY);
        System.setProperty(BytecodeTier.PROPERTY, tier);
        try {
            return body.call();
        } finally {
            if (before == null) {
                System.clearProperty(BytecodeTier.PROPERTY);
            } else {
                System.setProperty(BytecodeTier.PROPERTY, before);
            }
        }
    }
}
