package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;

/**
 * One instance's execution meter: fuel, deadline and interruption share one counter.
 *
 * <p>Both tiers call {@link #tick} on every loop back-edge and every call of a Wasm function (the
 * interpreter on backward branches, calls (from Java too) and EXT instructions; compiled code at loop
 * heads, at calls from Java or the interpreter, and at its function entries through {@link #callEntry}):
 * a plain decrement of {@link #ticks} and a sign test. A call between compiled functions only reads:
 * it ticks while {@link #entryChecks} is non-zero (fuel is set, an interrupt was requested, the
 * deadline passed ({@link DeadlineTimer} says so), the instance closed) or the thread's interrupt is pending, so without those the calls
 * of compiled code to each other are not counted (a tick per call is a load, decrement and store of
 * one field, a dependency chain through every call). The counter holds the
 * units left in the current slice of at most {@link #SLICE}; when it runs out, {@link #refill}
 * checks, in this order, the {@link #interrupt() interrupt flag} (volatile, set from any thread),
 * the running thread's interrupt status, the deadline, and the fuel left, and either traps or
 * hands out the next slice. So without fuel, deadline or interruption the cost is the decrement,
 * and a request to stop is seen within one slice. A thread interrupt traps once it has been
 * pending for {@link #INTERRUPT_GRACE} units: WASI defines it as {@code EINTR} for a blocking
 * call (waeio's server stops that way, finishing responses in flight), so a guest that reaches
 * one soon consumes it there; a guest that never does (a loop) traps.
 *
 * <p>Fuel is counted in these units (one per back-edge taken and per call, not per instruction;
 * without fuel, {@link #fuelUsed} leaves out the calls between compiled functions).
 * Once out of fuel, or past the deadline, every later tick traps again until {@link #setFuel} or
 * {@link #setDeadline} gives more; an interrupt stops one run (its flag is cleared by the trap),
 * and an interrupt of the thread that traps is consumed, as {@code InterruptedException} consumes
 * it; one that a call returns with still pending stays set for the host.
 *
 * <p>Not thread-safe except {@link #interrupt()}: the counters belong to the thread running the
 * instance (one at a time, see {@link ModuleInstance#enter}).
 */
public final class Meter {
    /** Units handed out per slice: the most ticks between two checks of interrupt and deadline. */
    static final int SLICE = 1 << 14;
    /**
     * Units a thread interrupt stays pending before it traps: a blocking WASI call of the guest
     * may take it first as {@code EINTR}, the cooperative stop that waeio's server uses.
     */
    static final long INTERRUPT_GRACE = 1L << 24;
    /** {@link #interruptSeenAt} while no thread interrupt is pending. */
    private static final long NOT_SEEN = -1;
    /** {@link #deadline} when there is none. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    /**
     * Units left in the current slice; the hot counter. Below zero: a check is due. A compiled
     * loop without calls keeps it in a JVM local while it runs and stores it back when left
     * ({@link BytecodeSupport#ticks}): nothing can read it meanwhile.
     */
    int ticks;
    /** Fuel not yet handed out in slices; meaningful when {@link #fuelLimited}. */
    private long fuelLeft;
    private boolean fuelLimited;
    private long fuelGiven;
    /** Units handed out in all slices so far (fuel used = this minus what is left of the slice). */
    private long granted;
    private long deadline = NO_DEADLINE;
    private long timeoutNanos;
    /** The {@link DeadlineTimer}'s task for {@link #deadline}, or null. */
    private ScheduledFuture<?> deadlineTask;
    /**
     * Why a compiled function's entry must tick ({@link #callEntry}): {@link #COUNT_CALLS},
     * {@link #INTERRUPT_REQUESTED}, {@link #CLOSED}, {@link #DEADLINE_PASSED}; zero when it may only read. Written with
     * atomic bit operations (an interrupt comes from any thread), read with opaque semantics.
     */
    @SuppressWarnings("unused") // through ENTRY_CHECKS
    private int entryChecks;
    /** {@link #entryChecks}: fuel is set, so every call counts. */
    private static final int COUNT_CALLS = 1;
    /** {@link #entryChecks}: {@link #interrupt()} was called and no trap has consumed it yet. */
    private static final int INTERRUPT_REQUESTED = 2;
    /** {@link #entryChecks}: the instance closed. */
    private static final int CLOSED = 4;
    /** {@link #entryChecks}: the {@link DeadlineTimer} saw the deadline pass. */
    private static final int DEADLINE_PASSED = 8;
    private static final VarHandle ENTRY_CHECKS;

    static {
        try {
            ENTRY_CHECKS = MethodHandles.lookup().findVarHandle(Meter.class, "entryChecks", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    /** {@link #granted} when a check first saw the thread's interrupt pending, or {@link #NOT_SEEN}. */
    private long interruptSeenAt = NOT_SEEN;
    private long wallNanos;
    private boolean closed;
    private Runnable busy;
    private int slicesUntilBusy;

    Meter() {}

    /** Counts one unit (a back-edge or a call) against {@code m}; traps when a check says stop. */
    static void tick(Meter m) {
        if (--m.ticks < 0) {
            m.refill();
        }
    }

    /**
     * A compiled function's entry: ticks only when a check needs the count (see {@link #entryChecks})
     * or the running thread's interrupt is pending (so that its grace is counted); else two reads.
     */
    static void callEntry(Meter m) {
        if ((int) ENTRY_CHECKS.getOpaque(m) != 0 || Thread.currentThread().isInterrupted()) {
            tick(m);
        }
    }

    /**
     * A call of a compiled function from Java or the interpreter: counts it when its entry
     * ({@link #callEntry}) will not, so that such a call always counts once.
     */
    static void hostEntry(Meter m) {
        if (((int) ENTRY_CHECKS.getOpaque(m) & COUNT_CALLS) == 0) {
            tick(m);
        }
    }

    /** Sets or clears {@code bit} of {@link #entryChecks}. */
    private void entryCheck(int bit, boolean on) {
        if (on) {
            ENTRY_CHECKS.getAndBitwiseOr(this, bit);
        } else {
            ENTRY_CHECKS.getAndBitwiseAnd(this, ~bit);
        }
    }

    /** From the {@link DeadlineTimer}'s thread: calls count from now on, so a check comes soon. */
    void deadlinePassed() {
        entryCheck(DEADLINE_PASSED, true);
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
        if (((int) ENTRY_CHECKS.getVolatile(this) & INTERRUPT_REQUESTED) != 0) {
            entryCheck(INTERRUPT_REQUESTED, false);
            throw new Trap(TrapKind.INTERRUPTED, "the instance's interrupt handle was triggered");
        }
        if (Thread.currentThread().isInterrupted()) {
            if (interruptSeenAt == NOT_SEEN) {
                interruptSeenAt = granted;
            } else if (granted - interruptSeenAt >= INTERRUPT_GRACE) {
                interruptSeenAt = NOT_SEEN;
                Thread.interrupted();
                throw new Trap(TrapKind.INTERRUPTED, "the thread running the instance was interrupted");
            }
        } else {
            interruptSeenAt = NOT_SEEN;
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
        if (busy != null && --slicesUntilBusy <= 0) {
            Runnable r = busy;
            busy = null;
            r.run();
        }
    }

    /**
     * Runs {@code action} once, at the check after {@code slices} more slices ({@code slices}
     * times {@link #SLICE} units of back-edges and calls): the auto tier's "hot by work done",
     * for code that loops long in few calls.
     */
    void whenBusy(int slices, Runnable action) {
        slicesUntilBusy = slices;
        busy = action;
    }

    /** Requests a trap in the code running in this instance; callable from any thread. */
    public void interrupt() {
        entryCheck(INTERRUPT_REQUESTED, true);
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
        entryCheck(COUNT_CALLS, fuelLimited);
    }

    /** The fuel left, or -1 when unlimited. */
    public long fuelRemaining() {
        return fuelLimited ? fuelLeft + Math.max(ticks, 0) : -1;
    }

    /**
     * Units counted so far (back-edges taken and calls), whether or not fuel is limited; without
     * fuel, calls between compiled functions are not among them.
     */
    public long fuelUsed() {
        return granted - Math.max(ticks, 0);
    }

    /** Traps every tick from {@code timeoutNanos} after now on; a negative value removes the deadline. */
    public void setDeadline(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
        cancelDeadlineTask();
        entryCheck(DEADLINE_PASSED, false);
        if (timeoutNanos < 0) {
            deadline = NO_DEADLINE;
        } else {
            long d = System.nanoTime() + timeoutNanos;
            deadline = d == NO_DEADLINE ? d + 1 : d;
            deadlineTask = DeadlineTimer.schedule(this, timeoutNanos);
        }
    }

    /** The instance closed: every later tick (the first one of any call into it) traps. */
    void close() {
        closed = true;
        ticks = -1;
        entryCheck(CLOSED, true);
        cancelDeadlineTask();
    }

    private void cancelDeadlineTask() {
        if (deadlineTask != null) {
            deadlineTask.cancel(false);
            deadlineTask = null;
        }
    }

    /** Nanoseconds spent in calls into this instance from Java (nested entries count once). */
    public long wallNanos() {
        return wallNanos;
    }

    void addWallNanos(long nanos) {
        wallNanos += nanos;
    }
}
