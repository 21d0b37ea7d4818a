package dev.weft.interpreter.exec;

/**
 * A function lowered to internal code, ready to run. Only {@link Lowerer} creates one (the
 * constructor is package-private), from a validated module, so the interpreter may trust it.
 *
 * <p>Frame layout in the {@link ExecStack} (slot indices relative to the frame pointer fp):
 * <pre>
 *   fp + 0 .. numParams-1          parameters (the caller's arguments, left in place)
 *   fp + numParams .. numLocals-1  declared locals, zeroed on entry
 *   fp + numLocals ..              operand stack, at most maxStack slots
 * </pre>
 * Every slot is a {@code long} in {@code ExecStack.slots}; a reference lives in the same index
 * of {@code ExecStack.refs}.
 */
public final class CompiledFunction {
    final int numParams;
    final int numLocals;
    final int maxStack;
    final int numResults;
    final int[] code;
    /** How many resume instructions the code has (the size of a function instance's handler-table cache). */
    int resumeSites;
    /** The exception handler table (see {@link ExceptionOps}); empty without try_table. */
    final int[] handlers;

    CompiledFunction(int numParams, int numLocals, int maxStack, int numResults, int[] code, int[] handlers) {
        this.numParams = numParams;
        this.numLocals = numLocals;
        this.maxStack = maxStack;
        this.numResults = numResults;
        this.code = code;
        this.handlers = handlers;
    }

    /** A copy of the internal code (see {@link dev.weft.interpreter.code.Instr}), for tools and tests. */
    public int[] code() {
        return code.clone();
    }

    /** The internal code as text, one instruction a line. */
    public String disassemble() {
        return dev.weft.interpreter.code.Disassembler.disassemble(code);
    }

    /** Parameter slots. */
    public int numParams() {
        return numParams;
    }

    /** Parameter plus local slots. */
    public int numLocals() {
        return numLocals;
    }

    /** The largest operand-stack height in slots. */
    public int maxStack() {
        return maxStack;
    }

    /** Result slots. */
    public int numResults() {
        return numResults;
    }

    /** Slots a frame of this function needs. */
    public int frameSize() {
        return numLocals + maxStack;
    }

    /** The length of the internal code in ints. */
    public int codeLength() {
        return code.length;
    }
}
