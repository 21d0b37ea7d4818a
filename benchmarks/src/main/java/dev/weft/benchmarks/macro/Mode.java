package dev.weft.benchmarks.macro;

import java.time.Duration;

/**
 * How much to measure: the guests' scale, the default number of repeats and the time a single
 * run may take before it counts as failed. Default mode finishes within 30 minutes on the
 * project's 2-core machine, {@code --quick} within 3; {@code --full} runs the guests' own full
 * scale and takes much longer.
 */
public enum Mode implements Named {
    QUICK("quick", 2, Duration.ofSeconds(60)),
    DEFAULT("default", 5, Duration.ofSeconds(300)),
    FULL("full", 5, Duration.ofSeconds(1800));

    private final String id;
    private final int repeats;
    private final Duration timeout;

    Mode(String id, int repeats, Duration timeout) {
        this.id = id;
        this.repeats = repeats;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return id;
    }

    /** Timed runs of each measurement unless {@code --repeats} says otherwise. */
    public int repeats() {
        return repeats;
    }

    /** How long one run may take. */
    public Duration timeout() {
        return timeout;
    }
}
