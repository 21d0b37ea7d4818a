package dev.weft.benchmarks.macro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed report data for the rendering tests. */
final class ReportFixture {
    private ReportFixture() {}

    static Section wall() {
        return new Section("wall", "(a) Guest programs", "s", "weft")
                .add(Measurement.ok("sieve 100", "asyncify", "weft", List.of(1.0, 2.0, 3.0)))
                .add(Measurement.ok("sieve 100", "asyncify", "node", List.of(0.5, 0.25, 0.75)))
                .add(Measurement.ok("sieve 100", "asyncify", "chicory", List.of(4.0, 4.0, 4.0)))
                .add(Measurement.failed("sieve 100", "native", "weft", "weft: unknown import: \"weft_fiber\" (exit code 1)"))
                .add(Measurement.ok("sieve 100", "native", "node", List.of(8.0, 8.0, 8.0)))
                .add(Measurement.ok("skynet 3", "asyncify", "weft", List.of(2.0)))
                .add(Measurement.ok("skynet 3", "asyncify", "node", List.of(4.0)))
                .add(Measurement.skipped("skynet 3", "asyncify", "chicory", "chicory skipped: build it | somehow"))
                .note("A note.")
                .command("java -jar cli/target/weft.jar run guests/build/sieve-asyncify.wasm 100");
    }

    static Section sizes() {
        return new Section("size", "(d) Sizes", "bytes", "")
                .add(Measurement.ok("hello", "", "native", List.of(25731.0)))
                .add(Measurement.ok("hello", "", "wasmfx", List.of(28614.0)));
    }

    static Report report() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("CPU", "Test CPU, 2 logical CPUs");
        return new Report("./weft bench --quick", "quick", Map.of("mode", "quick"), "2026-01-01 00:00:00 UTC",
                "2026-01-01 00:02:00 UTC", machine, Map.of("Node", "v26.10.0"),
                List.of("chicory-compiler skipped: benchmarks/target/benchmarks.jar not found; build it"),
                List.of(wall(), sizes()));
    }
}
