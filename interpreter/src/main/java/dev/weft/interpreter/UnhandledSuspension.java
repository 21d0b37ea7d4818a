package dev.weft.interpreter;

/**
 * An invocation ended because a {@code suspend} or {@code switch} found no handler before the
 * embedder's entry point: an unhandled suspension of the stack-switching proposal. Neither a
 * {@link Trap} nor a {@link WasmException}; the message is the spec text "unhandled tag".
 * No JVM stack trace is captured.
 */
public final class UnhandledSuspension extends RuntimeException {
    /** The spec text. */
    public static final String MESSAGE = "unhandled tag";

    private final transient Tag tag;

    /** An unhandled suspension with {@code tag}. */
    public UnhandledSuspension(Tag tag) {
        super(MESSAGE, null, false, false);
        this.tag = tag;
    }

    /** The tag that found no handler. */
    public Tag tag() {
        return tag;
    }
}
