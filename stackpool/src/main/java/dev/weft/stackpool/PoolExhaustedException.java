package dev.weft.stackpool;

/**
 * Thrown when a pool cannot hand out a slot: every slot up to the configured limit is in use,
 * or the system refused to reserve another region. The message names the limit and the
 * configuration field that raises it. Unchecked; the interpreter turns it into a trap.
 */
public final class PoolExhaustedException extends RuntimeException {
    @java.io.Serial
    private static final long serialVersionUID = 1L;

    private final long limit;

    /** An exception for a pool that hit {@code limit}. */
    public PoolExhaustedException(String message, long limit) {
        super(message);
        this.limit = limit;
    }

    /** An exception caused by a failed reservation. */
    public PoolExhaustedException(String message, long limit, Throwable cause) {
        super(message, cause);
        this.limit = limit;
    }

    /** The limit that was hit (slots, or bytes for a failed reservation). */
    public long limit() {
        return limit;
    }
}
