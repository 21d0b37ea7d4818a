package dev.weft.fuzz;

/** How long a fuzzer runs: at most {@code cases} cases and at most {@code seconds} seconds (0: no limit). */
public record Budget(long cases, long seconds) {
    public boolean exhausted(long done, long startNanos) {
        boolean outOfCases = cases > 0 && done >= cases;
        boolean outOfTime = seconds > 0 && System.nanoTime() - startNanos >= seconds * 1_000_000_000L;
        return outOfCases || outOfTime;
    }
}
