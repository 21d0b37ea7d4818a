package dev.weft.benchmarks;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.binary.BinaryDecoder;

/** The kernels instantiated on Weft's interpreter. */
final class WeftKernels {
    private final Instance instance;

    WeftKernels(String kernel) {
        try {
            instance = new Linker().instantiate(CompiledModule.compile(BinaryDecoder.decode(Kernels.wasm(kernel))));
        } catch (Exception e) {
            throw new IllegalStateException("kernel " + kernel + " did not load on Weft", e);
        }
    }

    WasmFunction export(String name) {
        return (WasmFunction) instance.export(name);
    }
}
