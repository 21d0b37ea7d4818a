package dev.weft.benchmarks.macro;

/** What one HTTP load run saw, from either load generator ({@link HttpLoad}, {@link HttpWrk}). */
interface LoadResult {
    /** Responses received. */
    long requests();

    /** Failed requests and dropped connections. */
    long errors();

    /** How long the run took. */
    double seconds();

    /** The latency at {@code percentile} (e.g. 99.9), in milliseconds. */
    double percentileMillis(double percentile);

    default double requestsPerSecond() {
        return requests() / seconds();
    }
}
