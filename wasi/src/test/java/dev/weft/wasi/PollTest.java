package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** poll_oneoff: clock subscriptions sleep, descriptor subscriptions are ready at once. */
class PollTest {
    private static final int IN = PollSubscriptions.IN;
    private static final int OUT = PollSubscriptions.OUT;
    private static final int NEVENTS = 200;
    private static final long MILLI = 1_000_000;

    private WasiConfig config;
    private WasiGuest g;

    @BeforeEach
    void setUp() throws Exception {
        config = WasiConfig.builder().build();
        g = new WasiGuest(config);
    }

    private void clock(int index, long userdata, int clockId, long timeout, int flags) {
        new PollSubscriptions(g).clock(index, userdata, clockId, timeout, flags);
    }

    private void fd(int index, long userdata, int type, int fd) {
        new PollSubscriptions(g).fd(index, userdata, type, fd);
    }

    private long event(int index, int offset) {
        return g.i64(OUT + index * Poll.EVENT_SIZE + offset);
    }

    @Test
    void aRelativeClockSubscriptionSleepsAtLeastItsTimeout() {
        clock(0, 77, 1, MILLI, 0);
        long start = System.nanoTime();
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 1, NEVENTS));
        assertTrue(System.nanoTime() - start >= MILLI);
        assertEquals(1, g.i32(NEVENTS));
        assertEquals(77, event(0, 0));
        assertEquals(0, g.memory.read(OUT + 8, 2)[0]);
        assertEquals(0, g.u8(OUT + 10));
    }

    @Test
    void onlyTheEarliestOfSeveralClocksFires() {
        clock(0, 1, 1, 3600_000 * MILLI, 0);
        clock(1, 2, 1, MILLI, 0);
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 2, NEVENTS));
        assertEquals(1, g.i32(NEVENTS));
        assertEquals(2, event(0, 0));
    }

    @Test
    void anAbsoluteDeadlineInThePastFiresAtOnce() {
        clock(0, 5, 1, 0, 1);
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 1, NEVENTS));
        assertEquals(1, g.i32(NEVENTS));
        assertEquals(5, event(0, 0));
    }

    @Test
    void anAbsoluteRealtimeDeadlineSleepsUntilThen() {
        long now = System.currentTimeMillis() * MILLI;
        clock(0, 6, 0, now + MILLI, 1);
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 1, NEVENTS));
        assertEquals(6, event(0, 0));
        assertTrue(System.currentTimeMillis() * MILLI >= now + MILLI);
    }

    @Test
    void descriptorSubscriptionsAreReadyAtOnceAndAnUnknownClockIsAnEventError() {
        clock(0, 1, 1, 3600_000 * MILLI, 0);
        fd(1, 2, 2, 1);
        fd(2, 3, 1, 99);
        clock(3, 4, 42, 0, 0);
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 4, NEVENTS));
        assertEquals(3, g.i32(NEVENTS));
        assertEquals(2, event(0, 0));
        assertEquals(2, g.u8(OUT + 10));
        assertEquals(0, g.u8(OUT + 8));
        assertEquals(3, event(1, 0));
        assertEquals(WasiErrno.BADF, g.u8(OUT + Poll.EVENT_SIZE + 8));
        assertEquals(4, event(2, 0));
        assertEquals(WasiErrno.INVAL, g.u8(OUT + 2 * Poll.EVENT_SIZE + 8));
    }

    @Test
    void noSubscriptionsOrAnUnknownTagIsEinval() {
        assertEquals(WasiErrno.INVAL, g.call("poll_oneoff", IN, OUT, 0, NEVENTS));
        fd(0, 1, 9, 1);
        assertEquals(WasiErrno.INVAL, g.call("poll_oneoff", IN, OUT, 1, NEVENTS));
    }

    @Test
    void subscriptionsOrEventsOutsideMemoryAreEfault() {
        assertEquals(WasiErrno.FAULT, g.call("poll_oneoff", 65536 - 40, OUT, 1, NEVENTS));
        assertEquals(WasiErrno.FAULT, g.call("poll_oneoff", IN, 65536 - 8, 1, NEVENTS));
        assertEquals(WasiErrno.FAULT, g.call("poll_oneoff", IN, OUT, 1, -1));
    }

    @Test
    void aWaitInterruptRequestEndsAClockOnlySleep() throws Exception {
        clock(0, 1, 1, 3_600_000 * MILLI, 0); // an hour
        Thread requester = PollSubscriptions.requestAfter(config.waitInterrupt(), 100);
        assertEquals(WasiErrno.INTR, g.call("poll_oneoff", IN, OUT, 1, NEVENTS));
        requester.join();
        clock(0, 1, 1, MILLI, 0);
        assertEquals(0, g.call("poll_oneoff", IN, OUT, 1, NEVENTS)); // the request was used up
    }
}
