package dev.weft.interpreter.exec;

import dev.weft.continuations.ContStack;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.WasmFrame;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the Wasm call stack a trap leaves ({@link Trap#backtrace()}): when a trap leaves the
 * dispatch loop, the function it ran, the frames saved on its stack and those of the stacks
 * that resumed it, up to the barrier of the embedder call (outer calls, entered through host
 * functions, add theirs when the trap leaves their loop). A cold path: it runs once per trap
 * and per loop the trap leaves, and it never replaces the trap with a failure of its own.
 */
final class Backtraces {
    /** Frames recorded per trap at most; the outer rest are counted ({@link Trap#framesOmitted()}). */
    static final int MAX_FRAMES = 1000;

    private final List<WasmFrame> frames = new ArrayList<>();
    private final Map<ModuleInstance, Map<FunctionInstance, Integer>> indices = new IdentityHashMap<>();
    private final int room;
    private int omitted;

    private Backtraces(int room) {
        this.room = room;
    }

    /**
     * Adds to {@code t} the frames of the loop it left: {@code fn} running at frame
     * {@code depth} of {@code st} with its next pc {@code pc} (past the opcode that trapped),
     * then the frames below it and those of the stacks that resumed {@code st}. Returns
     * {@code t}, to be rethrown.
     */
    static Trap record(Trap t, ExecStack st, int depth, FunctionInstance fn, int pc) {
        try {
            Backtraces b = new Backtraces(MAX_FRAMES - t.backtrace().size() - Math.min(t.framesOmitted(), 1));
            b.add(fn, pc);
            b.addSaved(st, depth);
            for (ContStack p = st; !p.isBarrier() && p.parent() instanceof ExecStack parent; p = parent) {
                b.addSaved(parent, parent.depth);
            }
            t.addCallerFrames(b.frames, b.omitted);
        } catch (RuntimeException inconsistent) {
            // a trap struck in the middle of a stack switch: the trap matters, not its backtrace
        }
        return t;
    }

    /**
     * Adds the frames saved on {@code st} below {@code depth}, innermost first; each saved frame
     * holds the pc its function resumes at, just past the call it is making.
     */
    private void addSaved(ExecStack st, int depth) {
        for (int d = Math.min(depth, st.frameFns.length) - 1; d >= 0; d--) {
            add(st.frameFns[d], st.frames[2 * d]);
        }
    }

    /** Adds {@code f}, whose code stopped with its next pc at {@code pc}: in the instruction before it. */
    private void add(FunctionInstance f, int pc) {
        if (f == null || f.instance == null) {
            return; // not Wasm code with an instance: nothing to name
        }
        if (frames.size() >= room) {
            omitted++;
            return;
        }
        int offset = f.lowered == null ? -1 : f.lowered.codeOffsetAt(pc - 1);
        frames.add(frame(f.instance, indexIn(f.instance, f), offset));
    }

    /**
     * Function {@code index} of {@code inst} (-1: not found) with its name from the name section
     * and the module byte offset it was at (-1: unknown).
     */
    static WasmFrame frame(ModuleInstance inst, int index, int codeOffset) {
        return new WasmFrame(index, index < 0 ? null : inst.functionName(index), codeOffset);
    }

    private int indexIn(ModuleInstance inst, FunctionInstance f) {
        Map<FunctionInstance, Integer> byFunction = indices.computeIfAbsent(inst, i -> {
            Map<FunctionInstance, Integer> m = new IdentityHashMap<>();
            for (int k = 0; k < i.functions.length; k++) {
                m.putIfAbsent(i.functions[k], k);
            }
            return m;
        });
        return byFunction.getOrDefault(f, -1);
    }
}
