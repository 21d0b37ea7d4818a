package dev.weft.interpreter;

/**
 * One Wasm function activation in a {@link Trap#backtrace()}: the function's index in its
 * module (imports first, as in the binary format) and its name from the module's {@code name}
 * section, or null when the module names it not.
 */
public record WasmFrame(int functionIndex, String name) {
    /** {@code func[3] - fac}, or {@code func[3]} without a name. */
    @Override
    public String toString() {
        return "func[" + functionIndex + "]" + (name == null ? "" : " - " + name);
    }
}
