package dev.weft.wasi;

import static dev.weft.wasi.ProcessCalls.ptr;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.Arrays;

/**
 * {@code poll_oneoff}. Descriptor subscriptions on sockets wait for readiness on the
 * {@link Readiness} selector ({@code fd_read}: data, end of stream or a pending connection;
 * {@code fd_write}: room to send); on other descriptors they are ready at once (an open
 * descriptor) or report {@code EBADF}. Clock subscriptions bound the wait: with nothing ready
 * the call blocks until a socket is ready or the earliest clock fires, whichever is first.
 * Subscriptions are read from and events written to guest memory field by field, into arrays
 * this object keeps from call to call, so a poll allocates nothing once they are large enough.
 * Layouts:
 * <pre>
 * subscription (48): 0 userdata u64 | 8 tag u8 (0 clock, 1 fd_read, 2 fd_write)
 *                    clock: 16 id u32 | 24 timeout u64 | 32 precision u64 | 40 flags u16 (1 = abstime)
 *                    fd:    16 fd u32
 * event (32):        0 userdata u64 | 8 error u16 | 10 type u8 | 16 nbytes u64 | 24 flags u16
 * </pre>
 */
final class Poll {
    static final int SUBSCRIPTION_SIZE = 48;
    static final int EVENT_SIZE = 32;
    private static final int CLOCK = 0;
    private static final int FD_READ = 1;
    private static final int FD_WRITE = 2;
    private static final int ABSTIME = 1;

    private final Wasi wasi;
    /** Events to report: userdata, and error | type << 16. */
    private long[] eventData = new long[8];
    private int[] eventKind = new int[8];
    private int events;
    /** Clock subscriptions: userdata and deadline ({@code System.nanoTime()} scale). */
    private long[] timerData = new long[8];
    private long[] timerDeadline = new long[8];
    private int timers;
    /** Socket subscriptions: userdata, type, socket, selector operation. */
    private long[] waiterData = new long[8];
    private int[] waiterType = new int[8];
    private SockFd[] waiterSocket = new SockFd[8];
    private int[] waiterOp = new int[8];
    private int waiters;

    Poll(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("poll_oneoff", "iiii", a -> poll(ptr(a, 0), ptr(a, 1), ptr(a, 2), ptr(a, 3)));
    }

    private int poll(long in, long out, long count, long neventsPtr) throws IOException {
        GuestMemory mem = wasi.memory();
        if (count == 0) {
            return WasiErrno.INVAL;
        }
        mem.check(in, count * SUBSCRIPTION_SIZE);
        mem.check(out, count * EVENT_SIZE);
        mem.check(neventsPtr, 4);
        int n = (int) count; // fits: count * 48 bytes lie in memory
        ensureCapacity(n);
        events = 0;
        timers = 0;
        waiters = 0;
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            subscribe(mem, in + (long) i * SUBSCRIPTION_SIZE, now);
        }
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < timers; i++) {
            deadline = Math.min(deadline, timerDeadline[i]);
        }
        if (waiters == 0) {
            if (events == 0 && timers > 0 && !wasi.readiness().sleepUntil(deadline)) {
                return WasiErrno.INTR;
            }
        } else {
            waitForSockets(events == 0 ? deadline : now);
        }
        long after = System.nanoTime();
        for (int i = 0; i < timers; i++) {
            if (after >= timerDeadline[i]) {
                addEvent(timerData[i], WasiErrno.SUCCESS, CLOCK);
            }
        }
        for (int i = 0; i < events; i++) {
            long at = out + (long) i * EVENT_SIZE;
            mem.writeLong(at, eventData[i]);
            mem.writeLong(at + 8, eventKind[i] & 0xFF_FFFFL); // error u16, type u8, padding
            mem.writeLong(at + 16, 0); // nbytes
            mem.writeLong(at + 24, 0); // flags, padding
        }
        mem.writeInt(neventsPtr, events);
        Arrays.fill(waiterSocket, 0, waiters, null); // closed sockets are not kept reachable
        return WasiErrno.SUCCESS;
    }

    /**
     * Waits on the selector until a waiter's socket is ready or {@code deadline} passes (a
     * spurious wake-up waits again for the rest), adding an event for each ready waiter.
     */
    private void waitForSockets(long deadline) throws IOException {
        Readiness readiness = wasi.readiness();
        readiness.begin();
        for (int i = 0; i < waiters; i++) {
            readiness.want(waiterSocket[i], waiterOp[i]);
        }
        while (true) {
            long left = deadline == Long.MAX_VALUE ? -1 : Math.max(0, deadline - System.nanoTime());
            int found = readiness.select(left);
            for (int i = 0; found > 0 && i < waiters; i++) {
                if ((waiterSocket[i].readyOps & waiterOp[i]) != 0) {
                    addEvent(waiterData[i], WasiErrno.SUCCESS, waiterType[i]);
                }
            }
            if (found > 0 || left == 0) {
                return;
            }
        }
    }

    private void subscribe(GuestMemory mem, long at, long now) {
        long userdata = mem.readLong(at);
        int tag = mem.readInt(at + 8) & 0xFF;
        if (tag == CLOCK) {
            int id = mem.readInt(at + 16);
            long timeout = mem.readLong(at + 24);
            boolean abs = (mem.readInt(at + 40) & ABSTIME) != 0;
            try {
                long clockNow = ProcessCalls.now(wasi.config(), id);
                long wait = abs ? timeout - clockNow : timeout;
                // nanoTime read after the clock, so an absolute deadline is never reached early
                long start = abs ? System.nanoTime() : now;
                timerData[timers] = userdata;
                timerDeadline[timers++] = wait < 0 && !abs ? Long.MAX_VALUE : deadline(start, wait);
            } catch (WasiError e) {
                addEvent(userdata, e.errno(), CLOCK);
            }
        } else if (tag == FD_READ || tag == FD_WRITE) {
            try {
                Descriptor d = wasi.fds().get(mem.readInt(at + 16));
                if (d instanceof SockFd s) {
                    if (s instanceof ListenSocketFd && tag == FD_WRITE) {
                        throw new WasiError(WasiErrno.INVAL);
                    }
                    waiterData[waiters] = userdata;
                    waiterType[waiters] = tag;
                    waiterSocket[waiters] = s;
                    waiterOp[waiters++] = tag == FD_READ ? s.readOp() : SelectionKey.OP_WRITE;
                } else {
                    addEvent(userdata, WasiErrno.SUCCESS, tag);
                }
            } catch (WasiError e) {
                addEvent(userdata, e.errno(), tag);
            }
        } else {
            throw new WasiError(WasiErrno.INVAL);
        }
    }

    private void addEvent(long userdata, int error, int type) {
        eventData[events] = userdata;
        eventKind[events++] = (error & 0xFFFF) | (type & 0xFF) << 16;
    }

    /** Room for {@code n} subscriptions (each makes at most one event). */
    private void ensureCapacity(int n) {
        if (n > eventData.length) {
            int cap = Math.max(n, eventData.length * 2);
            eventData = Arrays.copyOf(eventData, cap);
            eventKind = Arrays.copyOf(eventKind, cap);
            timerData = Arrays.copyOf(timerData, cap);
            timerDeadline = Arrays.copyOf(timerDeadline, cap);
            waiterData = Arrays.copyOf(waiterData, cap);
            waiterType = Arrays.copyOf(waiterType, cap);
            waiterSocket = new SockFd[cap];
            waiterOp = Arrays.copyOf(waiterOp, cap);
        }
    }

    /** {@code now + wait} on the {@code nanoTime} scale, saturating instead of overflowing. */
    private static long deadline(long now, long wait) {
        if (wait <= 0) {
            return now;
        }
        try {
            return Math.addExact(now, wait);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
