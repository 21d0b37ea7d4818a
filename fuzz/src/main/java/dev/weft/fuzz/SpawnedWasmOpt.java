package dev.weft.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** wasm-opt run as a new process each time (Node start-up and Wasm compilation every run). */
final class SpawnedWasmOpt implements WasmOpt {
    private final List<String> command;

    /** {@code command}: what starts wasm-opt ({@link Toolchain#wasmOptCommand()}). */
    SpawnedWasmOpt(List<String> command) {
        this.command = command;
    }

    @Override
    public Result run(List<String> args, byte[] input, long seconds) throws IOException {
        Path dir = Files.createTempDirectory("weft-wasm-opt");
        try {
            Path in = Files.write(dir.resolve("in"), input);
            Path out = dir.resolve("out");
            Path stdout = dir.resolve("stdout");
            Path stderr = dir.resolve("stderr");
            List<String> cmd = new ArrayList<>(command);
            for (String a : args) {
                cmd.add(a.equals("@in") ? in.toString() : a.equals("@out") ? out.toString() : a);
            }
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!Processes.waitFor(p, seconds)) {
                throw new IOException("timed out after " + seconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readAllBytes(stdout), Files.readAllBytes(stderr),
                    Files.exists(out) ? Files.readAllBytes(out) : null);
        } finally {
            Binaryen.deleteTree(dir);
        }
    }

    @Override
    public void close() {}
}
