package dev.weft.interpreter.compiler;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.exec.BytecodeSupport;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.text.WatParser;
import java.util.Set;

/** The mixed-tier tests' module set-up: some functions compiled, the others interpreted, and calls of i32 exports. */
final class MixedTierTesting {
    private MixedTierTesting() {}

    /** Instantiates {@code wat} with the functions of index {@code interpreted} left to the interpreter. */
    static Instance instantiate(String wat, Set<Integer> interpreted) throws Exception {
        return instantiate(new Linker(), wat, interpreted);
    }

    /** {@link #instantiate(String, Set)} with the imports {@code linker} defines. */
    static Instance instantiate(Linker linker, String wat, Set<Integer> interpreted) throws Exception {
        CompiledModule module = CompiledModule.compile(WatParser.parseModule(wat));
        return BytecodeTier.compilingOnly(i -> !interpreted.contains(i), () -> linker.instantiate(module));
    }

    /** Calls export {@code name} with i32 arguments; its first result as an int. */
    static int call(Instance inst, String name, int... args) {
        Value[] values = new Value[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = Value.i32(args[i]);
        }
        return inst.function(name).call(values)[0].asInt();
    }

    /** Whether export {@code export} runs as compiled bytecode. */
    static boolean compiled(Instance inst, String export) {
        return BytecodeSupport.hostOf((FunctionInstance) inst.function(export)) instanceof BytecodeEntry;
    }
}
