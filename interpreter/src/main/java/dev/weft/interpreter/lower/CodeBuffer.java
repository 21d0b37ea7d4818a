package dev.weft.interpreter.lower;

import static dev.weft.interpreter.code.Opcodes.*;

import java.util.Arrays;

/**
 * The growing code array of one function being lowered. It remembers where the last three
 * opcodes started so that peephole fusion can rewrite them; {@link #barrier()} forgets them at
 * every point a branch may land (fusing across a label would be wrong).
 */
final class CodeBuffer {
    private static final int HISTORY = 3;
    private int[] code = new int[64];
    private int len;
    /** Starts of the last opcodes, most recent first; -1 when unknown. */
    private final int[] starts = {-1, -1, -1};
    /** False to lower without peephole fusion (for tests that compare both): no history is kept. */
    private final boolean fuse;
    /** The shortest length a fusion cut the code back to since {@link #markRewrites()}. */
    private int rewrittenFrom = Integer.MAX_VALUE;

    CodeBuffer(boolean fuse) {
        this.fuse = fuse;
    }

    /** Appends an opcode. */
    void op(int opcode) {
        if (!fuse) {
            emit(opcode);
            return;
        }
        System.arraycopy(starts, 0, starts, 1, HISTORY - 1);
        starts[0] = len;
        emit(opcode);
    }

    /** Appends an immediate. */
    CodeBuffer emit(int v) {
        if (len == code.length) {
            code = Arrays.copyOf(code, len * 2);
        }
        code[len++] = v;
        return this;
    }

    int length() {
        return len;
    }

    /** Starts watching for fusions that rewrite code already emitted (see {@link #rewrittenFrom()}). */
    void markRewrites() {
        rewrittenFrom = Integer.MAX_VALUE;
    }

    /** Where the earliest opcode a fusion replaced since {@link #markRewrites()} began; MAX_VALUE if none. */
    int rewrittenFrom() {
        return rewrittenFrom;
    }

    /** The int at {@code pos}. */
    int at(int pos) {
        return code[pos];
    }

    void patch(int pos, int value) {
        code[pos] = value;
    }

    /** Forgets the last opcodes: the current position is a branch target. */
    void barrier() {
        Arrays.fill(starts, -1);
    }

    /**
     * The opcode {@code back} places before the end (0 = the last) if it has exactly
     * {@code immediates} immediates and is directly followed by the later ones, else -1.
     */
    int op(int back, int immediates) {
        int start = starts[back];
        int end = back == 0 ? len : starts[back - 1];
        return start >= 0 && end >= 0 && end == start + 1 + immediates ? code[start] : -1;
    }

    /** The last opcode if it has exactly {@code immediates} immediates, else -1. */
    int lastOp(int immediates) {
        return op(0, immediates);
    }

    /** The opcode before the last if it has {@code immediates} immediates, else -1. */
    int prevOp(int immediates) {
        return op(1, immediates);
    }

    int lastBareOp() {
        return lastOp(0);
    }

    int lastOpWithOneImmediate() {
        return lastOp(1);
    }

    /** Immediate {@code k} of the opcode {@code back} places before the end. */
    int immediate(int back, int k) {
        return code[starts[back] + 1 + k];
    }

    int lastImmediate(int k) {
        return immediate(0, k);
    }

    int lastImmediate() {
        return immediate(0, 0);
    }

    int prevImmediate(int k) {
        return immediate(1, k);
    }

    /** Removes the last opcode (with its immediates) so a fused form can replace it. */
    void dropLast() {
        len = starts[0];
        rewrittenFrom = Math.min(rewrittenFrom, len);
        System.arraycopy(starts, 1, starts, 0, HISTORY - 1);
        starts[HISTORY - 1] = -1;
    }

    /**
     * Emits a jump taken when the i32 on top is zero, fused with a preceding comparison (i32, or
     * i64 over two stack operands).
     */
    int jumpUnless() {
        int fused = BranchFusion.notTaken(lastBareOp());
        emitJump(fused, BR_UNLESS);
        int pos = len;
        emit(-1);
        return pos;
    }

    /** Emits a conditional jump opcode (the target follows), fused with a preceding comparison. */
    void jumpIf() {
        int fused = BranchFusion.taken(lastBareOp());
        emitJump(fused, BR_IF);
    }

    private void emitJump(int fused, int plain) {
        int zeroTest = zeroTest(fused, plain);
        if (zeroTest >= 0) {
            replace(fused < 0 ? 1 : 2, zeroTest, immediate(fused < 0 ? 0 : 1, 0), 0);
        } else if (fused < 0) {
            op(plain);
        } else if (prevOp(2) == LOCAL_GET2 && BranchFusion.overLocals(fused) >= 0) {
            int a = prevImmediate(0);
            int b = prevImmediate(1);
            replace(2, BranchFusion.overLocals(fused), a, b);
        } else if (prevOp(1) == CONST32 && op(2, 1) == LOCAL_GET
                && BranchFusion.overLocalAndConstant(fused, prevImmediate(0)) != null) {
            long[] form = BranchFusion.overLocalAndConstant(fused, prevImmediate(0));
            replace(3, (int) form[0], immediate(2, 0), (int) form[1]);
        } else if (prevOp(1) == LOCAL_GET && BranchFusion.stackAndLocal(fused) >= 0) {
            int local = prevImmediate(0);
            dropLast();
            dropLast();
            op(BranchFusion.stackAndLocal(fused));
            emit(local);
        } else {
            dropLast();
            op(fused);
        }
    }

    /**
     * A local tested against zero ({@code local.get x} then {@code br_if}, {@code if}, or the same
     * after {@code i32.eqz}) as a local-and-constant branch, or -1.
     */
    private int zeroTest(int fused, int plain) {
        int local = fused < 0 ? lastOp(1) : prevOp(1);
        if (local != LOCAL_GET || (fused >= 0 && lastBareOp() != I32_EQZ)) {
            return -1;
        }
        boolean jumpIfZero = fused < 0 ? plain == BR_UNLESS : fused == BR_IF_I32_EQZ;
        return jumpIfZero ? BR_IF_LC_EQ : BR_IF_LC_NE;
    }

    /** Replaces the last {@code count} opcodes with {@code opcode a b}. */
    private void replace(int count, int opcode, int a, int b) {
        for (int i = 0; i < count; i++) {
            dropLast();
        }
        op(opcode);
        emit(a);
        emit(b);
    }

    int[] toArray() {
        return Arrays.copyOf(code, len);
    }
}
