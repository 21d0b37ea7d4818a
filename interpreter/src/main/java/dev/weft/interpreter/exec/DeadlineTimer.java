package dev.weft.interpreter.exec;

import java.lang.ref.WeakReference;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread, shared by all instances, that tells a {@link Meter} its deadline
 * passed ({@link Meter#deadlinePassed}), so that compiled calls need not count while a deadline
 * is only pending. It holds meters weakly: a pending deadline keeps no instance alive.
 */
final class DeadlineTimer {
    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "weft-deadlines");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true); // a cancelled deadline leaves nothing queued
    }

    private DeadlineTimer() {}

    /** Calls {@code m.deadlinePassed()} {@code delayNanos} from now, unless cancelled first. */
    static ScheduledFuture<?> schedule(Meter m, long delayNanos) {
        WeakReference<Meter> ref = new WeakReference<>(m);
        return TIMER.schedule(() -> {
            Meter meter = ref.get();
            if (meter != null) {
                meter.deadlinePassed();
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}
