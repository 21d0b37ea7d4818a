package dev.weft.wast;

/**
 * What happened to one script command.
 *
 * @param status  passed, failed or skipped
 * @param detail  for a failure, what was expected and what happened; for a skip, why
 */
public record Outcome(Status status, String detail) {
    /** The three results a command can have. */
    public enum Status { PASSED, FAILED, SKIPPED }

    static final Outcome PASS = new Outcome(Status.PASSED, "");

    static Outcome fail(String detail) {
        return new Outcome(Status.FAILED, detail);
    }

    static Outcome skip(String reason) {
        return new Outcome(Status.SKIPPED, reason);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
