package dev.weft.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * binaryen's {@code wasm-opt} as generator and oracle: {@code -ttf} turns random bytes into a
 * valid module (with {@code --denan}, so no NaN reaches a result, a log or memory), and
 * {@code --fuzz-exec-before} runs every export in binaryen's own interpreter and prints what it
 * saw ({@code [fuzz-exec] export ...}, {@code [LoggingExternalInterface logging ...]}, ...).
 */
final class Binaryen {
    private final List<String> wasmOpt;

    /** {@code wasmOpt}: the command that runs wasm-opt ({@link Toolchain#wasmOptCommand()}). */
    Binaryen(List<String> wasmOpt) {
        this.wasmOpt = wasmOpt;
    }

    /** A random valid module made from {@code entropy} with the features of {@code features}. */
    byte[] generate(byte[] entropy, FeatureSet features, boolean denan) throws IOException {
        Path dir = Files.createTempDirectory("weft-ttf");
        try {
            Path in = dir.resolve("in.dat");
            Path out = dir.resolve("out.wasm");
            Files.write(in, entropy);
            List<String> cmd = new ArrayList<>(wasmOpt);
            cmd.addAll(List.of("-ttf", in.toString()));
            cmd.addAll(features.flags());
            cmd.addAll(features.passes());
            if (denan) {
                cmd.add("--denan");
            }
            cmd.addAll(List.of("-o", out.toString(), "-q"));
            Processes.run(cmd, 60);
            return Files.readAllBytes(out);
        } finally {
            deleteTree(dir);
        }
    }

    /** binaryen's interpreter output for {@code wasm}, one entry per line. */
    List<String> fuzzExec(byte[] wasm, FeatureSet features) throws IOException {
        Path dir = Files.createTempDirectory("weft-fe");
        try {
            Path in = dir.resolve("m.wasm");
            Files.write(in, wasm);
            List<String> cmd = new ArrayList<>(wasmOpt);
            cmd.add(in.toString());
            cmd.addAll(features.flags());
            cmd.addAll(List.of("--fuzz-exec-before", "-q", "-o", "/dev/null"));
            return Processes.run(cmd, 120).lines().toList();
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
