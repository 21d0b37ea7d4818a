package dev.weft.cli;

import dev.weft.interpreter.Weft;
import dev.weft.wasi.WasiCommand;
import dev.weft.wasi.WasiConfig;
import dev.weft.wast.Outcome;
import dev.weft.wast.ScriptRun;
import java.nio.file.Path;

/**
 * Runs a WASI program or a {@code .wast} script with Weft's library modules on the module path
 * (see {@code ModuleDescriptorsTest}): prints the program's output, or each script command's
 * status, then the modules Weft ran in.
 */
public final class ModulePathMain {
    private ModulePathMain() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        if (file.toString().endsWith(".wast")) {
            for (ScriptRun.Result r : ScriptRun.run(file, System.out)) {
                System.out.println(r.outcome().status() + (r.outcome().status() == Outcome.Status.PASSED ? ""
                        : " " + r.command() + ": " + r.outcome().detail()));
            }
            System.out.println("in " + ScriptRun.class.getModule().getName());
            return;
        }
        int exit = WasiCommand.run(Weft.parse(file), WasiConfig.builder().args("guest").stdout(System.out).build());
        System.out.println("exit " + exit + " in " + Weft.class.getModule().getName() + " and "
                + WasiCommand.class.getModule().getName());
    }
}
