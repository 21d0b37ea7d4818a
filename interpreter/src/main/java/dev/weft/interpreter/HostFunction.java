package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;
import dev.weft.interpreter.exec.FunctionInstance;

/**
 * A function implemented in Java. It receives the arguments as {@link Value}s and returns the
 * results; it may call back into Wasm. A {@link Trap} thrown here traps the calling Wasm code;
 * any other exception becomes a trap "host function failed".
 */
@FunctionalInterface
public interface HostFunction {
    Value[] apply(Value[] args);

    /** A function instance of type {@code type} backed by {@code impl}. */
    static WasmFunction of(CompositeType.Func type, HostFunction impl) {
        return FunctionInstance.host(type, impl);
    }
}
