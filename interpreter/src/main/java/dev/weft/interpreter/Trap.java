package dev.weft.interpreter;

import dev.weft.interpreter.exec.CompiledFrames;
import java.util.ArrayList;
import java.util.List;

/**
 * A Wasm trap. Unchecked, so it passes through host lambdas. The message starts with the spec
 * text of its {@link TrapKind}; an optional detail follows after ": ". No JVM stack trace is
 * captured (traps are ordinary outcomes); instead the trap carries the Wasm call stack it left,
 * innermost first ({@link #backtrace()}).
 */
public final class Trap extends RuntimeException {
    private final TrapKind kind;
    /** Frames recorded so far, innermost first; null until the trap leaves Wasm code. */
    private List<WasmFrame> backtrace;
    /** Frames left out of {@link #backtrace} beyond its cap. */
    private int framesOmitted;

    public Trap(TrapKind kind) {
        super(kind.message(), null, false, false);
        this.kind = kind;
        this.backtrace = CompiledFrames.capture();
    }

    public Trap(TrapKind kind, String detail) {
        super(kind.message() + ": " + detail, null, false, false);
        this.kind = kind;
        this.backtrace = CompiledFrames.capture();
    }

    public Trap(TrapKind kind, String detail, Throwable cause) {
        super(kind.message() + ": " + detail, cause, false, false);
        this.kind = kind;
        this.backtrace = CompiledFrames.capture();
    }

    private Trap(TrapKind kind, String message, boolean unused) {
        super(message, null, false, false);
        this.kind = kind;
        this.backtrace = CompiledFrames.capture();
    }

    /**
     * A trap about one element, worded as the reference interpreter does: the spec text, a
     * space and the index (e.g. "uninitialized element 2").
     */
    public static Trap atIndex(TrapKind kind, long index) {
        return new Trap(kind, kind.message() + " " + index, true);
    }

    public TrapKind kind() {
        return kind;
    }

    /**
     * The Wasm functions that were running when the trap struck, innermost first: function
     * index and name (from the module's name section). Frames of code compiled to JVM bytecode
     * are found on the JVM stack when the trap is made; those of interpreted code are added as
     * the trap leaves each interpreter stack. Host functions add none, so the list is empty for
     * a trap made by Java code that Wasm did not call. Compiled frames below an interpreted
     * frame that a compiled one called are missing.
     */
    public List<WasmFrame> backtrace() {
        return backtrace == null ? List.of() : List.copyOf(backtrace);
    }

    /** How many more (outer) frames there were beyond those {@link #backtrace()} lists. */
    public int framesOmitted() {
        return framesOmitted;
    }

    /**
     * Adds {@code frames} (innermost first) outside those recorded so far, of which
     * {@code omitted} more were left out: the runtime calls it as the trap leaves a Wasm stack.
     * Embedders have no reason to.
     */
    public void addCallerFrames(List<WasmFrame> frames, int omitted) {
        if (backtrace == null) {
            backtrace = new ArrayList<>(frames.size());
        }
        backtrace.addAll(frames);
        framesOmitted += omitted;
    }

    /**
     * The backtrace as wasmtime prints it: {@code "wasm backtrace:"} then one line per frame
     * ({@code "    0: func[3] - fac"}); empty when no frame was recorded.
     */
    public String backtraceText() {
        if (backtrace == null || backtrace.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("wasm backtrace:");
        for (int i = 0; i < backtrace.size(); i++) {
            b.append("\n    ").append(i).append(": ").append(backtrace.get(i));
        }
        if (framesOmitted > 0) {
            b.append("\n    ... ").append(framesOmitted).append(" more frames");
        }
        return b.toString();
    }
}
