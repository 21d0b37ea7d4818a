package dev.weft.interpreter;

import dev.weft.interpreter.exec.HostRequests;
import java.util.function.Function;

/**
 * Stack switching from inside a host function. A host function called from Wasm may end its
 * call with one request instead of results, by returning what these methods return:
 *
 * <pre>{@code
 * // a host "yield": suspends the continuation that called it; the values it is resumed
 * // with become this call's results (the tag's results must be the function's results)
 * HostFunction yield = args -> HostControl.suspend(yieldTag, args[0]);
 *
 * // a host "resume": runs k; when k returns or suspends to one of its tags, the callback
 * // turns that outcome into this call's results
 * HostFunction resume = args -> HostControl.resume(k, new Value[] {args[1]},
 *         step -> step instanceof Continuation.Step.Suspended s ? s.payload() : ...);
 * }</pre>
 *
 * <p>The dispatch loop performs the request after the host function has returned, exactly as
 * a {@code suspend} or {@code resume} instruction at the call site: no host frame is captured
 * and nothing recurses on the Java stack, so host-implemented schedulers and fiber libraries
 * (the {@code weft_fiber} module) switch as cheaply as Wasm code does. An exception leaving a
 * resumed continuation is thrown at the call site. A request made outside a host function
 * called from Wasm (e.g. from {@link WasmFunction#call} on a host function) traps.
 */
public final class HostControl {
    private HostControl() {}

    /**
     * Ends the current host call by suspending its caller to {@code tag} with {@code payload}
     * (the tag's parameters). Return the result from the host function.
     *
     * @throws IllegalStateException when no host function called from Wasm is running, or it
     *                               already made a request
     */
    public static Value[] suspend(Tag tag, Value... payload) {
        return HostRequests.suspend(tag, payload);
    }

    /**
     * Ends the current host call by resuming {@code k} with {@code args}; {@code then} maps the
     * step it ends with (it returned, or suspended to one of the tags it was made with) to this
     * call's results. {@code then} runs on the Wasm thread when that happens; it may call Wasm
     * functions but not make another request.
     *
     * @throws IllegalStateException when no host function called from Wasm is running, or it
     *                               already made a request
     */
    public static Value[] resume(Continuation k, Value[] args, Function<Continuation.Step, Value[]> then) {
        return k.resumeFromHost(args, then);
    }
}
