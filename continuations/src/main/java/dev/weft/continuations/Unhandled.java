package dev.weft.continuations;

/**
 * No handler for a {@code suspend} or {@code switch} before the host barrier: an unhandled
 * suspension (not a trap). Nothing was changed: the chain is as before and a switch target is
 * not consumed. The interpreter fails the invocation with {@link #MESSAGE}, or, when
 * {@link #crossesHost()}, with a trap explaining that a suspension cannot cross a host frame.
 *
 * @param tag     the tag that found no handler
 * @param kind    what was searched for
 * @param barrier the barrier the search stopped at
 */
public record Unhandled(Object tag, HandlerKind kind, ContStack barrier) {
    /** The spec text of an unhandled suspension. */
    public static final String MESSAGE = "unhandled tag";

    /** The spec text, {@value #MESSAGE}. */
    public String message() {
        return MESSAGE;
    }

    /**
     * True when the barrier is a host function re-entering Wasm: a handler might exist further
     * out, beyond Java frames that cannot be captured.
     */
    public boolean crossesHost() {
        return barrier.hostCaller() != null;
    }
}
