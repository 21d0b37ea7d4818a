package dev.weft.continuations;

/** The traps the continuation model raises, each owning its exact spec text. */
public enum ContinuationError {
    /** A continuation reference used a second time, or its stack was recycled since. */
    ALREADY_CONSUMED("continuation already consumed"),
    /** A null continuation reference given to resume, bind or switch. */
    NULL("null continuation reference"),
    /**
     * A resume or switch would link more stacks above the barriers of one thread than the
     * model allows (an unbounded chain of nested resumes); reported as call stack exhaustion.
     */
    CHAIN_TOO_LONG("call stack exhausted");

    private final String message;

    ContinuationError(String message) {
        this.message = message;
    }

    /** The spec text, exactly as the tests expect it. */
    public String message() {
        return message;
    }
}
