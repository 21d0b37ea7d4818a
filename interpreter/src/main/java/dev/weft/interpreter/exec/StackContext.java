package dev.weft.interpreter.exec;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContStack;
import dev.weft.continuations.Continuations;
import dev.weft.continuations.StackState;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.exec.switching.StackSwitcher;
import dev.weft.interpreter.exec.switching.SwitchStack;

/**
 * One thread's stack-switching state: the {@link StackSwitcher} (the continuation model, with
 * its stack source, and the stack the dispatch loop runs right now) and the barrier stacks of
 * embedder calls. The loop gets it once per invocation and hands it to the stack-switching
 * operations. Stacks come from the process-wide pool through this thread's cache
 * ({@link SharedStacks}). A continuation made on one thread may be resumed on another: its
 * stacks then go back through that thread's cache. Implements what the switcher needs of the
 * loop: a fresh stack's first frame, and raising an exception in a parked stack.
 */
final class StackContext extends StackSwitcher {
    private static final ThreadLocal<StackContext> CURRENT = ThreadLocal.withInitial(StackContext::new);
    /**
     * How deep host functions may re-enter Wasm on one thread (Wasm, host, Wasm, host, ...):
     * system property {@code weft.maxHostDepth}. Each level costs Java stack (about 1.6 KiB
     * measured); the default keeps well inside a default 1 MiB thread stack, because a
     * StackOverflowError inside a JDK class initialiser breaks that class for the whole process.
     */
    static final int MAX_HOST_DEPTH = Integer.getInteger("weft.maxHostDepth", 500);

    private StackContext() {
        super(new Continuations(new RecyclingStackSource(SharedStacks.forThread())));
    }

    @Override
    protected int enterFresh(SwitchStack t, BoundArgs bound, SwitchStack from, int argBase, int n, Object last) {
        return ContOps.enterFresh(this, (ExecStack) t, bound, from, argBase, n, last);
    }

    @Override
    protected int raiseIn(SwitchStack st, WasmException exn) {
        return ExceptionOps.unwindSaved((ExecStack) st, exn);
    }

    /** The stack the loop runs ({@link #running}). */
    ExecStack runningStack() {
        return (ExecStack) running;
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
        ExecStack caller = (ExecStack) running;
        ExecStack root;
        if (caller == null) {
            if (idleRoot == null) {
                idleRoot = (ExecStack) model.enter();
            }
            root = idleRoot;
        } else {
            enterNested();
            root = (ExecStack) model.enter(caller);
        }
        running = root;
        return root;
    }

    /**
     * Counts a nested entry into Wasm from Java on this thread (a host function calling back
     * into Wasm, or compiled code calling interpreted code); traps past {@link #MAX_HOST_DEPTH}.
     * Pair with {@link #leaveNested}.
     */
    void enterNested() {
        if (hostDepth >= MAX_HOST_DEPTH) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED,
                    "Wasm entered from Java (host functions, or compiled code calling interpreted code) more than "
                    + MAX_HOST_DEPTH + " deep on this thread (weft.maxHostDepth)");
        }
        hostDepth++;
    }

    /** Ends a {@link #enterNested} entry. */
    void leaveNested() {
        hostDepth--;
    }

    /**
     * Ends the embedder call served by {@code root}: abandons whatever chain still runs above it
     * (after a trap or an unhandled suspension), gives a nested barrier back and makes
     * {@code caller} (the stack that ran before, or null) running again.
     */
    void leaveRoot(ExecStack root, ExecStack caller) {
        SwitchStack cur = running;
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
            idle(root);
        } else {
            leaveNested();
            root.touchAll(); // a host may have written arguments without a frame
            model.exit(root);
        }
    }

    /** Whether the parent links lead from {@code s} to {@code root} through running chain links. */
    private static boolean chainReaches(SwitchStack s, ExecStack root) {
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
