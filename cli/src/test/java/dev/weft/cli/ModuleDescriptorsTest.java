package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library modules' built descriptors (their jars, or class directories in a reactor build
 * that stops before packaging), as a module-path user sees them: each exports its API packages
 * to everyone and engine packages only to the Weft modules that need them. The tests run on the
 * class path, so this is where the descriptors are checked.
 */
class ModuleDescriptorsTest {
    /** A class of each library module, to find where the module was built. */
    private static final Map<String, Class<?>> MODULES = Map.of(
            "dev.weft.stackpool", dev.weft.stackpool.StackPool.class,
            "dev.weft.continuations", dev.weft.continuations.ContRef.class,
            "dev.weft.interpreter", dev.weft.interpreter.Instance.class,
            "dev.weft.wasi", dev.weft.wasi.Wasi.class,
            "dev.weft.wast", dev.weft.wast.WastParser.class,
            "dev.weft.fibers", dev.weft.fibers.WeftFiber.class,
            "dev.weft.waeio", dev.weft.waeio.WaeioServer.class);

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor(String name) throws URISyntaxException {
        Path where = location(MODULES.get(name));
        Set<ModuleReference> found = ModuleFinder.of(where).findAll();
        assertEquals(1, found.size(), where + " holds one module");
        ModuleDescriptor d = found.iterator().next().descriptor();
        assertEquals(name, d.name(), where + " holds " + d.name());
        assertTrue(!d.isAutomatic(), where + " has no module-info (an automatic module)");
        return d;
    }

    /** Package → "*" for an export to everyone, else the sorted target modules. */
    private static Map<String, String> exports(String module) throws URISyntaxException {
        Map<String, String> out = new TreeMap<>();
        for (ModuleDescriptor.Exports e : descriptor(module).exports()) {
            out.put(e.source(), e.isQualified() ? String.join(",", new TreeSet<>(e.targets())) : "*");
        }
        return out;
    }

    @Test
    void eachLibraryModuleExportsItsApiAndEngineInternalsOnlyToWeftModules() throws Exception {
        assertEquals(Map.of("dev.weft.stackpool", "*"), exports("dev.weft.stackpool"));
        assertEquals(Map.of("dev.weft.continuations", "*"), exports("dev.weft.continuations"));
        // ast is exported because the API's signatures use its types (ValType, CompositeType.Func,
        // Module, the memory, table and global types): see the interpreter's module-info
        assertEquals(Map.of(
                "dev.weft.interpreter", "*",
                "dev.weft.interpreter.ast", "*",
                "dev.weft.interpreter.binary", "dev.weft.wast",
                "dev.weft.interpreter.exec.gc", "dev.weft.wast",
                "dev.weft.interpreter.text", "dev.weft.wast"), exports("dev.weft.interpreter"));
        assertEquals(Map.of("dev.weft.wasi", "*"), exports("dev.weft.wasi"));
        assertEquals(Map.of("dev.weft.wast", "*"), exports("dev.weft.wast"));
        assertEquals(Map.of("dev.weft.fibers", "*"), exports("dev.weft.fibers"));
        assertEquals(Map.of("dev.weft.waeio", "*"), exports("dev.weft.waeio"));
    }

    @Test
    void engineInternalsAreNeverExportedToEveryone() throws Exception {
        for (String module : MODULES.keySet()) {
            ModuleDescriptor d = descriptor(module);
            Set<String> open = d.exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
            for (String p : d.packages()) {
                String last = p.substring(p.lastIndexOf('.') + 1);
                if (p.contains(".exec") || Set.of("valid", "lower", "code", "compiler", "binary", "text", "types",
                        "internal").contains(last)) {
                    assertTrue(!open.contains(p), module + " exports its internal package " + p + " to everyone");
                }
            }
            for (ModuleDescriptor.Exports e : d.exports()) {
                for (String target : e.targets()) {
                    assertTrue(target.startsWith("dev.weft."), module + " exports " + e.source() + " to " + target);
                }
            }
            assertTrue(d.opens().isEmpty() && !d.isOpen(), module + " opens packages");
        }
    }

    /** Runs {@link ModulePathMain} on {@code file} with {@code modules} on the module path; its output. */
    private static String runOnModulePath(Path file, List<String> properties, Class<?>... modules) throws Exception {
        List<String> path = new ArrayList<>();
        for (Class<?> c : modules) {
            path.add(location(c).toString());
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(properties);
        command.addAll(List.of("--enable-native-access=dev.weft.stackpool",
                "-p", String.join(File.pathSeparator, path), "--add-modules", "ALL-MODULE-PATH",
                "-cp", location(ModulePathMain.class).toString(), ModulePathMain.class.getName(), file.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    /**
     * The compiled tier defines a hidden class per instance inside the interpreter module and its
     * code calls the engine's support classes; mapped memories call native code in stackpool.
     * Both work with the modules on the module path (a program on the class path using them).
     */
    @Test
    void weftRunsFromTheModulePathCompiledAndOnMappedMemory() throws Exception {
        Path wasm = Path.of("..", "guests", "build", "skynet-asyncify.wasm");
        Assumptions.assumeTrue(Files.isRegularFile(wasm), "guests/build/skynet-asyncify.wasm not built; skipping");
        String out = runOnModulePath(wasm, List.of("-Dweft.tier=compiled", "-Dweft.memory=mapped"),
                dev.weft.stackpool.StackPool.class, dev.weft.continuations.ContRef.class,
                dev.weft.interpreter.Instance.class, dev.weft.wasi.Wasi.class);
        assertEquals("499999500000\nexit 0 in dev.weft.interpreter and dev.weft.wasi\n", out);
    }

    /**
     * The .wast runner needs only what the interpreter exports to it: script syntax (text), a
     * binary module and a malformed one (binary), GC references in results (exec.gc).
     */
    @Test
    void theWastRunnerRunsFromTheModulePath(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("refs.wast"), """
                (module
                  (type $s (struct (field i32)))
                  (func (export "i31") (result (ref i31)) (ref.i31 (i32.const 7)))
                  (func (export "struct") (result (ref $s)) (struct.new $s (i32.const 1)))
                  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
                (assert_return (invoke "i31") (ref.i31))
                (assert_return (invoke "struct") (ref.struct))
                (assert_return (invoke "add" (i32.const 2) (i32.const 3)) (i32.const 5))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (assert_malformed (module binary "\\00asm" "\\02\\00\\00\\00") "unknown binary version")
                """);
        String out = runOnModulePath(script, List.of("-Dweft.tier=compiled"),
                dev.weft.stackpool.StackPool.class, dev.weft.continuations.ContRef.class,
                dev.weft.interpreter.Instance.class, dev.weft.wast.WastParser.class);
        assertEquals("PASSED\n".repeat(6) + "in dev.weft.wast\n", out);
    }
}
