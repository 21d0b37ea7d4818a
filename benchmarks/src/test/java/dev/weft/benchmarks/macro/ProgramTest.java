package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramTest {
    /** The small and full runs of guests/check/expected.py with its expected outputs. */
    @Test
    void expectedOutputsAgreeWithGuestsCheckExpectedPy() {
        assertEquals("Hello World", Program.HELLO.expected(List.of()));
        assertEquals("55", Program.GENERATOR.expected(List.of("10")));
        assertEquals("29", Program.SIEVE.expected(List.of("10")));
        assertEquals("100", Program.C10M.expected(List.of("100", "10")));
        assertEquals("4950", Program.SKYNET.expected(List.of("2")));
        assertEquals("500000500000", Program.GENERATOR.expected(List.of()));
        assertEquals("82891", Program.SIEVE.expected(List.of()));
        assertEquals("10000000", Program.C10M.expected(List.of()));
        assertEquals("499999500000", Program.SKYNET.expected(List.of()));
    }

    @Test
    void nthPrimeCountsFromOne() {
        assertEquals(2, Program.nthPrime(1));
        assertEquals(3, Program.nthPrime(2));
        assertEquals(541, Program.nthPrime(100));
        assertThrows(IllegalArgumentException.class, () -> Program.nthPrime(0));
    }

    @Test
    void everyModeHasArgumentsWithAnExpectedOutput() {
        for (Program p : Program.values()) {
            for (Mode m : Mode.values()) {
                assertEquals(false, p.expected(p.args(m)).isEmpty(), p + " " + m);
            }
        }
        assertEquals("sieve 1000", Program.SIEVE.invocation(Mode.DEFAULT));
        assertEquals("hello", Program.HELLO.invocation(Mode.FULL));
        assertEquals("guests/build/c10m-wasmfx.wasm", Program.C10M.wasm(Backend.WASMFX));
    }
}
