package dev.weft.benchmarks.macro;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Progress lines on stderr: which step of how many, time since the start, what is running. */
public final class Progress {
    private final PrintStream out;
    private final LongSupplier nanoClock;
    private final long start;
    private int total;
    private int done;

    public Progress(PrintStream out, LongSupplier nanoClock, int total) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.total = total;
    }

    /** Announces the next step. */
    public void step(String what) {
        done++;
        if (done > total) {
            total = done;
        }
        out.printf(Locale.ROOT, "[%d/%d %s] %s%n", done, total, elapsed(), what);
    }

    /** Skips {@code n} planned steps that will not run (e.g. repeats after a failed warm-up). */
    public void skip(int n) {
        total -= n;
    }

    /** A line without a step, e.g. a result. */
    public void info(String what) {
        out.println("    " + what);
    }

    /** Minutes and seconds since the start, e.g. "2:05". */
    public String elapsed() {
        long s = (nanoClock.getAsLong() - start) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
