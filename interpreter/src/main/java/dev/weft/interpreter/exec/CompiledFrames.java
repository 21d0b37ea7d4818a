package dev.weft.interpreter.exec;

import dev.weft.interpreter.WasmFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The frames of code compiled to JVM bytecode in a trap's backtrace. Each instance's compiled
 * code is one hidden class whose method {@code f<index>} is function {@code index} (outlined
 * blocks and slot bridges run inside such a method, so they add nothing); the compiler
 * {@link #register registers} the class with its instance. When a trap is made, the JVM stack
 * is walked up to the dispatch loop (whose {@link Backtraces} add the interpreted frames as
 * the trap leaves it), and each compiled method found becomes a frame. The compiler gives each
 * Wasm instruction's bytecode the line number {@code index + 1} (0 past 65,534 instructions), so a
 * frame's line names the instruction it was at, and the registered offsets its byte offset in the
 * module; an outlined block's helper lends its line to the function's frame outside it.
 */
public final class CompiledFrames {
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.SHOW_HIDDEN_FRAMES, StackWalker.Option.RETAIN_CLASS_REFERENCE));
    /** The dispatch loop's method ({@link Interpreter#run}). */
    private static final String LOOP = "run";
    private static final String COMPILER_PACKAGE = "dev.weft.interpreter.compiler";
    private static final ClassValue<Registered[]> INSTANCES = new ClassValue<>() {
        @Override
        protected Registered[] computeValue(Class<?> type) {
            return new Registered[1];
        }
    };

    /** A compiled class's instance, and per function index its instructions' module offsets (or null). */
    private record Registered(ModuleInstance inst, int[][] offsets) {}

    private CompiledFrames() {}

    /**
     * Records that {@code compiled}, a hidden class of the compiler, holds the code of {@code inst};
     * {@code offsets[i]} are the module byte offsets of function {@code i}'s instructions (null:
     * unknown).
     */
    public static void register(Class<?> compiled, ModuleInstance inst, int[][] offsets) {
        INSTANCES.get(compiled)[0] = new Registered(inst, offsets);
    }

    /**
     * The compiled Wasm functions on the JVM stack of the caller, innermost first, down to the
     * innermost dispatch loop (or the bottom); null when there are none. Never fails: a walk
     * that does gives null.
     */
    public static List<WasmFrame> capture() {
        try {
            return WALKER.walk(frames -> {
                List<WasmFrame> found = null;
                int helperLine = 0; // the innermost line of outlined-block helpers since the last function
                for (var it = frames.iterator(); it.hasNext(); ) {
                    StackWalker.StackFrame f = it.next();
                    Class<?> c = f.getDeclaringClass();
                    if (c == Interpreter.class && f.getMethodName().equals(LOOP)) {
                        break; // the loop records the frames from here on
                    }
                    if (!c.isHidden() || !c.getPackageName().equals(COMPILER_PACKAGE)) {
                        continue;
                    }
                    int line = f.getLineNumber();
                    WasmFrame w = frame(c, f.getMethodName(), helperLine > 0 ? helperLine : line);
                    if (w == null) {
                        helperLine = helperLine > 0 ? helperLine : Math.max(line, 0);
                    } else {
                        helperLine = 0;
                        if (found == null) {
                            found = new ArrayList<>();
                        }
                        if (found.size() < Backtraces.MAX_FRAMES) {
                            found.add(w);
                        }
                    }
                }
                return found;
            });
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /**
     * The frame of method {@code name} of compiled class {@code c} at line {@code line} (see the
     * class comment), or null if it is not a function's method.
     */
    private static WasmFrame frame(Class<?> c, String name, int line) {
        Registered reg = INSTANCES.get(c)[0];
        if (reg == null || name.length() < 2 || name.charAt(0) != 'f') {
            return null;
        }
        int index;
        try {
            index = Integer.parseInt(name, 1, name.length(), 10);
        } catch (NumberFormatException notAFunction) {
            return null;
        }
        int[] offsets = index < reg.offsets.length ? reg.offsets[index] : null;
        int offset = offsets != null && line > 0 && line <= offsets.length ? offsets[line - 1] : -1;
        return Backtraces.frame(reg.inst, index, offset);
    }
}
