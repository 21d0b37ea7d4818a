package dev.weft.benchmarks.peers;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a WASI command on Chicory 1.7.5, the peer engine, with the process's
 * stdin/stdout/stderr: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.weft.benchmarks.peers.ChicoryWasiRun [--compiler] FILE.wasm [ARGS...]}. By default the
 * module runs on Chicory's interpreter; {@code --compiler} translates it to JVM bytecode first
 * with Chicory's compiler ({@code com.dylibso.chicory:compiler}, at instantiation, in this
 * process). The exit code is the guest's.
 */
public final class ChicoryWasiRun {
    private ChicoryWasiRun() {}

    public static void main(String[] args) {
        List<String> argv = new ArrayList<>(List.of(args));
        boolean compiler = !argv.isEmpty() && argv.getFirst().equals("--compiler");
        if (compiler) {
            argv.removeFirst();
        }
        if (argv.isEmpty()) {
            System.err.println("usage: ChicoryWasiRun [--compiler] FILE.wasm [ARGS...]");
            System.exit(2);
        }
        Path file = Path.of(argv.getFirst());
        argv.set(0, file.getFileName().toString());
        WasiOptions options = WasiOptions.builder()
                .withStdin(System.in).withStdout(System.out).withStderr(System.err)
                .withArguments(argv).build();
        int code = 0;
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            WasmModule module = Parser.parse(file);
            Instance.Builder builder = Instance.builder(module).withImportValues(imports).withStart(false);
            if (compiler) {
                builder.withMachineFactory(MachineFactoryCompiler.compile(module));
            }
            builder.build().export("_start").apply();
        } catch (WasiExitException e) {
            code = e.exitCode();
        }
        System.out.flush();
        System.exit(code);
    }
}
