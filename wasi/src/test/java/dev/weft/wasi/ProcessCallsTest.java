package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Arguments, environment, clocks, randomness and sched_yield. */
class ProcessCallsTest {
    private static final long MEMORY_SIZE = 65536;

    private static WasiGuest guest(WasiConfig.Builder b) throws Exception {
        return new WasiGuest(b.build());
    }

    @Test
    void argsSizesCountTheArgumentsAndTheirNulTerminatedBytes() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().args("prog", "héllo", ""));
        assertEquals(0, g.call("args_sizes_get", 100, 104));
        assertEquals(3, g.i32(100));
        assertEquals(5 + 7 + 1, g.i32(104));
    }

    @Test
    void argsGetWritesPointersToNulTerminatedStrings() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().args("prog", "x y"));
        assertEquals(0, g.call("args_get", 100, 200));
        assertEquals(200, g.i32(100));
        assertEquals(205, g.i32(104));
        assertEquals("prog\0x y\0", g.string(200, 9));
    }

    @Test
    void environGetWritesKeyValueStringsInOrder() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().env("A", "1").env("PATH", "/bin"));
        assertEquals(0, g.call("environ_sizes_get", 100, 104));
        assertEquals(2, g.i32(100));
        assertEquals(4 + 10, g.i32(104));
        assertEquals(0, g.call("environ_get", 120, 200));
        assertEquals("A=1\0PATH=/bin\0", g.string(200, 14));
        assertEquals(204, g.i32(124));
    }

    @Test
    void anEmptyEnvironmentHasNoStrings() throws Exception {
        WasiGuest g = guest(WasiConfig.builder());
        assertEquals(0, g.call("environ_sizes_get", 100, 104));
        assertEquals(0, g.i32(100));
        assertEquals(0, g.i32(104));
    }

    @Test
    void resultPointersOutOfBoundsGiveEfault() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().args("prog"));
        assertEquals(WasiErrno.FAULT, g.call("args_sizes_get", MEMORY_SIZE - 2, 104));
        assertEquals(WasiErrno.FAULT, g.call("args_get", 100, MEMORY_SIZE - 3));
        assertEquals(WasiErrno.FAULT, g.call("args_get", -4, 200));
        assertEquals(WasiErrno.FAULT, g.call("clock_time_get", 0, 0, MEMORY_SIZE - 4));
        assertEquals(WasiErrno.FAULT, g.call("random_get", MEMORY_SIZE - 8, 16));
    }

    @Test
    void realtimeAndMonotonicClocksComeFromTheConfig() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().realtimeClock(() -> 1_700_000_000_123_456_789L).monotonicClock(() -> 42));
        assertEquals(0, g.call("clock_time_get", 0, 1, 100));
        assertEquals(1_700_000_000_123_456_789L, g.i64(100));
        assertEquals(0, g.call("clock_time_get", 1, 1, 100));
        assertEquals(42, g.i64(100));
    }

    @Test
    void cpuTimeClocksArePositive() throws Exception {
        WasiGuest g = guest(WasiConfig.builder());
        assertEquals(0, g.call("clock_time_get", 2, 1, 100));
        assertTrue(g.i64(100) > 0);
        assertEquals(0, g.call("clock_time_get", 3, 1, 100));
        assertTrue(g.i64(100) > 0);
    }

    @Test
    void theDefaultClocksAdvance() throws Exception {
        WasiGuest g = guest(WasiConfig.builder());
        assertEquals(0, g.call("clock_time_get", 0, 1, 100));
        assertTrue(g.i64(100) > 1_600_000_000_000_000_000L, "realtime is past 2020");
        assertEquals(0, g.call("clock_time_get", 1, 1, 100));
        long first = g.i64(100);
        assertEquals(0, g.call("clock_time_get", 1, 1, 100));
        assertTrue(g.i64(100) >= first);
    }

    @Test
    void clockResolutionsArePositiveAndAnUnknownClockIsEinval() throws Exception {
        WasiGuest g = guest(WasiConfig.builder());
        for (int id = 0; id < 4; id++) {
            assertEquals(0, g.call("clock_res_get", id, 100));
            assertTrue(g.i64(100) > 0);
        }
        assertEquals(WasiErrno.INVAL, g.call("clock_res_get", 4, 100));
        assertEquals(WasiErrno.INVAL, g.call("clock_time_get", 9, 1, 100));
    }

    @Test
    void randomGetFillsTheBufferFromTheConfiguredSource() throws Exception {
        WasiGuest g = guest(WasiConfig.builder().random(new Random(7)));
        byte[] expected = new byte[16];
        new Random(7).nextBytes(expected);
        assertEquals(0, g.call("random_get", 300, 16));
        assertArrayEquals(expected, g.memory.read(300, 16));
    }

    @Test
    void schedYieldSucceeds() throws Exception {
        assertEquals(0, guest(WasiConfig.builder()).call("sched_yield"));
    }
}
