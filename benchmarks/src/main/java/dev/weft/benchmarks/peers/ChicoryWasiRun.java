package dev.weft.benchmarks.peers;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a WASI command on Chicory 1.7.5's interpreter, the peer engine, with the process's
 * stdin/stdout/stderr: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.weft.benchmarks.peers.ChicoryWasiRun FILE.wasm [ARGS...]}. The exit code is the guest's.
 */
public final class ChicoryWasiRun {
    private ChicoryWasiRun() {}

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ChicoryWasiRun FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        List<String> argv = new ArrayList<>(List.of(args));
        argv.set(0, file.getFileName().toString());
        WasiOptions options = WasiOptions.builder()
                .withStdin(System.in).withStdout(System.out).withStderr(System.err)
                .withArguments(argv).build();
        int code = 0;
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            Instance instance = Instance.builder(Parser.parse(file)).withImportValues(imports).withStart(false).build();
            instance.export("_start").apply();
        } catch (WasiExitException e) {
            code = e.exitCode();
        }
        System.out.flush();
        System.exit(code);
    }
}
