package dev.weft.interpreter;

/**
 * One Wasm function activation in a {@link Trap#backtrace()}: the function's index in its
 * module (imports first, as in the binary format), its name from the module's {@code name}
 * section (null when the module names it not), and the byte offset in the module of the
 * instruction it was at: the one that trapped, or the call it was making (-1 when unknown: a
 * module from the text format).
 */
public record WasmFrame(int functionIndex, String name, int codeOffset) {
    /** A frame without a code offset. */
    public WasmFrame(int functionIndex, String name) {
        this(functionIndex, name, -1);
    }

    /** {@code 0x2f - func[3] - fac} as wasmtime orders it; without what is unknown: {@code func[3]}. */
    @Override
    public String toString() {
        return (codeOffset < 0 ? "" : "0x" + Integer.toHexString(codeOffset) + " - ")
                + "func[" + functionIndex + "]" + (name == null ? "" : " - " + name);
    }
}
