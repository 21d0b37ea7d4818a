package dev.weft.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private final WasmOpt wasmOpt;

    /** {@code wasmOpt}: how wasm-opt runs ({@link WasmOpt#open}). */
    Binaryen(WasmOpt wasmOpt) {
        this.wasmOpt = wasmOpt;
    }

    /** The arguments of {@link #generate}: wasm-opt makes a module of file {@code @in} into file {@code @out}. */
    static List<String> generateArgs(FeatureSet features, boolean denan) {
        List<String> args = new ArrayList<>(List.of("-ttf", "@in"));
        args.addAll(features.flags());
        args.addAll(features.passes());
        if (denan) {
            args.add("--denan");
        }
        args.addAll(List.of("-o", "@out", "-q"));
        return args;
    }

    /** The arguments of {@link #fuzzExec}: binaryen's interpreter runs module {@code @in}. */
    static List<String> fuzzExecArgs(FeatureSet features) {
        List<String> args = new ArrayList<>(List.of("@in"));
        args.addAll(features.flags());
        args.addAll(List.of("--fuzz-exec-before", "-q", "-o", "/dev/null"));
        return args;
    }

    /** A random valid module made from {@code entropy} with the features of {@code features}. */
    byte[] generate(byte[] entropy, FeatureSet features, boolean denan) throws IOException {
        WasmOpt.Result r = succeeded(generateArgs(features, denan), entropy, 60);
        if (r.output() == null) {
            throw new IOException("wasm-opt -ttf wrote no module");
        }
        return r.output();
    }

    /** binaryen's interpreter output for {@code wasm}, one entry per line. */
    List<String> fuzzExec(byte[] wasm, FeatureSet features) throws IOException {
        return new String(succeeded(fuzzExecArgs(features), wasm, 120).stdout(), StandardCharsets.UTF_8).lines().toList();
    }

    private WasmOpt.Result succeeded(List<String> args, byte[] input, long seconds) throws IOException {
        WasmOpt.Result r = wasmOpt.run(args, input, seconds);
        if (r.status() != 0) {
            throw new IOException("exit " + r.status() + " (" + r.firstErrorLine() + "): wasm-opt " + String.join(" ", args));
        }
        return r;
    }

    static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
