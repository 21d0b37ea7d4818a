package dev.weft.interpreter;

import static dev.weft.interpreter.Value.i32;
import static dev.weft.interpreter.WatTesting.call1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.stackpool.PoolStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Continuation stacks come from the process-wide stack pool ({@code weft.stackPool}): its
 * counters are the real stacks, dropped suspended continuations give their stacks back, and the
 * mode property selects the pool. Counts that depend on the whole process (the high-water
 * mark, the mode) are checked in a child JVM of their own.
 */
class StackPoolUseTest {
    private static Instance inst;

    @BeforeAll
    static void setUp() throws Exception {
        inst = StackSwitchingTest.instance();
    }

    /** In a child JVM: runs {@code many(args[0])} and prints the stats line. */
    public static void main(String[] args) throws Exception {
        setUp();
        int n = Integer.parseInt(args[0]);
        if (call1(inst, "many", i32(n)).asInt() != n) {
            throw new AssertionError("many(" + n + ") went wrong");
        }
        System.out.println(Continuation.statsLine());
    }

    private static String child(String poolProperty, int n) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"));
        if (poolProperty != null) {
            pb.command().add("-Dweft.stackPool=" + poolProperty);
        }
        pb.command().add(StackPoolUseTest.class.getName());
        pb.command().add(Integer.toString(n));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    private static long counter(String line, String name) {
        Matcher m = Pattern.compile(name + " (\\d+)").matcher(line);
        assertTrue(m.find(), name + " in " + line);
        return Long.parseLong(m.group(1));
    }

    @Test
    void aMillionContinuationsOneAfterAnotherKeepThePoolsHighWaterMarkSmall() throws Exception {
        String line = child(null, 1_000_000);
        assertTrue(line.contains("stack pool (heap)"), line);
        assertEquals(1_000_000, counter(line, "created"));
        assertEquals(1_000_000, counter(line, "completed"));
        // the embedder's root stack and one continuation stack, reused through the thread's cache
        assertTrue(counter(line, "high-water") <= 4, line);
        assertTrue(counter(line, "acquired") <= 4, line);
    }

    @Test
    void theNativeModeTakesGuardPagedSlotsAndStillReusesThem() throws Exception {
        String line = child("native", 10_000);
        assertTrue(line.contains("stack pool (native)"), line);
        assertTrue(counter(line, "high-water") <= 4, line);
    }

    @Test
    void theUnpooledModeMapsAStackForEveryContinuation() throws Exception {
        String line = child("unpooled", 1_000);
        assertTrue(line.contains("stack pool (unpooled)"), line);
        assertTrue(counter(line, "acquired") >= 1_000, line);
        assertTrue(counter(line, "high-water") <= 4, line);
    }

    @Test
    void droppedSuspendedContinuationsGiveTheirStacksBackWhenUnreachable() throws Exception {
        int n = 20_000;
        call1(inst, "many", i32(1)); // this thread's root stack exists from now on
        PoolStats before = Continuation.stats().pool();
        long reclaimedBefore = Continuation.stats().reclaimed();
        inst.function("park-and-drop").call(i32(n));
        PoolStats parked = Continuation.stats().pool();
        // The GC may already have run and the Cleaner given some back while the loop was parking
        // the rest: each parked stack is either still in use or counted as reclaimed.
        long reclaimedWhileParking = Continuation.stats().reclaimed() - reclaimedBefore;
        assertTrue(parked.inUse() + reclaimedWhileParking >= before.inUse() + n - 64,
                "in use " + parked.inUse() + " and reclaimed " + reclaimedWhileParking + " after parking " + n);
        // The stacks are unreachable now; the Cleaner gives them back once the GC has seen that.
        // The bound only guards against a hang: the loop ends as soon as they are back.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Continuation.stats().reclaimed() - reclaimedBefore < n && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        PoolStats after = Continuation.stats().pool();
        assertTrue(Continuation.stats().reclaimed() - reclaimedBefore >= n,
                "reclaimed " + (Continuation.stats().reclaimed() - reclaimedBefore) + " of " + n);
        assertTrue(after.inUse() <= before.inUse(), "in use " + after.inUse() + ", before " + before.inUse());
    }
}
