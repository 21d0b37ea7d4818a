package dev.weft.interpreter.exec;

import dev.weft.continuations.Continuations;

/**
 * One thread's stack-switching state: the continuation model (with its stack source) and the
 * stack the dispatch loop runs right now. The loop gets it once per invocation and hands it to
 * the stack-switching operations. Stacks come from the process-wide pool through this thread's
 * cache ({@link SharedStacks}). A continuation made on one thread may be resumed on another:
 * its stacks then go back through that thread's cache.
 */
final class StackContext {
    private static final ThreadLocal<StackContext> CURRENT = ThreadLocal.withInitial(StackContext::new);

    final Continuations model;
    /** The stack the loop runs (or, between invocations, the innermost running barrier); null outside Wasm. */
    ExecStack running;
    /** A request the running host function made ({@link HostRequests}), until the loop performs it. */
    Object hostRequest;

    private StackContext() {
        model = new Continuations(new RecyclingStackSource(SharedStacks.forThread()));
    }

    /** The barrier of outermost embedder calls, entered once and kept between calls. */
    private ExecStack idleRoot;

    /**
     * A barrier stack for an embedder call on this thread, now running: the thread's kept root
     * for an outermost call, else a new barrier entered from the running stack (a host function
     * calling back into Wasm). Pair with {@link #leaveRoot}.
     */
    ExecStack enterRoot() {
        ExecStack caller = running;
        ExecStack root;
        if (caller == null) {
            if (idleRoot == null) {
                idleRoot = (ExecStack) model.enter();
            }
            root = idleRoot;
        } else {
            root = (ExecStack) model.enter(caller);
        }
        running = root;
        return root;
    }

    /**
     * Ends the embedder call served by {@code root}: abandons whatever chain still runs above it
     * (after a trap or an unhandled suspension), gives a nested barrier back and makes
     * {@code caller} (the stack that ran before, or null) running again.
     */
    void leaveRoot(ExecStack root, ExecStack caller) {
        ExecStack cur = running;
        running = caller;
        if (cur != root && cur != null) {
            model.abandon(cur);
        }
        if (root == idleRoot) {
            root.sp = 0;
            root.depth = 0;
            root.waiting = null;
        } else {
            root.touchAll(); // a host may have written arguments without a frame
            model.exit(root);
        }
    }

    /** The current thread's context. */
    static StackContext current() {
        return CURRENT.get();
    }
}
