package dev.weft.interpreter.wasi;

import static dev.weft.interpreter.wasi.ProcessCalls.ptr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}. Clock subscriptions sleep until the earliest deadline; descriptor
 * subscriptions are reported ready at once (an open descriptor) or with {@code EBADF}, and then
 * no clock waits. Layouts:
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
    private static final int ABSTIME = 1;

    /** An event to report. */
    private record Event(long userdata, int error, int type) {}

    /** A clock subscription and how long from now it fires. */
    private record Timer(long userdata, long waitNanos) {}

    private final Wasi wasi;

    Poll(Wasi wasi) {
        this.wasi = wasi;
    }

    void register(WasiFunctions f) {
        f.add("poll_oneoff", "iiii", a -> poll(ptr(a, 0), ptr(a, 1), ptr(a, 2), ptr(a, 3)));
    }

    private int poll(long in, long out, long count, long neventsPtr) {
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
        for (int i = 0; i < count; i++) {
            subscribe(subs, i * SUBSCRIPTION_SIZE, ready, timers);
        }
        if (ready.isEmpty() && !timers.isEmpty()) {
            long wait = timers.stream().mapToLong(Timer::waitNanos).min().orElseThrow();
            if (!sleep(wait)) {
                return WasiErrno.INTR;
            }
            for (Timer t : timers) {
                if (t.waitNanos() <= wait) {
                    ready.add(new Event(t.userdata(), WasiErrno.SUCCESS, CLOCK));
                }
            }
        }
        writeEvents(mem, out, ready);
        mem.writeInt(neventsPtr, ready.size());
        return WasiErrno.SUCCESS;
    }

    private void subscribe(ByteBuffer subs, int at, List<Event> ready, List<Timer> timers) {
        long userdata = subs.getLong(at);
        int tag = subs.get(at + 8) & 0xFF;
        if (tag == CLOCK) {
            int id = subs.getInt(at + 16);
            long timeout = subs.getLong(at + 24);
            boolean abs = (subs.getShort(at + 40) & ABSTIME) != 0;
            try {
                long now = ProcessCalls.now(wasi.config(), id);
                long wait = abs ? timeout - now : timeout < 0 ? Long.MAX_VALUE : timeout;
                timers.add(new Timer(userdata, wait));
            } catch (WasiError e) {
                ready.add(new Event(userdata, e.errno(), CLOCK));
            }
        } else if (tag == 1 || tag == 2) {
            int error = WasiErrno.SUCCESS;
            try {
                wasi.fds().get(subs.getInt(at + 16));
            } catch (WasiError e) {
                error = e.errno();
            }
            ready.add(new Event(userdata, error, tag));
        } else {
            throw new WasiError(WasiErrno.INVAL);
        }
    }

    /** Sleeps {@code nanos} (nothing if not positive); false if interrupted. */
    private static boolean sleep(long nanos) {
        if (nanos <= 0) {
            return true;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
