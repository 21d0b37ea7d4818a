package dev.weft.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.text.WatParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole WASI programs (hand-written WAT under {@code resources/wasi}) run as commands. */
class WasiCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    static Module resource(String name) throws Exception {
        try (InputStream in = WasiCommandTest.class.getResourceAsStream("/wasi/" + name)) {
            return WatParser.parseModule(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private int run(String name, WasiConfig.Builder config) throws Exception {
        return WasiCommand.run(resource(name), config.stdout(stdout).build());
    }

    private String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helloWritesToTheConfiguredStdoutAndExitsWithZero() throws Exception {
        assertEquals(0, run("hello.wat", WasiConfig.builder()));
        assertEquals("Hello, WASI!\n", out());
    }

    @Test
    void procExitCodeBecomesTheResult() throws Exception {
        assertEquals(3, run("echo.wat", WasiConfig.builder().args("echo", "one", "two", "three")));
        assertEquals("one two three\n", out());
    }

    @Test
    void echoWithoutArgumentsPrintsAnEmptyLine() throws Exception {
        assertEquals(0, run("echo.wat", WasiConfig.builder().args("echo")));
        assertEquals("\n", out());
    }

    @Test
    void catCopiesAFileFromAPreopenInChunks() throws Exception {
        String text = "line one of the input file\n".repeat(10);
        Files.writeString(dir.resolve("input.txt"), text);
        assertEquals(0, run("cat.wat", WasiConfig.builder().preopen(dir, "/data")));
        assertEquals(text, out());
    }

    @Test
    void catExitsWithTheErrnoOfAMissingFileOrPreopen() throws Exception {
        assertEquals(WasiErrno.NOENT, run("cat.wat", WasiConfig.builder().preopen(dir, "/data")));
        assertEquals(WasiErrno.BADF, run("cat.wat", WasiConfig.builder()));
    }

    @Test
    void unknownNamesAndMistypedImportsLinkAsEnosysStubs() throws Exception {
        assertEquals(2 * WasiErrno.NOSYS, run("stubs.wat", WasiConfig.builder()));
    }

    @Test
    void aTrapIsNotAnExit() throws Exception {
        Module m = WatParser.parseModule("""
                (module (import "wasi_snapshot_preview1" "sched_yield" (func (result i32)))
                  (memory (export "memory") 1) (func (export "_start") unreachable))""");
        Trap t = assertThrows(Trap.class, () -> WasiCommand.run(m, WasiConfig.builder().build()));
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertNull(WasiExit.find(t));
    }

    @Test
    void procExitInTheStartFunctionIsAnExitToo() throws Exception {
        Module m = WatParser.parseModule("""
                (module (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
                  (memory (export "memory") 1) (func $init (call $exit (i32.const 7))) (start $init)
                  (func (export "_start") unreachable))""");
        assertEquals(7, WasiCommand.run(m, WasiConfig.builder().build()));
    }

    @Test
    void aModuleWithoutMemoryOrStartIsRefused() throws Exception {
        Module noMemory = WatParser.parseModule("(module (func (export \"_start\")))");
        assertThrows(IllegalArgumentException.class, () -> WasiCommand.run(noMemory, WasiConfig.builder().build()));
        Module noStart = WatParser.parseModule("(module (memory (export \"memory\") 1))");
        assertThrows(IllegalArgumentException.class, () -> WasiCommand.run(noStart, WasiConfig.builder().build()));
    }

    @Test
    void procExitReachesTheEmbedderWrappedInAHostTrap() throws Exception {
        Linker linker = new Linker();
        Wasi wasi = Wasi.define(linker, WasiConfig.builder().build());
        Instance inst = linker.instantiate(CompiledModule.compile(resource("echo.wat")));
        wasi.bind(inst);
        Trap t = assertThrows(Trap.class, () -> inst.function("_start").call());
        assertEquals(TrapKind.HOST, t.kind());
        assertEquals(-1, WasiExit.find(t).code());
        assertSame(WasiExit.find(t), WasiExit.find(t.getCause()));
    }

    @Test
    void withoutBindWasiUsesTheCallersExportedMemory() throws Exception {
        Linker linker = new Linker();
        Wasi.define(linker, WasiConfig.builder().stdout(stdout).build());
        Instance inst = linker.instantiate(CompiledModule.compile(resource("hello.wat")));
        inst.function("_start").call();
        assertEquals("Hello, WASI!\n", out());
    }

    @Test
    void wasiWithNoMemoryToUseIsAHostTrapNamingBind() throws Exception {
        Linker linker = new Linker();
        Wasi.define(linker, WasiConfig.builder().build());
        Instance inst = linker.instantiate(CompiledModule.compile(WatParser.parseModule("""
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (memory 1)
                  (func (export "_start") (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
                """)));
        Trap t = assertThrows(Trap.class, () -> inst.function("_start").call());
        assertEquals(TrapKind.HOST, t.kind());
        assertTrue(t.getMessage().contains("exports no \"memory\"") && t.getMessage().contains("bind"), t.getMessage());
    }

    @Test
    void importsTellsWhetherAModuleUsesWasi() throws Exception {
        assertTrue(Wasi.imports(resource("hello.wat")));
        assertEquals(false, Wasi.imports(WatParser.parseModule("(module)")));
    }

    @Test
    void aPreopenThatIsNotADirectoryIsRefusedUpFront() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "");
        WasiConfig config = WasiConfig.builder().preopen(file, "f").build();
        assertThrows(IllegalArgumentException.class, () -> new Wasi(config));
        WasiConfig missing = WasiConfig.builder().preopen(dir.resolve("nope").toString()).build();
        assertThrows(IllegalArgumentException.class, () -> new Wasi(missing));
    }

    @Test
    void aPreopenSpecSplitsHostAndGuestNames() {
        assertEquals(new WasiConfig.Preopen(Path.of("/tmp/x"), "/data"), WasiConfig.Preopen.parse("/tmp/x::/data"));
        assertEquals(new WasiConfig.Preopen(Path.of("."), "."), WasiConfig.Preopen.parse("."));
    }
}
