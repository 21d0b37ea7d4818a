package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The differential fuzzer's minimised findings: every {@code regressions/NAME.wat} is run by
 * Weft in both tiers and must print what binaryen printed for it, recorded in
 * {@code regressions/NAME.binaryen.txt} ({@code wasm-opt NAME.wat -all --fuzz-exec-before}, never
 * Weft's output). When wasm-opt is installed, the recording is also checked against a fresh run of
 * binaryen. Each .wat says what was wrong and whether the engine or the fuzzer was at fault.
 */
class RegressionsTest {
    private static List<Path> modules() throws IOException, URISyntaxException {
        Path dir = Path.of(RegressionsTest.class.getResource("/regressions").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".wat")).sorted().toList();
        }
    }

    private WasmOpt wasmOptInUse;

    @AfterEach
    void closeWasmOpt() {
        if (wasmOptInUse != null) {
            wasmOptInUse.close();
        }
    }

    @TestFactory
    List<DynamicTest> everyRegressionModuleAgreesWithBinaryenInBothTiers() throws Exception {
        List<Path> modules = modules();
        assertFalse(modules.isEmpty(), "no regressions/*.wat on the test class path");
        Optional<WasmOpt> wasmOpt = Toolchain.locate().filter(t -> t.wasmOpt().isPresent())
                .map(t -> WasmOpt.open(t, false));
        wasmOpt.ifPresent(w -> wasmOptInUse = w);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wat : modules) {
            String name = wat.getFileName().toString().replace(".wat", "");
            String text = Files.readString(wat, StandardCharsets.UTF_8);
            List<String> expected = Files.readAllLines(wat.resolveSibling(name + ".binaryen.txt"), StandardCharsets.UTF_8);
            if (wasmOpt.isPresent()) {
                tests.add(DynamicTest.dynamicTest(name + ": recording is binaryen's", () -> {
                    WasmOpt.Result r = wasmOpt.get().run(List.of("@in", "-all", "--fuzz-exec-before", "-q", "-o", "/dev/null"),
                            text.getBytes(StandardCharsets.UTF_8), 120);
                    assertEquals(String.join("\n", expected), new String(r.stdout(), StandardCharsets.UTF_8).strip());
                }));
            }
            for (Tier tier : Tier.values()) {
                tests.add(DynamicTest.dynamicTest(name + " (" + tier.label() + ")", () -> {
                    List<String> weft = FuzzingSupport.run(BinaryEncoder.encode(WatParser.parseModule(text)), tier);
                    assertEquals(Optional.empty(), OutputComparison.firstDifference(expected, weft), String.join("\n", weft));
                }));
            }
        }
        return tests;
    }
}
