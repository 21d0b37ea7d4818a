package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

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
        assertEquals(name, d.name(), where + " is not an automatic module: it has a module-info");
        assertTrue(!d.isAutomatic(), name + " is automatic");
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
                "dev.weft.interpreter.exec", "dev.weft.wast",
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
                if (Set.of("exec", "switching", "valid", "lower", "code", "compiler", "binary", "text", "types",
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

    /**
     * The compiled tier defines a hidden class per instance inside the interpreter module and its
     * code calls the engine's support classes; mapped memories call native code in stackpool.
     * Both work with the modules on the module path (a program on the class path using them).
     */
    @Test
    void weftRunsFromTheModulePathCompiledAndOnMappedMemory() throws Exception {
        Path wasm = Path.of("..", "guests", "build", "skynet-asyncify.wasm");
        Assumptions.assumeTrue(Files.isRegularFile(wasm), "guests/build/skynet-asyncify.wasm not built; skipping");
        String modulePath = String.join(File.pathSeparator, location(dev.weft.stackpool.StackPool.class).toString(),
                location(dev.weft.continuations.ContRef.class).toString(),
                location(dev.weft.interpreter.Instance.class).toString(), location(dev.weft.wasi.Wasi.class).toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Dweft.tier=compiled", "-Dweft.memory=mapped",
                "--enable-native-access=dev.weft.stackpool", "-p", modulePath, "--add-modules", "dev.weft.wasi",
                "-cp", location(ModulePathMain.class).toString(), ModulePathMain.class.getName(), wasm.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("499999500000\nexit 0 in dev.weft.interpreter and dev.weft.wasi\n", out);
    }
}
