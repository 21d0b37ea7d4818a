package dev.weft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command. Results go to stdout; errors go to stderr as one line
 * ({@code weft: <message>}) with a non-zero exit code.
 */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A WebAssembly runtime for the JVM with native stack switching.",
        subcommands = {RunCommand.class, WastCommand.class, Wat2WasmCommand.class, ServeCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = execute(args);
        } catch (Throwable t) { // whatever escaped the command's own handler: still one line
            System.err.println("weft: " + CliErrors.describe(t));
            code = 1;
        }
        if (CliErrors.fatal) {
            // After a VirtualMachineError the heap or a thread may be unusable; shutdown hooks
            // and lingering threads could keep the process alive, so leave at once.
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (for tests). */
    static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("weft: " + CliErrors.describe(ex));
            return 1;
        });
        cli.setParameterExceptionHandler((ex, args2) -> {
            CommandLine line = ex.getCommandLine();
            line.getErr().println("weft: " + ex.getMessage());
            line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
