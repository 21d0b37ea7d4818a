package dev.weft.wasi;

/**
 * Thrown by {@code proc_exit}: the guest asked to end the program with an exit code. It is the
 * only exception WASI throws. A host function's exception reaches the embedder wrapped in a
 * {@link dev.weft.interpreter.Trap} ("host function failed"); {@link #find} unwraps it.
 */
public final class WasiExit extends RuntimeException {
    private final int code;

    public WasiExit(int code) {
        super("proc_exit(" + code + ")", null, false, false);
        this.code = code;
    }

    /** The exit code the guest passed to {@code proc_exit}. */
    public int code() {
        return code;
    }

    /** The {@code WasiExit} that {@code t} is or was caused by, or null. */
    public static WasiExit find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WasiExit e) {
                return e;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
