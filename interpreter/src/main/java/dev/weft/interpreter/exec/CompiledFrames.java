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
 * the trap leaves it), and each compiled method found becomes a frame.
 */
public final class CompiledFrames {
    private static final StackWalker WALKER = StackWalker.getInstance(
            Set.of(StackWalker.Option.SHOW_HIDDEN_FRAMES, StackWalker.Option.RETAIN_CLASS_REFERENCE));
    /** The dispatch loop's method ({@link Interpreter#run}). */
    private static final String LOOP = "run";
    private static final String COMPILER_PACKAGE = "dev.weft.interpreter.compiler";
    private static final ClassValue<ModuleInstance[]> INSTANCES = new ClassValue<>() {
        @Override
        protected ModuleInstance[] computeValue(Class<?> type) {
            return new ModuleInstance[1];
        }
    };

    private CompiledFrames() {}

    /** Records that {@code compiled}, a hidden class of the compiler, holds the code of {@code inst}. */
    public static void register(Class<?> compiled, ModuleInstance inst) {
        INSTANCES.get(compiled)[0] = inst;
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
                for (var it = frames.iterator(); it.hasNext(); ) {
                    StackWalker.StackFrame f = it.next();
                    Class<?> c = f.getDeclaringClass();
                    if (c == Interpreter.class && f.getMethodName().equals(LOOP)) {
                        break; // the loop records the frames from here on
                    }
                    WasmFrame w = c.isHidden() && c.getPackageName().equals(COMPILER_PACKAGE) ? frame(c, f.getMethodName()) : null;
                    if (w != null) {
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

    /** The frame of method {@code name} of compiled class {@code c}, or null if it is not a function's method. */
    private static WasmFrame frame(Class<?> c, String name) {
        ModuleInstance inst = INSTANCES.get(c)[0];
        if (inst == null || name.length() < 2 || name.charAt(0) != 'f') {
            return null;
        }
        int index;
        try {
            index = Integer.parseInt(name, 1, name.length(), 10);
        } catch (NumberFormatException notAFunction) {
            return null;
        }
        return Backtraces.frame(inst, index);
    }
}
