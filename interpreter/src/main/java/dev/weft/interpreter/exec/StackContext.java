package dev.weft.interpreter.exec;

import dev.weft.continuations.ContStack;
import dev.weft.continuations.Continuations;
import dev.weft.continuations.StackState;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;

/**
 * One thread's stack-switching state: the continuation model (with its stack source) and the
 * stack the dispatch loop runs right now. The loop gets it once per invocation and hands it to
 * the stack-switching operations. Stacks come from the process-wide pool through this thread's
 * cache ({@link SharedStacks}). A continuation made on one thread may be resumed on another:
 * its stacks then go back through that thread's cache.
 */
final class StackContext {
    private static final ThreadLocal<StackContext> CURRENT = ThreadLocal.withInitial(StackContext::new);
    /**
     * How deep host functions may re-enter Wasm on one thread (Wasm, host, Wasm, host, ...):
     * system property {@code weft.maxHostDepth}. Each level costs Java stack (about 1.6 KiB
     * measured); the default keeps well inside a default 1 MiB thread stack, because a
     * StackOverflowError inside a JDK class initialiser breaks that class for the whole process.
     */
    static final int MAX_HOST_DEPTH = Integer.getInteger("weft.maxHostDepth", 500);

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
    /** Nested barriers now entered: host functions that called back into Wasm. */
    private int hostDepth;

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
            if (hostDepth >= MAX_HOST_DEPTH) {
                throw new Trap(TrapKind.CALL_STACK_EXHAUSTED,
                        "Wasm entered from Java (host functions, or compiled code calling interpreted code) more than "
                        + MAX_HOST_DEPTH + " deep on this thread (weft.maxHostDepth)");
            }
            root = (ExecStack) model.enter(caller);
            hostDepth++;
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
        boolean outermost = root == idleRoot;
        if (cur != root && cur != null) {
            if (cur.state() == StackState.RUNNING && chainReaches(cur, root)) {
                model.abandon(cur);
            } else {
                model.recover(cur, root, outermost); // the failure struck inside a switch
            }
        }
        if (outermost) {
            root.sp = 0;
            root.depth = 0;
            root.waiting = null;
            root.caught = null;
        } else {
            hostDepth--;
            root.touchAll(); // a host may have written arguments without a frame
            model.exit(root);
        }
    }

    /** Whether the parent links lead from {@code s} to {@code root} through running chain links. */
    private static boolean chainReaches(ExecStack s, ExecStack root) {
        ContStack t = s;
        while (t != null && t != root && !t.isBarrier()) {
            t = t.parent();
        }
        return t == root;
    }

    /** The current thread's context. */
    static StackContext current() {
        return CURRENT.get();
    }
}
