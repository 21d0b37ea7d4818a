package dev.weft.interpreter;

/**
 * A Wasm trap. Unchecked, so it passes through host lambdas. The message starts with the spec
 * text of its {@link TrapKind}; an optional detail follows after ": ". No JVM stack trace is
 * captured (traps are ordinary outcomes, and cheap to raise).
 */
public final class Trap extends RuntimeException {
    private final TrapKind kind;

    public Trap(TrapKind kind) {
        super(kind.message(), null, false, false);
        this.kind = kind;
    }

    public Trap(TrapKind kind, String detail) {
        super(kind.message() + ": " + detail, null, false, false);
        this.kind = kind;
    }

    public Trap(TrapKind kind, String detail, Throwable cause) {
        super(kind.message() + ": " + detail, cause, false, false);
        this.kind = kind;
    }

    private Trap(TrapKind kind, String message, boolean unused) {
        super(message, null, false, false);
        this.kind = kind;
    }

    /**
     * A trap about one element, worded as the reference interpreter does: the spec text, a
     * space and the index (e.g. "uninitialized element 2").
     */
    public static Trap atIndex(TrapKind kind, long index) {
        return new Trap(kind, kind.message() + " " + index, true);
    }

    public TrapKind kind() {
        return kind;
    }
}
