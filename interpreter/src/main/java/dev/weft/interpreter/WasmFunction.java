package dev.weft.interpreter;

import dev.weft.interpreter.ast.CompositeType;

/** A function instance: defined in Wasm or by the host. It is also the value of a funcref. */
public non-sealed interface WasmFunction extends Extern {
    /** The function's type. */
    CompositeType.Func type();

    /**
     * Calls the function on the current thread.
     *
     * @throws IllegalArgumentException when the arguments do not match {@link #type()}
     * @throws Trap                     when execution traps
     */
    Value[] call(Value... args);
}
