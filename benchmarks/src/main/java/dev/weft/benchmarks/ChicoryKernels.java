package dev.weft.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

/** The kernels instantiated on Chicory (the peer): its interpreter, or its bytecode compiler. */
final class ChicoryKernels {
    private final Instance instance;

    ChicoryKernels(String kernel) {
        this(kernel, false);
    }

    ChicoryKernels(String kernel, boolean compiled) {
        WasmModule module = Parser.parse(Kernels.wasm(kernel));
        Instance.Builder builder = Instance.builder(module);
        if (compiled) {
            builder.withMachineFactory(MachineFactoryCompiler.compile(module));
        }
        instance = builder.build();
    }

    ExportFunction export(String name) {
        return instance.export(name);
    }
}
