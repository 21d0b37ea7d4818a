package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Section (b) end to end on the real interpreter, with no warm-up and one batch per figure. */
class LifecycleTest {
    @Test
    void everyStepIsMeasuredOnWeftNextToItsTarget() {
        Path root = Path.of("..").toAbsolutePath().normalize(); // surefire runs in benchmarks/
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), System::nanoTime,
                Lifecycle.STEPS);
        Section s = new Lifecycle(progress, 1, 0).run(root);
        assertEquals(List.of("weft", Lifecycle.TARGET), List.copyOf(s.series()));
        assertEquals(Lifecycle.STEPS, s.rows().size(), s.rows().toString());
        for (String row : s.rows()) {
            Measurement weft = s.find(row, "weft").orElseThrow();
            assertEquals(Measurement.Status.OK, weft.status(), row + ": " + weft.message());
            assertEquals(1, weft.samples().size());
            assertTrue(weft.samples().getFirst() > 0, row);
            assertEquals(Measurement.Status.REFERENCE, s.find(row, Lifecycle.TARGET).orElseThrow().status());
        }
        assertTrue(s.rows().stream().anyMatch(r -> r.startsWith("instantiate: guests/build/hello-asyncify.wasm (")),
                s.rows().toString());
        for (String pooled : List.of("pooled (heap): acquire: hello.wat (", "pooled (heap): acquire: guests/build/hello-asyncify.wasm (",
                "pooled (mapped): acquire: hello.wat (", "shared linker: instantiate: hello.wat (")) {
            assertTrue(s.rows().stream().anyMatch(r -> r.startsWith(pooled)), pooled + " in " + s.rows());
        }
        assertTrue(s.rows().containsAll(List.of("teardown: close()", "pooled (heap): teardown: close() with reset",
                "pooled (mapped): teardown: close() with reset", "pooled (heap): enter + return: noop()")),
                s.rows().toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("[16/16 "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theResourceModulesEncode() {
        byte[] nothing = Lifecycle.resourceWasm("nothing.wat");
        assertEquals(0, nothing[0]);
        assertEquals('a', nothing[1]);
        assertTrue(Lifecycle.resourceWasm("hello.wat").length > nothing.length);
    }
}
