package dev.weft.cli;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.ValType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code weft run FILE [--invoke NAME] [ARGS...]}: instantiates a module and calls {@code _start}
 * or the named export, printing each result on its own line.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a module (.wasm or .wat): call _start, or --invoke an export with arguments.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the module, binary or text")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "arguments for --invoke, parsed by the parameter types")
    List<String> args = new ArrayList<>();

    @Option(names = "--invoke", paramLabel = "NAME", description = "the exported function to call (default: _start)")
    String invoke;

    @Override
    public Integer call() throws Exception {
        CompiledModule compiled = CompiledModule.compile(ModuleFiles.read(file));
        Instance instance = new Linker().instantiate(compiled);
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
}
