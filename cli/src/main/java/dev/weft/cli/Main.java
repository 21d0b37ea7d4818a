package dev.weft.cli;

import java.nio.file.Files;
import java.nio.file.Path;
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
        synopsisSubcommandLabel = "[COMMAND | FILE]",
        footer = {"",
            "'weft FILE [ARGS...]' is 'weft run FILE [ARGS...]'.",
            "The launcher script (./weft in a checkout) adds:",
            "  test      Run the whole test suite (mvn verify).",
            "  bench     Run the benchmarks and write a report (benchmarks/README.md).",
            "  fuzz      Run a fuzzer for as long as asked (fuzz/README.md).",
            "Exit codes: 0 success; a WASI program's proc_exit code; 1 an error;",
            "  2 a usage error; 134 a trap, an uncaught Wasm exception or an",
            "  unhandled suspension (as wasmtime)."},
        subcommands = {RunCommand.class, WastCommand.class, Wat2WasmCommand.class, ServeCommand.class,
            CommandLine.HelpCommand.class})
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
            // errors are one line; `weft run --backtrace` adds the trap's Wasm backtrace after it
            String backtrace = CliErrors.backtrace(ex);
            if (!backtrace.isEmpty() && parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--backtrace")) {
                line.getErr().println(backtrace);
            }
            return CliErrors.exitCode(ex);
        });
        cli.setParameterExceptionHandler((ex, args2) -> {
            CommandLine line = ex.getCommandLine();
            // one line, like every other error: the message, then where the usage is
            line.getErr().println("weft: " + ex.getMessage() + " (try '" + line.getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        return cli.execute(withDefaultCommand(cli, args));
    }

    /**
     * {@code weft FILE ...} means {@code weft run FILE ...}, as in wasmtime. A first word that is
     * no command, no existing file and has neither '.' nor '/' stays a (mistyped) command, so it
     * is reported as an unknown command, not as a missing file.
     */
    static String[] withDefaultCommand(CommandLine cli, String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || cli.getSubcommands().containsKey(args[0])) {
            return args;
        }
        String first = args[0];
        if (!first.contains(".") && !first.contains("/") && !Files.exists(Path.of(first))) {
            return args;
        }
        String[] run = new String[args.length + 1];
        run[0] = "run";
        System.arraycopy(args, 0, run, 1, args.length);
        return run;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }
}
