package dev.weft.interpreter.exec;

import dev.weft.interpreter.Caller;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.Value;

/**
 * What the interpreter calls for a host function that may switch stacks: it returns its results
 * or a request ({@link HostControl.Result}) that the calling loop performs
 * ({@link HostRequests}). The API's {@link dev.weft.interpreter.HostFunction.Switching} is this
 * interface; the runtime holds this type, never the API's.
 */
@FunctionalInterface
public interface SwitchingHostCode {
    /** Runs the function on {@code args} for code of {@code caller}'s instance. */
    HostControl.Result apply(Caller caller, Value[] args);
}
