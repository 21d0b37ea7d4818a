package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;

/**
 * One instance's execution meter: fuel, deadline and interruption share one counter.
 *
 * <p>Both tiers call {@link #tick} on every loop back-edge and every call of a Wasm function (the
 * interpreter on backward branches, calls and EXT instructions; compiled code at loop heads and
 * function entries): a plain decrement of {@link #ticks} and a sign test. The counter holds the
 * units left in the current slice of at most {@link #SLICE}; when it runs out, {@link #refill}
 * checks, in this order, the {@link #interrupt() interrupt flag} (volatile, set from any thread),
 * {@link Thread#interrupted()} of the running thread, the deadline, and the fuel left, and either
 * traps or hands out the next slice. So without fuel, deadline or interruption the cost is the
 * decrement, and a request to stop is seen within one slice.
 *
 * <p>Fuel is counted in these units (one per back-edge taken and per call, not per instruction).
 * Once out of fuel, or past the deadline, every later tick traps again until {@link #setFuel} or
 * {@link #setDeadline} gives more; an interrupt stops one run (its flag is cleared by the trap),
 * and an interrupt of the thread is consumed like {@code InterruptedException} consumes it.
 *
 * <p>Not thread-safe except {@link #interrupt()}: the counters belong to the thread running the
 * instance (one at a time, see {@link ModuleInstance#enter}).
 */
public final class Meter {
    /** Units handed out per slice: the most ticks between two checks of interrupt and deadline. */
    static final int SLICE = 1 << 14;
    /** {@link #deadline} when there is none. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    /** Units left in the current slice; the hot counter. Below zero: a check is due. */
    int ticks;
    /** Fuel not yet handed out in slices; meaningful when {@link #fuelLimited}. */
    private long fuelLeft;
    private boolean fuelLimited;
    private long fuelGiven;
    /** Units handed out in all slices so far (fuel used = this minus what is left of the slice). */
    private long granted;
    private long deadline = NO_DEADLINE;
    private long timeoutNanos;
    private volatile boolean interruptRequested;
    private long wallNanos;
    private boolean closed;

    Meter() {}

    /** Counts one unit (a back-edge or a call) against {@code m}; traps when a check says stop. */
    static void tick(Meter m) {
        if (--m.ticks < 0) {
            m.refill();
        }
    }

    /**
     * A branch from code position {@code at} to {@code target} in {@code fn}: a backward one
     * (a loop's back-edge) ticks. Returns {@code target}.
     */
    static int branch(FunctionInstance fn, int at, int target) {
        if (target < at) {
            tick(fn.meter);
        }
        return target;
    }

    /** The counter ran out: checks whether to stop, else starts the next slice. */
    void refill() {
        ticks = 0; // the unit that ran out is paid from the next slice (ticks = slice - 1 below)
        if (closed) {
            ticks = -1;
            throw new Trap(TrapKind.INSTANCE_CLOSED, "a call reached a function of a closed instance");
        }
        if (interruptRequested) {
            interruptRequested = false;
            throw new Trap(TrapKind.INTERRUPTED, "the instance's interrupt handle was triggered");
        }
        if (Thread.interrupted()) {
            throw new Trap(TrapKind.INTERRUPTED, "the thread running the instance was interrupted");
        }
        if (deadline != NO_DEADLINE && System.nanoTime() - deadline >= 0) {
            throw new Trap(TrapKind.DEADLINE_EXCEEDED, "the timeout of " + timeoutNanos / 1_000_000 + " ms passed");
        }
        long slice = SLICE;
        if (fuelLimited) {
            if (fuelLeft <= 0) {
                throw new Trap(TrapKind.OUT_OF_FUEL, "all " + fuelGiven + " units of fuel were used");
            }
            slice = Math.min(SLICE, fuelLeft);
            fuelLeft -= slice;
        }
        granted += slice;
        ticks = (int) slice - 1;
    }

    /** Requests a trap in the code running in this instance; callable from any thread. */
    public void interrupt() {
        interruptRequested = true;
    }

    /**
     * Sets the fuel budget to {@code units} from now on (a negative value: unlimited). The count
     * of fuel used goes on.
     */
    public void setFuel(long units) {
        granted -= Math.max(ticks, 0); // return the rest of the slice
        ticks = 0;
        fuelLimited = units >= 0;
        fuelLeft = Math.max(units, 0);
        fuelGiven = fuelLeft;
    }

    /** The fuel left, or -1 when unlimited. */
    public long fuelRemaining() {
        return fuelLimited ? fuelLeft + Math.max(ticks, 0) : -1;
    }

    /** Units counted so far (back-edges taken and calls), whether or not fuel is limited. */
    public long fuelUsed() {
        return granted - Math.max(ticks, 0);
    }

    /** Traps every tick from {@code timeoutNanos} after now on; a negative value removes the deadline. */
    public void setDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        if (timeoutNanos < 0) {
            deadline = NO_DEADLINE;
            return;
        }
        long d = System.nanoTime() + timeoutNanos;
        deadline = d == NO_DEADLINE ? d + 1 : d;
    }

    /** The instance closed: every later tick (the first one of any call into it) traps. */
    void close() {
        closed = true;
        ticks = -1;
    }

    /** Nanoseconds spent in calls into this instance from Java (nested entries count once). */
    public long wallNanos() {
        return wallNanos;
    }

    void addWallNanos(long nanos) {
        wallNanos += nanos;
    }
}
