package dev.weft.interpreter;

import dev.weft.interpreter.exec.Meter;

/**
 * Stops the code running in one {@link Instance} from another thread: {@link #interrupt} makes
 * the running call trap with {@link TrapKind#INTERRUPTED} at its next check (within one slice of
 * loop back-edges and calls, in either tier and inside continuations). Without a running call the
 * next call traps at its first check. Cheap to keep: it holds the instance's meter only.
 */
public final class InterruptHandle {
    private final Meter meter;

    InterruptHandle(Meter meter) {
        this.meter = meter;
    }

    /** Requests the trap; callable from any thread, any number of times. */
    public void interrupt() {
        meter.interrupt();
    }
}
