package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {
    @Test
    void oddCountTakesTheMiddleOfTheSortedSamples() {
        Summary s = Summary.of(List.of(5.0, 1.0, 3.0, 9.0, 2.0));
        assertEquals(new Summary(3.0, 1.0, 9.0, 5), s);
    }

    @Test
    void evenCountTakesTheMeanOfTheTwoMiddleSamples() {
        Summary s = Summary.of(List.of(4.0, 1.0, 2.0, 10.0));
        assertEquals(3.0, s.median());
        assertEquals(1.0, s.min());
        assertEquals(10.0, s.max());
    }

    @Test
    void oneSampleIsItsOwnMedianMinAndMax() {
        assertEquals(new Summary(0.25, 0.25, 0.25, 1), Summary.of(List.of(0.25)));
    }

    @Test
    void theSamplesAreNotReordered() {
        List<Double> samples = new java.util.ArrayList<>(List.of(3.0, 1.0, 2.0));
        Summary.of(samples);
        assertEquals(List.of(3.0, 1.0, 2.0), samples);
    }

    @Test
    void noSamplesOrNaNAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Summary.of(List.of(1.0, Double.NaN)));
    }
}
