package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent wasm-opt driver gives what a wasm-opt process gives: both are run on the same
 * inputs and compared byte for byte. Needs Node 26 and npm's binaryen in guests/.tools
 * (guests/install-toolchain.sh); skipped without them.
 */
class WasmOptDriverTest {
    private static Toolchain tools() {
        Optional<Toolchain> tools = Toolchain.locate()
                .filter(t -> t.node().isPresent() && t.binaryenScript("wasm-opt").isPresent());
        assumeTrue(tools.isPresent(), "Node 26 or npm's binaryen is not installed, the driver test is skipped: "
                + Toolchain.INSTALL_HINT);
        return tools.get();
    }

    private static void assertSameResult(WasmOpt.Result expected, WasmOpt.Result actual, String what) {
        assertEquals(expected.status(), actual.status(), what + ": exit status");
        assertEquals(new String(expected.stdout(), StandardCharsets.UTF_8), new String(actual.stdout(), StandardCharsets.UTF_8),
                what + ": stdout");
        assertArrayEquals(expected.output(), actual.output(), what + ": output file");
    }

    @Test
    void modulesAndInterpreterOutputAreByteIdenticalToSpawnedWasmOpt() throws IOException {
        Toolchain tools = tools();
        try (WasmOpt spawned = new SpawnedWasmOpt(tools.wasmOptCommand().orElseThrow());
                WasmOpt driver = WasmOptDriver.start(tools)) {
            // one run per case both generates (-ttf, the module is compared) and interprets
            // (--fuzz-exec-before, its output is compared): a spawn costs about a second
            for (FeatureSet features : FeatureSet.values()) {
                long index = features.ordinal();
                String what = features.label() + " case " + index;
                byte[] entropy = DifferentialFuzzer.entropy(5, index);
                List<String> args = new java.util.ArrayList<>(Binaryen.generateArgs(features, true));
                args.add("--fuzz-exec-before");
                WasmOpt.Result expected = spawned.run(args, entropy, 120);
                assertEquals(0, expected.status(), what);
                assertNotNull(expected.output(), what);
                assertTrue(new String(expected.stdout(), StandardCharsets.UTF_8).contains("[fuzz-exec]"), what);
                assertSameResult(expected, driver.run(args, entropy, 120), what);
            }
        }
    }

    @Test
    void failuresGiveTheSameStatusAndMessage() throws IOException {
        Toolchain tools = tools();
        byte[] garbage = "not a module".getBytes(StandardCharsets.UTF_8);
        try (WasmOpt spawned = new SpawnedWasmOpt(tools.wasmOptCommand().orElseThrow());
                WasmOpt driver = WasmOptDriver.start(tools)) {
            List<String> args = List.of("@in", "-o", "@out");
            WasmOpt.Result expected = spawned.run(args, garbage, 60);
            WasmOpt.Result actual = driver.run(args, garbage, 60);
            assertTrue(expected.status() != 0, "a text module that does not parse fails");
            assertSameResult(expected, actual, "garbage");
            // the input file's path differs (the driver has its own)
            assertEquals(expected.firstErrorLine().replaceAll("/\\S*/in\\b", "IN"),
                    actual.firstErrorLine().replaceAll("/\\S*/in\\b", "IN"));
        }
    }

    /** A run that blocks (reading a FIFO nobody writes) is killed at its bound; the next run starts a new driver. */
    @Test
    void aRunPastItsBoundKillsTheDriverAndTheNextRunStartsAnother(@TempDir Path dir) throws Exception {
        Toolchain tools = tools();
        Path fifo = dir.resolve("never-written");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
        try (WasmOptDriver driver = WasmOptDriver.start(tools)) {
            IOException e = assertThrows(IOException.class, () -> driver.run(List.of(fifo.toString()), new byte[0], 1));
            assertTrue(e.getMessage().contains("no answer within 1 s"), e.getMessage());
            assertEquals(1, driver.restarts());
            WasmOpt.Result r = driver.run(List.of("--version"), new byte[0], 60);
            assertEquals(0, r.status());
            assertTrue(new String(r.stdout(), StandardCharsets.UTF_8).startsWith("wasm-opt version"),
                    new String(r.stdout(), StandardCharsets.UTF_8));
        }
    }

    /** Without Node 26 the driver cannot start and each run spawns wasm-opt; --spawn asks for that anyway. */
    @Test
    void openFallsBackToSpawningWhenTheDriverCannotStart(@TempDir Path home) throws Exception {
        Path bin = Files.createDirectories(home.resolve("guests/.tools/node_modules/.bin"));
        Path wasmOpt = Files.writeString(bin.resolve("wasm-opt"), "#!/bin/sh\nexit 0\n");
        assertTrue(wasmOpt.toFile().setExecutable(true));
        try (WasmOpt w = WasmOpt.open(new Toolchain(home), false)) {
            assertInstanceOf(SpawnedWasmOpt.class, w, "no Node 26 in " + home);
        }
        Toolchain tools = tools();
        try (WasmOpt w = WasmOpt.open(tools, true)) {
            assertInstanceOf(SpawnedWasmOpt.class, w, "--spawn");
        }
        try (WasmOpt w = WasmOpt.open(tools, false)) {
            assertInstanceOf(WasmOptDriver.class, w);
        }
    }
}
