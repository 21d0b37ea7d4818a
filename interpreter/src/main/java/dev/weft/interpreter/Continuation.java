package dev.weft.interpreter;

import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationStats;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.FunctionInstance;
import dev.weft.interpreter.exec.HostRequests;
import dev.weft.interpreter.exec.HostResume;
import dev.weft.interpreter.exec.switching.HostOutcome;
import dev.weft.interpreter.exec.SharedStacks;
import dev.weft.stackpool.PoolStats;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.Locale;

/**
 * A Wasm continuation driven from Java, e.g. a generator:
 *
 * <pre>{@code
 * Continuation c = Continuation.of(instance.function("gen"), yieldTag);
 * Continuation.Step s = c.resume();
 * while (s instanceof Continuation.Step.Suspended y) {
 *     use(y.payload());
 *     s = y.next().resume();                 // values for the suspend's results, if any
 * }
 * Value[] results = ((Continuation.Step.Returned) s).values();
 * }</pre>
 *
 * <p>Each object is one-shot like a {@code (ref $ct)}: resuming it twice traps "continuation
 * already consumed". A resume runs on the calling thread until the continuation returns or
 * suspends to one of the handled tags; a suspension to another tag ends it with
 * {@link UnhandledSuspension}, a trap with {@link Trap}, an escaping exception with
 * {@link WasmException}.
 */
public final class Continuation {
    private final ContRef ref;
    private final List<? extends Tag> handled;
    private final List<ValType> params;
    private final List<ValType> results;

    private Continuation(ContRef ref, List<? extends Tag> handled, List<ValType> params, List<ValType> results) {
        this.ref = ref;
        this.handled = handled;
        this.params = params;
        this.results = results;
    }

    /**
     * A fresh continuation of {@code function} (nothing runs yet) whose suspensions to any of
     * {@code tags} come back as {@link Step.Suspended}.
     */
    public static Continuation of(WasmFunction function, Tag... tags) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(tags, "tags");
        for (int i = 0; i < tags.length; i++) {
            Objects.requireNonNull(tags[i], "tags[" + i + "]");
        }
        FunctionInstance f = (FunctionInstance) function;
        return new Continuation(HostResume.create(f), List.of(tags), f.type().params(), f.type().results());
    }

    /** Resumes with {@code args} (the function's parameters, or the suspending tag's results). */
    public Step resume(Value... args) {
        checkArguments(args);
        return step(HostResume.resume(ref, handled, args, results));
    }

    /** {@link HostControl#resume}: a request to resume this continuation at the current host call site. */
    HostControl.Request resumeFromHost(Value[] args, Function<Step, Value[]> then) {
        checkArguments(args);
        return HostRequests.resume(ref, handled, args, results, o -> then.apply(step(o)));
    }

    private void checkArguments(Value[] args) {
        HostResume.checkArguments(params, args);
    }

    private Step step(HostOutcome o) {
        if (o.tag() == null) {
            return new Step.Returned(o.values());
        }
        return new Step.Suspended(o.tag(), o.values(),
                new Continuation(o.next(), handled, o.tag().type().results(), results));
    }

    /** True once resumed (every copy of a one-shot continuation is then used up). */
    public boolean isConsumed() {
        return ref.isConsumed();
    }

    /** The counters of this thread's continuations (created, resumed, suspended, ..., stack source). */
    public static ContinuationStats stats() {
        return HostResume.stats();
    }

    /**
     * {@link #stats()} on one line, as {@code weft run --stats} prints it: this thread's
     * continuation counters, then the process-wide stack pool's (its mode from the system
     * property {@code weft.stackPool}; in-use stacks include those cached per thread).
     */
    public static String statsLine() {
        ContinuationStats s = stats();
        PoolStats p = s.pool();
        return "continuations: created " + s.created() + ", resumed " + s.resumed() + ", suspended " + s.suspended()
                + ", switched " + s.switched() + ", bound " + s.bound() + ", completed " + s.completed()
                + ", abandoned " + s.abandoned() + ", roots " + s.roots() + "; stack pool ("
                + SharedStacks.mode().name().toLowerCase(Locale.ROOT) + "): acquired " + p.acquired()
                + ", released " + p.released() + ", in use " + p.inUse() + ", high-water " + p.highWater()
                + ", slots " + p.slots() + ", reclaimed " + s.reclaimed();
    }

    /** What a resume ended with. */
    public sealed interface Step {
        /** The continuation returned {@code values}; it is finished. */
        record Returned(Value[] values) implements Step {}

        /** It suspended with {@code tag} and {@code payload}; {@code next} resumes it. */
        record Suspended(Tag tag, Value[] payload, Continuation next) implements Step {}
    }
}
