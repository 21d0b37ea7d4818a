package dev.weft.wasi;

import java.nio.channels.Selector;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes the guest's current or next waiting WASI call ({@code poll_oneoff}, a blocking socket
 * call) return {@code EINTR} once, from any thread, without interrupting the guest's thread: a
 * runtime limit takes {@link Thread#interrupt()} of a thread running Wasm as a request to stop it
 * with a trap, while this asks a guest that waits for I/O to wind down by itself (waeio stops on
 * {@code EINTR}). One per {@link WasiConfig}; every {@link Wasi} made from the config listens.
 */
public final class WaitInterrupt {
    private volatile boolean requested;
    private volatile Selector selector;
    private volatile Thread sleeper;

    WaitInterrupt() {}

    /** Requests {@code EINTR} from the current or next waiting call; returns at once. */
    public void request() {
        requested = true;
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        Thread t = sleeper;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Whether a request is pending; clears it (each request ends one wait). */
    boolean consume() {
        if (!requested) {
            return false;
        }
        requested = false;
        return true;
    }

    /** The selector that {@link #request} wakes from now on. */
    void watch(Selector s) {
        selector = s;
    }

    /**
     * Sleeps until {@code deadline} ({@link System#nanoTime()}; {@link Long#MAX_VALUE}: no limit).
     * Returns false, early, when a request came or the thread was interrupted (consumed).
     */
    boolean sleepUntil(long deadline) {
        sleeper = Thread.currentThread();
        try {
            for (;;) {
                if (consume() || Thread.interrupted()) {
                    return false;
                }
                long nanos = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                if (nanos <= 0) {
                    return true;
                }
                LockSupport.parkNanos(this, nanos);
            }
        } finally {
            sleeper = null;
        }
    }
}
