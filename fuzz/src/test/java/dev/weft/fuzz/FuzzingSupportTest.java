package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fuzzing-support imports behave as in binaryen: a module using each of them, run by Weft,
 * gives the output that binaryen 132's {@code wasm-opt -all --fuzz-exec-before} printed for the
 * same module (fuzzing-support.binaryen.txt, recorded from wasm-opt, not from Weft).
 */
class FuzzingSupportTest {
    private static String resource(String name) throws Exception {
        try (InputStream in = FuzzingSupportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void weftPrintsWhatBinaryenPrintedForEveryImport(Tier tier) throws Exception {
        byte[] wasm = BinaryEncoder.encode(WatParser.parseModule(resource("fuzzing-support.wat")));
        List<String> binaryen = resource("fuzzing-support.binaryen.txt").lines().toList();
        List<String> weft = FuzzingSupport.run(wasm, tier);
        assertEquals(Optional.empty(), OutputComparison.firstDifference(binaryen, weft), String.join("\n", weft));
        assertTrue(weft.contains("[LoggingExternalInterface logging 2 -1]"), "i64 logged as low, high: " + weft);
        assertTrue(weft.contains("[exception thrown: imported-js-tag jserror]"), weft.toString());
        assertTrue(weft.contains("[fuzz-exec] note result: catching => 1"), weft.toString());
    }

    @Test
    void aDifferentLogValueResultOrOutcomeIsAMismatch() {
        List<String> b = List.of("[fuzz-exec] export f", "[LoggingExternalInterface logging 0.10000000149011612]",
                "[fuzz-exec] note result: f => 3", "[trap unreachable]");
        List<String> same = List.of("[fuzz-exec] export f", "[LoggingExternalInterface logging <f32>0.10000000149011612]",
                "[fuzz-exec] note result: f => 3", "[trap unreachable executed]");
        assertEquals(Optional.empty(), OutputComparison.firstDifference(b, same));
        assertTrue(OutputComparison.firstDifference(b, List.of("[fuzz-exec] export f",
                "[LoggingExternalInterface logging <f64>0.1]", "[fuzz-exec] note result: f => 3", "[trap x]")).isPresent(),
                "0.1 as f64 is not the f32 nearest 0.1");
        assertTrue(OutputComparison.firstDifference(b, List.of("[fuzz-exec] export f",
                "[LoggingExternalInterface logging <f32>0.10000000149011612]", "[fuzz-exec] note result: f => 4",
                "[trap x]")).isPresent());
        assertTrue(OutputComparison.firstDifference(b, List.of("[fuzz-exec] export f",
                "[LoggingExternalInterface logging <f32>0.10000000149011612]", "[fuzz-exec] note result: f => 3",
                "[exception thrown: imported-js-tag jserror]")).isPresent());
        assertTrue(OutputComparison.firstDifference(b, same.subList(0, 3)).isPresent(), "a missing line");
    }

    @Test
    void theModulesOwnTagsAndObjectsAreComparedByKind() {
        assertEquals(Optional.empty(), OutputComparison.firstDifference(
                List.of("[exception thrown: tag$1 object(null)]"), List.of("[exception thrown: wasm-tag object]")));
        assertTrue(OutputComparison.firstDifference(List.of("[exception thrown: tag$1 5]"),
                List.of("[exception thrown: wasm-tag 6]")).isPresent(), "the payload is compared");
        assertTrue(OutputComparison.firstDifference(List.of("[exception thrown: tag$1 5]"),
                List.of("[exception thrown: imported-wasm-tag 5]")).isPresent(), "an imported tag is not the module's own");
    }

    @Test
    void nanEqualsAnyNanAndOnlyNan() {
        List<String> b = List.of("[LoggingExternalInterface logging nan:0x400000]");
        assertEquals(Optional.empty(), OutputComparison.firstDifference(b, List.of("[LoggingExternalInterface logging <f32>nan]")));
        assertTrue(OutputComparison.firstDifference(b, List.of("[LoggingExternalInterface logging <f32>inf]")).isPresent());
    }
}
