package dev.weft.interpreter.exec;

import dev.weft.continuations.ContRef;
import dev.weft.continuations.HandlerTable;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.switching.HostOutcome;
import dev.weft.interpreter.exec.switching.HostWait;
import dev.weft.interpreter.exec.switching.StackSwitcher;
import dev.weft.interpreter.exec.switching.StackValues;
import dev.weft.interpreter.exec.switching.SwitchStack;
import java.util.List;
import java.util.function.Function;

/**
 * Stack switching requested by host functions ({@link dev.weft.interpreter.HostControl}). A
 * switching host function returns one {@link Request} as its call's result; when control is back
 * in the dispatch loop, {@link Calls#callHost} performs it as if the call site were a
 * stack-switching instruction, through the thread's {@link StackSwitcher}, so nothing recurses on
 * the Java stack and no host frame is captured:
 * <ul>
 *   <li>suspend: the calling stack parks just after the call and suspends to the tag; the
 *       values it is later resumed with become the call's results;</li>
 *   <li>resume: the calling stack parks just after the call and resumes a continuation with
 *       a handler ({@link StackSwitcher#HOST_LABEL}) for the given tags; when that continuation
 *       returns or suspends, the switcher hands the outcome to the stack's {@link Waiting},
 *       whose Java callback turns it into the call's results, and the caller goes on.</li>
 * </ul>
 */
public final class HostRequests {
    private HostRequests() {}

    /** The requests {@link dev.weft.interpreter.HostControl} makes. */
    sealed interface Request extends HostControl.Request {}

    private record Suspend(Tag tag, Value[] payload) implements Request {}

    private record Resume(ContRef k, HandlerTable handlers, Value[] args, List<ValType> results,
            Function<HostOutcome, Value[]> then) implements Request {}

    /**
     * A request to suspend the calling stack to {@code tag} with {@code payload}; the API has
     * checked that {@code tag} is Weft's (a module's or {@link Tag#create}'s).
     */
    public static HostControl.Request suspend(Tag tag, Value[] payload) {
        return new Suspend(tag, payload.clone());
    }

    /**
     * A request to resume {@code k} with {@code args} from the calling stack, handling
     * {@code tags}; its results have types {@code results}.
     */
    public static HostControl.Request resume(ContRef k, List<? extends Tag> tags, Value[] args, List<ValType> results,
            Function<HostOutcome, Value[]> then) {
        return new Resume(k, HostResume.hostHandlers(tags), args.clone(), results, then);
    }

    /** The trap for a request returned where no interpreted Wasm call site can perform it. */
    static Trap notFromWasm() {
        return new Trap(TrapKind.HOST, "a HostControl request needs a Wasm caller: this host function was not called from Wasm code");
    }

    /**
     * Host function {@code f} returned request {@code request}; its caller is parked on
     * {@code st} ({@code st.depth}, {@code st.sp == base}) to continue with the call's results
     * at {@code base}. Performs the request; returns the depth the loop continues at, on the
     * stack now running.
     */
    static int perform(ExecStack st, FunctionInstance f, int base, HostControl.Request request) {
        if (!(request instanceof Request r)) {
            throw new Trap(TrapKind.HOST, "host function returned a HostControl.Request not made by HostControl: " + request);
        }
        StackContext cx = StackContext.current();
        return switch (r) {
            case Suspend s -> suspend(cx, st, f, base, s);
            case Resume q -> resume(cx, st, f, base, q);
        };
    }

    private static int suspend(StackContext cx, ExecStack st, FunctionInstance f, int base, Suspend s) {
        if (!s.tag.type().results().equals(f.type.results())) {
            throw new Trap(TrapKind.HOST, "host function " + f.type + " cannot suspend to a tag of type "
                    + s.tag.type() + ": the tag's results must be the function's results");
        }
        int n = writeArgs(st, base, s.payload, s.tag.type().params(), "suspend payload");
        return cx.suspend(st, s.tag, base, n);
    }

    private static int resume(StackContext cx, ExecStack st, FunctionInstance f, int base, Resume q) {
        int n = writeArgs(st, base, q.args, null, "resume arguments");
        return cx.resumeForHost(st, q.k, q.handlers, base, n, new Waiting(f, q.results, q.then));
    }

    /** Writes {@code values} (checked against {@code types} unless null) at {@code base}; returns their slot count. */
    private static int writeArgs(ExecStack st, int base, Value[] values, List<ValType> types, String what) {
        if (types != null && !Calls.fitAll(values, types)) {
            throw new Trap(TrapKind.HOST, "host function's " + what + " do not match " + types);
        }
        int n = StackValues.slotCount(values);
        st.reserve(base + n);
        StackValues.write(st, base, values);
        return n;
    }

    /**
     * A stack parked at a call of host function {@code callee} that resumed a continuation with
     * result types {@code results}: {@code then} maps the outcome to the call's results.
     */
    private record Waiting(FunctionInstance callee, List<ValType> results, Function<HostOutcome, Value[]> then)
            implements HostWait {
        @Override
        public int deliver(SwitchStack parked, HostOutcome outcome) {
            ExecStack st = (ExecStack) parked;
            Value[] values;
            try {
                values = Calls.invokeCallback(then, outcome);
            } catch (WasmException e) {
                return ExceptionOps.unwindSaved(st, e);
            }
            Calls.checkResults(callee, values);
            int base = st.sp;
            st.reserve(base + callee.resultSlots);
            StackValues.write(st, base, values);
            st.sp = base + callee.resultSlots;
            return st.depth;
        }
    }
}
