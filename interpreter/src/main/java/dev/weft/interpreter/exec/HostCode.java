package dev.weft.interpreter.exec;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.Value;

/**
 * What the interpreter calls for a host function that does not switch stacks, with its
 * {@link Caller}. The API's {@link dev.weft.interpreter.HostFunction} is one (so an embedder's
 * function is called without a wrapper); a function compiled to bytecode is another
 * ({@link BytecodeSupport.CompiledEntry}). The runtime holds this type, never the API's, so the
 * API's factories may make {@link FunctionInstance}s without an import circle.
 */
@FunctionalInterface
public interface HostCode {
    /** Runs the function on {@code args} for code of {@code caller}'s instance; null means no results. */
    Value[] apply(Caller caller, Value[] args);
}
