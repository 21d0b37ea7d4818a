package dev.weft.fuzz;

/** How long a fuzzer runs: at most {@code cases} cases and at most {@code seconds} seconds (0: no limit). */
public record Budget(long cases, long seconds) {
    public boolean exhausted(long done, long startNanos) {
        boolean outOfCases = cases > 0 && done >= cases;
        boolean outOfTime = seconds > 0 && System.nanoTime() - startNanos >= seconds * 1_000_000_000L;
        return outOfCases || outOfTime;
    }

    /**
     * Runs cases {@code first, first + 1, ...} with {@code runCase} until this
     * budget is spent or a case hangs (its thread cannot be stopped), printing a progress line
     * named {@code fuzzer} with {@code counts} every {@code progressEvery} cases (0: never).
     */
    <O> void runCases(String fuzzer, long first, long progressEvery, O hang,
            java.util.function.LongFunction<O> runCase, java.util.function.Supplier<Object> counts) {
        long start = System.nanoTime();
        for (long done = 0; !exhausted(done, start); done++) {
            if (runCase.apply(first + done) == hang) {
                return;
            }
            if (progressEvery > 0 && (done + 1) % progressEvery == 0) {
                System.out.printf("%s: %d cases in %d s, %s%n", fuzzer, done + 1,
                        (System.nanoTime() - start) / 1_000_000_000L, counts.get());
            }
        }
    }
}
