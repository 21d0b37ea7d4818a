package dev.weft.benchmarks;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;

/** The kernels instantiated on Chicory's interpreter (the peer). */
final class ChicoryKernels {
    private final Instance instance;

    ChicoryKernels(String kernel) {
        instance = Instance.builder(Parser.parse(Kernels.wasm(kernel))).build();
    }

    ExportFunction export(String name) {
        return instance.export(name);
    }
}
