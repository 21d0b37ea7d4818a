package dev.weft.wasi;

/** Writes {@code poll_oneoff} subscriptions into a {@link WasiGuest}'s memory and reads the events. */
final class PollSubscriptions {
    static final int IN = 1000;
    static final int OUT = 2000;
    static final int NEVENTS = 600;

    private final WasiGuest g;

    PollSubscriptions(WasiGuest g) {
        this.g = g;
    }

    void clock(int index, long userdata, int clockId, long timeout, int flags) {
        int at = IN + index * Poll.SUBSCRIPTION_SIZE;
        g.memory.write(at, new byte[Poll.SUBSCRIPTION_SIZE]);
        g.memory.writeLong(at, userdata);
        g.memory.writeInt(at + 16, clockId);
        g.memory.writeLong(at + 24, timeout);
        g.memory.write(at + 40, new byte[] {(byte) flags, 0});
    }

    void fd(int index, long userdata, int type, int fd) {
        int at = IN + index * Poll.SUBSCRIPTION_SIZE;
        g.memory.write(at, new byte[Poll.SUBSCRIPTION_SIZE]);
        g.memory.writeLong(at, userdata);
        g.memory.write(at + 8, new byte[] {(byte) type});
        g.memory.writeInt(at + 16, fd);
    }

    /** Polls the first {@code count} subscriptions; the errno. */
    int poll(int count) {
        return g.call("poll_oneoff", IN, OUT, count, NEVENTS);
    }

    int count() {
        return g.i32(NEVENTS);
    }

    long userdata(int event) {
        return g.i64(OUT + (long) event * Poll.EVENT_SIZE);
    }

    int error(int event) {
        return g.u8(OUT + (long) event * Poll.EVENT_SIZE + 8);
    }

    int type(int event) {
        return g.u8(OUT + (long) event * Poll.EVENT_SIZE + 10);
    }

    /** A thread that asks {@code w} for EINTR after {@code millis} ms (join it when done). */
    static Thread requestAfter(WaitInterrupt w, long millis) {
        return Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(millis);
                w.request();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
