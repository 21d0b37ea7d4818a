package dev.weft.interpreter;

import dev.weft.interpreter.exec.HostRequests;
import dev.weft.interpreter.exec.TagInstance;
import java.util.function.Function;

/**
 * Stack switching from inside a host function. A host function made with
 * {@link HostFunction#switching} ends each call with a {@link Result}: its {@link Values}, or
 * one {@link Request} made here:
 *
 * <pre>{@code
 * // a host "yield": suspends the continuation that called it; the values it is resumed
 * // with become this call's results (the tag's results must be the function's results)
 * HostFunction.switching(type, (caller, args) -> HostControl.suspend(yieldTag, args[0]));
 *
 * // a host "resume": runs k; when k returns or suspends to one of its tags, the callback
 * // turns that outcome into this call's results
 * HostFunction.switching(type, (caller, args) -> HostControl.resume(k, new Value[] {args[1]},
 *         step -> step instanceof Continuation.Step.Suspended s ? s.payload() : ...));
 * }</pre>
 *
 * <p>The dispatch loop performs the request after the host function has returned, exactly as
 * a {@code suspend} or {@code resume} instruction at the call site: no host frame is captured
 * and nothing recurses on the Java stack, so host-implemented schedulers and fiber libraries
 * (the {@code weft_fiber} module) switch as cheaply as Wasm code does. An exception leaving a
 * resumed continuation is thrown at the call site. A request returned where no interpreted
 * Wasm code called the function (e.g. {@link WasmFunction#call} on it) traps.
 */
public final class HostControl {
    private HostControl() {}

    /** What a call of a switching host function ends with: its results, or a stack-switching request. */
    public sealed interface Result permits Values, Request {}

    /** The call's results, as a plain host function returns them. */
    public record Values(Value... values) implements Result {}

    /**
     * A stack-switching request, made by {@link #suspend} or {@link #resume} only (the runtime
     * rejects other implementations with a trap).
     */
    public non-sealed interface Request extends Result {}

    /** Ends a switching host call with {@code values} as its results. */
    public static Values values(Value... values) {
        return new Values(values);
    }

    /**
     * Ends the current host call by suspending its caller to {@code tag} with {@code payload}
     * (the tag's parameters). Return the request from the host function.
     *
     * @throws IllegalArgumentException if {@code tag} was not made by Weft
     */
    public static Request suspend(Tag tag, Value... payload) {
        if (!(tag instanceof TagInstance || tag instanceof HostTag)) {
            throw new IllegalArgumentException("not a Weft tag: " + tag);
        }
        return HostRequests.suspend(tag, payload);
    }

    /**
     * Ends the current host call by resuming {@code k} with {@code args}; {@code then} maps the
     * step it ends with (it returned, or suspended to one of the tags it was made with) to this
     * call's results. {@code then} runs on the Wasm thread when that happens; it may call Wasm
     * functions but make no request (it returns values only).
     *
     * @throws IllegalArgumentException if {@code args} do not match what {@code k} is resumed with
     */
    public static Request resume(Continuation k, Value[] args, Function<Continuation.Step, Value[]> then) {
        return k.resumeFromHost(args, then);
    }
}
