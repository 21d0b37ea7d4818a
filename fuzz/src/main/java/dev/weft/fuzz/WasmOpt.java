package dev.weft.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One way to run binaryen's {@code wasm-opt}: {@link WasmOptDriver} (one Node process serving
 * many runs) or {@link SpawnedWasmOpt} (a process per run). In the arguments, {@code @in} names a
 * file holding {@code input} and {@code @out} a file whose contents the run returns.
 */
interface WasmOpt extends AutoCloseable {
    /** {@code output}: the {@code @out} file, null when the run wrote none. */
    record Result(int status, byte[] stdout, byte[] stderr, byte[] output) {
        /** The first line of stderr, for messages. */
        String firstErrorLine() {
            String s = new String(stderr, StandardCharsets.UTF_8).strip();
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }

    /** Runs wasm-opt once; IOException when it could not run or did not finish within {@code seconds}. */
    Result run(List<String> args, byte[] input, long seconds) throws IOException;

    @Override
    void close();

    /**
     * The persistent driver when it starts (Node 26 and npm's binaryen installed), else a process
     * per run; {@code spawn} forces the latter. Says on stdout when it falls back.
     */
    static WasmOpt open(Toolchain tools, boolean spawn) {
        List<String> command = tools.wasmOptCommand().orElseThrow(
                () -> new IllegalStateException("wasm-opt is not installed: " + Toolchain.INSTALL_HINT));
        if (!spawn) {
            try {
                return WasmOptDriver.start(tools);
            } catch (IOException e) {
                System.out.println("the persistent wasm-opt driver did not start (" + e.getMessage()
                        + "); spawning wasm-opt per run");
            }
        }
        return new SpawnedWasmOpt(command);
    }
}
