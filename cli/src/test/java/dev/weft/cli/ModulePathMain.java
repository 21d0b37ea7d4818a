package dev.weft.cli;

import dev.weft.interpreter.Weft;
import dev.weft.wasi.WasiCommand;
import dev.weft.wasi.WasiConfig;
import java.nio.file.Path;

/**
 * Runs a WASI program with Weft's library modules on the module path (see
 * {@code ModuleDescriptorsTest}): prints the program's output, then the modules Weft ran in.
 */
public final class ModulePathMain {
    private ModulePathMain() {}

    public static void main(String[] args) throws Exception {
        int exit = WasiCommand.run(Weft.parse(Path.of(args[0])),
                WasiConfig.builder().args("guest").stdout(System.out).build());
        System.out.println("exit " + exit + " in " + Weft.class.getModule().getName() + " and "
                + WasiCommand.class.getModule().getName());
    }
}
