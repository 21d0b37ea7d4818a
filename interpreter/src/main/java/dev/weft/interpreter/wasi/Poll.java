package dev.weft.interpreter.wasi;

import static dev.weft.interpreter.wasi.ProcessCalls.ptr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code poll_oneoff}. Descriptor subscriptions on sockets wait for readiness on the
 * {@link Readiness} selector ({@code fd_read}: data, end of stream or a pending connection;
 * {@code fd_write}: room to send); on other descriptors they are ready at once (an open
 * descriptor) or report {@code EBADF}. Clock subscriptions bound the wait: with nothing ready
 * the call blocks until a socket is ready or the earliest clock fires, whichever is first.
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

    /** An event to report. */
    private record Event(long userdata, int error, int type) {}

    /** A clock subscription and when it fires ({@code System.nanoTime()} scale). */
    private record Timer(long userdata, long deadline) {}

    /** A descriptor subscription on a socket, waiting for selector operation {@code op}. */
    private record Waiter(long userdata, int type, SockFd socket, int op) {}

    private final Wasi wasi;

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
        ByteBuffer subs = ByteBuffer.wrap(mem.read(in, count * SUBSCRIPTION_SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> ready = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<Waiter> waiters = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            subscribe(subs, i * SUBSCRIPTION_SIZE, now, ready, timers, waiters);
        }
        long deadline = timers.stream().mapToLong(Timer::deadline).min().orElse(Long.MAX_VALUE);
        if (waiters.isEmpty()) {
            if (ready.isEmpty() && !timers.isEmpty() && !sleepUntil(deadline)) {
                return WasiErrno.INTR;
            }
        } else {
            waitForSockets(waiters, ready.isEmpty() ? deadline : now, ready);
        }
        long after = System.nanoTime();
        for (Timer t : timers) {
            if (after >= t.deadline()) {
                ready.add(new Event(t.userdata(), WasiErrno.SUCCESS, CLOCK));
            }
        }
        writeEvents(mem, out, ready);
        mem.writeInt(neventsPtr, ready.size());
        return WasiErrno.SUCCESS;
    }

    /**
     * Waits on the selector until a waiter's socket is ready or {@code deadline} passes (a
     * spurious wake-up waits again for the rest), adding an event for each ready waiter.
     */
    private void waitForSockets(List<Waiter> waiters, long deadline, List<Event> ready) throws IOException {
        Map<SockFd, Integer> interest = new LinkedHashMap<>();
        for (Waiter w : waiters) {
            interest.merge(w.socket(), w.op(), (a, b) -> a | b);
        }
        while (true) {
            long left = deadline == Long.MAX_VALUE ? -1 : Math.max(0, deadline - System.nanoTime());
            Map<SockFd, Integer> found = wasi.readiness().select(interest, left);
            for (Waiter w : waiters) {
                Integer ops = found.get(w.socket());
                if (ops != null && (ops & w.op()) != 0) {
                    ready.add(new Event(w.userdata(), WasiErrno.SUCCESS, w.type()));
                }
            }
            if (!found.isEmpty() || left == 0) {
                return;
            }
        }
    }

    private void subscribe(ByteBuffer subs, int at, long now, List<Event> ready, List<Timer> timers,
            List<Waiter> waiters) {
        long userdata = subs.getLong(at);
        int tag = subs.get(at + 8) & 0xFF;
        if (tag == CLOCK) {
            int id = subs.getInt(at + 16);
            long timeout = subs.getLong(at + 24);
            boolean abs = (subs.getShort(at + 40) & ABSTIME) != 0;
            try {
                long clockNow = ProcessCalls.now(wasi.config(), id);
                long wait = abs ? timeout - clockNow : timeout;
                // nanoTime read after the clock, so an absolute deadline is never reached early
                long start = abs ? System.nanoTime() : now;
                timers.add(new Timer(userdata, wait < 0 && !abs ? Long.MAX_VALUE : deadline(start, wait)));
            } catch (WasiError e) {
                ready.add(new Event(userdata, e.errno(), CLOCK));
            }
        } else if (tag == FD_READ || tag == FD_WRITE) {
            try {
                Descriptor d = wasi.fds().get(subs.getInt(at + 16));
                if (d instanceof SockFd s) {
                    int op = tag == FD_READ ? s.readOp() : SelectionKey.OP_WRITE;
                    if (s instanceof ListenSocketFd && tag == FD_WRITE) {
                        throw new WasiError(WasiErrno.INVAL);
                    }
                    waiters.add(new Waiter(userdata, tag, s, op));
                } else {
                    ready.add(new Event(userdata, WasiErrno.SUCCESS, tag));
                }
            } catch (WasiError e) {
                ready.add(new Event(userdata, e.errno(), tag));
            }
        } else {
            throw new WasiError(WasiErrno.INVAL);
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

    /** Sleeps until {@code deadline} (nothing if it passed); false if interrupted. */
    private static boolean sleepUntil(long deadline) {
        long nanos = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (nanos <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static void writeEvents(GuestMemory mem, long out, List<Event> events) {
        ByteBuffer b = GuestMemory.struct(events.size() * EVENT_SIZE);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            int at = i * EVENT_SIZE;
            b.putLong(at, e.userdata());
            b.putShort(at + 8, (short) e.error());
            b.put(at + 10, (byte) e.type());
        }
        mem.write(out, b.array());
    }
}
