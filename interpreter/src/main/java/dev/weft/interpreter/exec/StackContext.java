package dev.weft.interpreter.exec;

import dev.weft.continuations.Continuations;
import dev.weft.continuations.HeapStackSource;

/**
 * One thread's stack-switching state: the continuation model (with its stack source) and the
 * stack the dispatch loop runs right now. The loop gets it once per invocation and hands it to
 * the stack-switching operations. A continuation made on one thread may be resumed on
 * another: its stacks then go back to that thread's source.
 */
final class StackContext {
    private static final ThreadLocal<StackContext> CURRENT = ThreadLocal.withInitial(StackContext::new);

    final Continuations model;
    /** The stack the loop runs (or, between invocations, the innermost running barrier); null outside Wasm. */
    ExecStack running;

    private StackContext() {
        model = new Continuations(new RecyclingStackSource(new HeapStackSource(
                ExecStack.INITIAL_SLOTS * (long) Long.BYTES,
                ExecStack::new)));
    }

    /** The current thread's context. */
    static StackContext current() {
        return CURRENT.get();
    }
}
