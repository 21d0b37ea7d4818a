package dev.weft.waeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one keep-alive GET / costs the native build, counted ({@link RequestCost}): a guard
 * against changes that make every request dearer. Instructions and WASI calls are exact counts;
 * the allocation bound sits far below the 22.5 KB the server allocated per GET before the host
 * stopped allocating a buffer per receive.
 */
@Timeout(120)
class RequestCostTest {
    /** GETs between the short and the long run. */
    private static final int GETS = 1_000;
    /**
     * Whether a fresh connection's first request is already there when the server first tries to
     * receive is a race, so each run may make one receive and one poll more or fewer: per GET
     * that is at most 2 calls in GETS, for one call kind or for the total. (The 1e-9 is for
     * rounding only: 1.0 - 998/1000 is 0.0020000000000000018 in doubles, which failed a run
     * that was off by exactly the 2 calls allowed.)
     */
    private static final double RACE = 2.0 / GETS + 1e-9;

    @Test
    void aKeepAliveGetCostsOnePollOneReceiveOneSendOneClockReadAndFewInstructions() throws Exception {
        RequestCost.PerGet cost = RequestCost.measure(Backend.NATIVE.httpdBytes(), 50, 50 + GETS);
        System.out.println("native, per GET: " + cost);
        assertEquals(1.0, cost.wasiByName().get("poll_oneoff"), RACE, cost.toString());
        assertEquals(1.0, cost.wasiByName().get("sock_recv"), RACE, cost.toString());
        assertEquals(1.0, cost.wasiByName().get("sock_send"), RACE, cost.toString());
        assertEquals(1.0, cost.wasiByName().get("clock_time_get"), RACE, cost.toString());
        assertEquals(4.0, cost.wasiCalls(), 2 * RACE, cost.toString());
        assertTrue(cost.instructions() < 1_700, cost.toString()); // 1,435 when written, 14,003 before
        assertTrue(cost.bytes() < 8_192, cost.toString());        // 2,440 when written, 22,521 before
    }
}
