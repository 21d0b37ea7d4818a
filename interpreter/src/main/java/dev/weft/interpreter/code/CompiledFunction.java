package dev.weft.interpreter.code;

/**
 * A function lowered to internal code, ready to run. Only {@code lower.Lowerer} creates one, from a
 * validated module, so the interpreter may trust it.
 *
 * <p>Frame layout in the {@code exec.ExecStack} (slot indices relative to the frame pointer fp):
 * <pre>
 *   fp + 0 .. numParams-1          parameters (the caller's arguments, left in place)
 *   fp + numParams .. numLocals-1  declared locals, zeroed on entry
 *   fp + numLocals ..              operand stack, at most maxStack slots
 * </pre>
 * Every slot is a {@code long} in {@code ExecStack.slots}; a reference lives in the same index
 * of {@code ExecStack.refs}.
 */
public final class CompiledFunction {
    public final int numParams;
    public final int numLocals;
    public final int maxStack;
    public final int numResults;
    public final int[] code;
    /** How many resume instructions the code has (the size of a function instance's handler-table cache). */
    public int resumeSites;
    /**
     * Ints per entry of {@link #handlers}: start pc, end pc (exclusive), tag index ({@link #ANY_TAG} for
     * the catch_all forms), {@link dev.weft.interpreter.ast.Instruction.CatchKind} ordinal, target pc,
     * target height (relative to fp). Innermost try_table first.
     */
    public static final int HANDLER_ENTRY = 6;
    /** The tag index of a {@code catch_all}/{@code catch_all_ref} entry of {@link #handlers}. */
    public static final int ANY_TAG = -1;

    /** The exception handler table ({@link #HANDLER_ENTRY} ints an entry); empty without try_table. */
    public final int[] handlers;

    public CompiledFunction(int numParams, int numLocals, int maxStack, int numResults, int[] code, int[] handlers) {
        this.numParams = numParams;
        this.numLocals = numLocals;
        this.maxStack = maxStack;
        this.numResults = numResults;
        this.code = code;
        this.handlers = handlers;
    }

    /**
     * For a function decoded from the binary format: the pc of the internal code where each
     * body instruction's code starts ({@link #sourcePcs}, non-decreasing: an instruction fused
     * into the one before starts where it does) and each instruction's byte offset in the
     * module ({@link #sourceOffsets}); null otherwise. Only backtraces read them.
     */
    private int[] sourcePcs;
    private int[] sourceOffsets;

    /** Sets the source map ({@code lower.Lowerer}): see {@link #codeOffsetAt}. */
    public void source(int[] pcs, int[] offsets) {
        this.sourcePcs = pcs;
        this.sourceOffsets = offsets;
    }

    /**
     * The module byte offset of the body instruction whose code holds internal pc {@code pc},
     * or -1 when unknown (a function from the text format).
     */
    public int codeOffsetAt(int pc) {
        if (sourcePcs == null || pc < 0) {
            return -1;
        }
        int lo = 0;
        int hi = sourcePcs.length - 1;
        int found = -1;
        while (lo <= hi) { // the last instruction starting at or before pc
            int mid = (lo + hi) >>> 1;
            if (sourcePcs[mid] <= pc) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : sourceOffsets[found];
    }

    /** The module byte offset of body instruction {@code index}, or -1 when unknown. */
    public int codeOffsetOf(int index) {
        return sourceOffsets == null || index < 0 || index >= sourceOffsets.length ? -1 : sourceOffsets[index];
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
