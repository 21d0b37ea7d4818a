package dev.weft.continuations;

/**
 * A trap raised by the continuation model, which the interpreter maps onto its own trap type.
 * The message is exactly {@link ContinuationError#message()}. No stack trace is recorded: a
 * trap is correct Wasm behaviour, not a bug, and has a Wasm backtrace of its own.
 */
public final class ContinuationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ContinuationError error;

    /** A trap of kind {@code error}. */
    public ContinuationException(ContinuationError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** Which trap this is. */
    public ContinuationError error() {
        return error;
    }
}
