package dev.weft.cli;

import dev.weft.fibers.WeftFiber;
import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Continuation;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ResourceLimits;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.Weft;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.compiler.BytecodeTier;
import dev.weft.interpreter.compiler.TierStats;
import dev.weft.wasi.Wasi;
import dev.weft.wasi.WasiCommand;
import dev.weft.wasi.WasiConfig;
import dev.weft.wasi.WasiExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft run FILE [--invoke NAME] [ARGS...]}: instantiates a module and calls {@code _start}
 * or the named export, printing each result on its own line. A module that imports
 * {@code wasi_snapshot_preview1} runs as a WASI command instead (unless {@code --invoke} is given):
 * ARGS become its arguments after the file name, and its {@code proc_exit} code the exit code.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run a module (.wasm or .wat): call _start, or --invoke an export with arguments.",
            "A module importing wasi_snapshot_preview1 runs as a WASI command: ARGS are its arguments,"
                + " it uses this process's stdin/stdout/stderr, sees only the --dir directories and the"
                + " --env variables, and its proc_exit code is the exit code. Put -- before program"
                + " arguments that start with '-'."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the module, binary or text")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "arguments for --invoke (parsed by the parameter types), or for a WASI command")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "the exported function to call (default: _start)")
    String invoke;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "WASI: preopen directory HOST, seen by the program as GUEST (default: HOST); repeatable")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "KEY[=VALUE]",
            description = "WASI: set an environment variable, or with KEY alone pass this process's value of KEY"
                + " (the environment is empty otherwise); repeatable")
    List<String> env = new ArrayList<>();

    @Option(names = "--tcplisten", paramLabel = "HOST:PORT",
            description = "WASI: bind a listening TCP socket before the program starts and grant it as fd 3"
                + " (then 4, ...; before the --dir directories); repeatable")
    List<String> tcpListen = new ArrayList<>();

    @Option(names = "-S", paramLabel = "KEY=VALUE",
            description = "WASI option in wasmtime's spelling; only tcplisten=HOST:PORT (same as --tcplisten)")
    List<String> wasiOptions = new ArrayList<>();

    @Option(names = "--backtrace", description = "after a trap's one-line error, print its Wasm backtrace (as "
            + "wasmtime does: \"wasm backtrace:\" then one line per frame, innermost first, with the name section's "
            + "function names)")
    boolean backtrace;

    @Option(names = "--stats", description = "print the stack-switching counters (and, with a compiled tier, what "
            + "compiled, what was split and why the rest did not), the fuel the instance used and its wall time"
            + " to stderr after the run")
    boolean stats;

    @Option(names = "--fuel", paramLabel = "N", description = "trap (out of fuel) after N units: one per loop"
            + " back-edge taken and per call, start function included")
    String fuel;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "trap (deadline exceeded) once DURATION"
            + " has passed since instantiation, e.g. 500ms, 10s, 2m, 1h")
    String timeout;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "the most each memory of the module may"
            + " grow to (memory.grow returns -1 past it): bytes with a unit, rounded down to 64 KiB pages"
            + " (64MiB, 512KiB, 1GiB, 65536B), or pages (16pages)")
    String maxMemory;

    @Option(names = "--max-table-elements", paramLabel = "N", description = "the most elements each table of the"
            + " module may grow to (table.grow returns -1 past it)")
    String maxTableElements;

    @Option(names = "--max-continuations", paramLabel = "N", description = "the most continuations the module's"
            + " cont.new may have live at once; one more traps (continuation limit reached)")
    String maxContinuations;

    /** The instance that ran, for --stats. */
    private Instance ran;

    @Option(names = "--tier", paramLabel = "TIER",
            description = "auto (default: interpreted until a function has been called weft.tier.hotCalls times, 1000 "
                    + "by default, then compiled), interp, or compiled (functions that cannot suspend run as JVM bytecode)")
    String tier;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkWasiOptions();
        ResourceLimits limits = limits();
        if (tier != null) {
            System.setProperty(BytecodeTier.PROPERTY, BytecodeTier.Mode.parse(tier).name().toLowerCase(Locale.ROOT));
        }
        TierStats.reset(); // --stats counts this run only (an embedding test may run several in one JVM)
        try {
            return run(limits);
        } finally {
            if (stats) {
                System.err.println(Continuation.statsLine());
                if (ran != null) {
                    System.err.println(meterLine(ran));
                }
                if (BytecodeTier.mode() != BytecodeTier.Mode.INTERP) {
                    System.err.println(TierStats.summary());
                }
            }
        }
    }

    /** The --fuel, --timeout and --max-* flags; a bad value is a usage error (exit 2). */
    private ResourceLimits limits() {
        ResourceLimits l = ResourceLimits.NONE;
        try {
            if (fuel != null) {
                l = l.withFuel(LimitOptions.count("--fuel", fuel));
            }
            if (timeout != null) {
                l = l.withTimeout(LimitOptions.duration("--timeout", timeout));
            }
            if (maxMemory != null) {
                l = l.withMaxMemoryPages(LimitOptions.memoryPages("--max-memory", maxMemory));
            }
            if (maxTableElements != null) {
                l = l.withMaxTableElements(LimitOptions.count("--max-table-elements", maxTableElements));
            }
            if (maxContinuations != null) {
                long n = LimitOptions.count("--max-continuations", maxContinuations);
                if (n > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("--max-continuations: " + n + " is too large");
                }
                l = l.withMaxContinuations((int) n);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return l;
    }

    /** {@code instance: fuel used N[, fuel left M], wall time T ms} for --stats. */
    private static String meterLine(Instance instance) {
        long left = instance.fuelRemaining();
        return "instance: fuel used " + instance.fuelUsed() + (left >= 0 ? ", fuel left " + left : "")
                + ", wall time " + instance.wallTime().toMillis() + " ms";
    }

    private Integer run(ResourceLimits limits) throws Exception {
        Module module;
        CompiledModule compiled;
        try {
            module = Weft.parse(file);
            compiled = CompiledModule.compile(module);
        } catch (MalformedModuleException | InvalidModuleException | IOException e) {
            throw new InputFileException(file, e);
        }
        boolean wasi = Wasi.imports(module);
        Linker linker = new Linker().limits(limits);
        WeftFiber fibers = WeftFiber.imports(module) ? WeftFiber.define(linker) : null;
        Consumer<Instance> bind = instance -> {
            ran = instance;
            if (fibers != null) {
                fibers.bind(instance);
            }
        };
        if (wasi && invoke == null) {
            return WasiCommand.run(linker, compiled, wasiConfig(args), bind);
        }
        Wasi host = wasi ? Wasi.define(linker, wasiConfig(List.of())).defineStubs(linker, module) : null;
        try {
            Instance instance = linker.instantiate(compiled);
            if (host != null) {
                host.bind(instance);
            }
            bind.accept(instance);
            return invoke(instance);
        } catch (Trap t) {
            WasiExit exit = WasiExit.find(t);
            if (exit == null) {
                throw t;
            }
            return exit.code();
        } finally {
            if (host != null) {
                host.close();
            }
        }
    }

    private Integer invoke(Instance instance) {
        String name = invoke == null ? "_start" : invoke;
        Extern export = instance.export(name);
        if (export == null) {
            if (invoke == null) {
                return 0; // a module without _start has nothing to run once instantiated
            }
            throw new IllegalArgumentException("no export named \"" + name + "\" in " + file);
        }
        if (!(export instanceof WasmFunction f)) {
            throw new IllegalArgumentException("export \"" + name + "\" is not a function");
        }
        List<ValType> params = f.type().params();
        if (params.size() != args.size()) {
            throw new IllegalArgumentException("\"" + name + "\" takes " + params.size()
                    + " argument(s) " + params + ", got " + args.size());
        }
        Value[] values = new Value[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ArgumentParser.parse(params.get(i), args.get(i), i + 1);
        }
        for (Value v : f.call(values)) {
            System.out.println(ArgumentParser.format(v));
        }
        return 0;
    }

    /**
     * Bad --env and --dir values are usage errors (exit 2) before anything runs, whether or not
     * the module uses WASI, as in wasmtime.
     */
    private void checkWasiOptions() {
        for (String kv : env) {
            if (kv.isEmpty() || kv.startsWith("=")) {
                throw new ParameterException(spec.commandLine(),
                        "--env expects KEY or KEY=VALUE, got \"" + kv + "\"");
            }
        }
        for (String dir : dirs) {
            String host = dir.contains("::") ? dir.substring(0, dir.indexOf("::")) : dir;
            if (host.isEmpty() || !Files.isDirectory(Path.of(host))) {
                throw new ParameterException(spec.commandLine(),
                        "--dir " + dir + ": no such directory: " + host);
            }
        }
    }

    /** The WASI view of this process: program arguments after the file name, --env, --dir, stdio. */
    private WasiConfig wasiConfig(List<String> programArgs) throws IOException {
        WasiConfig.Builder b = WasiConfig.builder()
                .args(file.toString())
                .args(programArgs)
                .stdin(System.in)
                .stdout(System.out)
                .stderr(System.err);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                b.env(kv.substring(0, eq), kv.substring(eq + 1));
            } else if (System.getenv(kv) != null) { // --env KEY: inherit, as wasmtime does
                b.env(kv, System.getenv(kv));
            }
        }
        dirs.forEach(b::preopen);
        for (String hostPort : TcpListenOptions.addresses(tcpListen, wasiOptions)) {
            b.tcpListen(WasiConfig.bindTcp(hostPort));
        }
        return b.build();
    }
}
