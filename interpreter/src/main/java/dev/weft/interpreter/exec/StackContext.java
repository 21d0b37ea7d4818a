package dev.weft.interpreter.exec;

import dev.weft.continuations.Continuations;
import dev.weft.continuations.HeapStackSource;

/**
 * One thread's stack-switching state: the continuation model (with its stack source) and the
 * stack the dispatch loop runs right now. Every stack it hands out is an {@link ExecStack}
 * pointing back here, so the loop finds the context without a thread-local lookup.
 */
final class StackContext {
    private static final ThreadLocal<StackContext> CURRENT = ThreadLocal.withInitial(StackContext::new);

    final Continuations model;
    /** The stack the loop runs (or, between invocations, the innermost running barrier); null outside Wasm. */
    ExecStack running;

    private StackContext() {
        model = new Continuations(new RecyclingStackSource(new HeapStackSource(
                ExecStack.INITIAL_SLOTS * (long) Long.BYTES,
                (segment, refs, handle) -> new ExecStack(this, segment, refs, handle))));
    }

    /** The current thread's context. */
    static StackContext current() {
        return CURRENT.get();
    }

    /** Switches the loop to {@code st}. */
    ExecStack switchTo(ExecStack st) {
        running = st;
        return st;
    }
}
