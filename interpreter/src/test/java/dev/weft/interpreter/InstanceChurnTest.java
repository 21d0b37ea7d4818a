package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.InstanceChurn.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 instances created and closed in a loop keep the process's resident memory flat (issue
 * 14): fresh ones and pooled ones, with heap and with mapped memories. Each fills its 64 KiB
 * memory, so 10,000 memories never given back would be 625 MiB more resident. The loop runs in
 * a JVM of its own ({@link InstanceChurn}) with a fixed heap written up front
 * ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}): the heap then adds nothing to VmRSS as it is
 * used (in the test JVM, the collector's first use of committed heap pages grew VmRSS by 500 MB
 * in one run), memories kept on the heap would exhaust it (an OutOfMemoryError fails the run),
 * and mapped memories never given back would show as VmRSS growth. VmRSS is read from
 * /proc/self/status after a warm-up of the same loop and every 500 instances after it.
 */
class InstanceChurnTest {
    static final int INSTANCES = 10_000;
    static final int WARM_UP = 1_000;
    /** Growth allowed after the warm-up: a tenth of what the loop's memories add up to. */
    static final long BOUND_KIB = INSTANCES * 64L / 10;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void residentMemoryStaysFlat(Scenario scenario) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")),
                "/proc/self/status is absent: RSS cannot be sampled on this system");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                InstanceChurn.class.getName(), scenario.name(), String.valueOf(WARM_UP), String.valueOf(INSTANCES))
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), scenario + ": the loop did not end within 120 s");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), scenario + " failed:\n" + out);
        List<String> rss = out.lines().filter(l -> l.startsWith("rss ")).toList();
        assertEquals(1, rss.size(), out);
        String[] kib = rss.getFirst().split(" ");
        long growth = Long.parseLong(kib[2]) - Long.parseLong(kib[1]);
        System.out.println(scenario + ": VmRSS " + kib[1] + " KiB after the warm-up, at most " + kib[2] + " KiB over "
                + INSTANCES + " instances (+" + growth + " KiB)");
        assertTrue(growth < BOUND_KIB, scenario + ": VmRSS grew by " + growth + " KiB over " + INSTANCES
                + " instances (bound " + BOUND_KIB + " KiB)");
    }
}
