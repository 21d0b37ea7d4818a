package dev.weft.interpreter.exec;

import static dev.weft.interpreter.exec.Opcodes.*;

import java.util.Arrays;

/**
 * The growing code array of one function being lowered. It remembers where the last two opcodes
 * started so that peephole fusion can rewrite them; {@link #barrier()} forgets them at every
 * point a branch may land (fusing across a label would be wrong).
 */
final class CodeBuffer {
    private int[] code = new int[64];
    private int len;
    /** Start of the last opcode, or -1. */
    private int last = -1;
    /** Start of the opcode before it, or -1. */
    private int prev = -1;

    /** Appends an opcode. */
    void op(int opcode) {
        prev = last;
        last = len;
        emit(opcode);
    }

    /** Appends an immediate. */
    void emit(int v) {
        if (len == code.length) {
            code = Arrays.copyOf(code, len * 2);
        }
        code[len++] = v;
    }

    int length() {
        return len;
    }

    void patch(int pos, int value) {
        code[pos] = value;
    }

    /** Forgets the last opcodes: the current position is a branch target. */
    void barrier() {
        last = -1;
        prev = -1;
    }

    /** The last opcode if it has exactly {@code immediates} immediates and ends the code, else -1. */
    int lastOp(int immediates) {
        return last >= 0 && last == len - 1 - immediates ? code[last] : -1;
    }

    /** The opcode before the last if it has {@code immediates} immediates, else -1. */
    int prevOp(int immediates) {
        return prev >= 0 && last >= 0 && prev == last - 1 - immediates ? code[prev] : -1;
    }

    /** The last opcode if it has no immediates and nothing followed it, else -1. */
    int lastBareOp() {
        return lastOp(0);
    }

    /** The last opcode if it has exactly one immediate, else -1. */
    int lastOpWithOneImmediate() {
        return lastOp(1);
    }

    /** Immediate {@code k} of the last opcode. */
    int lastImmediate(int k) {
        return code[last + 1 + k];
    }

    int lastImmediate() {
        return lastImmediate(0);
    }

    /** Immediate {@code k} of the opcode before the last. */
    int prevImmediate(int k) {
        return code[prev + 1 + k];
    }

    /** Removes the last opcode (with its immediates) so a fused form can replace it. */
    void dropLast() {
        len = last;
        last = prev;
        prev = -1;
    }

    /** Emits a jump taken when the i32 on top is zero, fused with a preceding comparison. */
    int jumpUnless() {
        int fused = switch (lastBareOp()) {
            case I32_EQZ -> BR_IF;
            case I32_EQ -> BR_IF_I32_NE;
            case I32_NE -> BR_IF_I32_EQ;
            case I32_LT_S -> BR_IF_I32_GE_S;
            case I32_GE_S -> BR_IF_I32_LT_S;
            case I32_GT_S -> BR_IF_I32_LE_S;
            case I32_LE_S -> BR_IF_I32_GT_S;
            case I32_LT_U -> BR_IF_I32_GE_U;
            case I32_GE_U -> BR_IF_I32_LT_U;
            case I32_GT_U -> BR_IF_I32_LE_U;
            case I32_LE_U -> BR_IF_I32_GT_U;
            default -> -1;
        };
        replaceLastOr(fused, BR_UNLESS);
        int pos = len;
        emit(-1);
        return pos;
    }

    /** Emits a plain conditional jump opcode, fused with a preceding comparison. */
    void jumpIf() {
        int fused = switch (lastBareOp()) {
            case I32_EQZ -> BR_IF_I32_EQZ;
            case I32_EQ -> BR_IF_I32_EQ;
            case I32_NE -> BR_IF_I32_NE;
            case I32_LT_S -> BR_IF_I32_LT_S;
            case I32_GE_S -> BR_IF_I32_GE_S;
            case I32_GT_S -> BR_IF_I32_GT_S;
            case I32_LE_S -> BR_IF_I32_LE_S;
            case I32_LT_U -> BR_IF_I32_LT_U;
            case I32_GE_U -> BR_IF_I32_GE_U;
            case I32_GT_U -> BR_IF_I32_GT_U;
            case I32_LE_U -> BR_IF_I32_LE_U;
            default -> -1;
        };
        replaceLastOr(fused, BR_IF);
    }

    /**
     * The compare-two-locals-and-branch form of a fused conditional jump when the comparison's
     * operands came from a {@code LOCAL_GET2}, else -1.
     */
    private int overLocals(int fused) {
        if (prevOp(2) != LOCAL_GET2) {
            return -1;
        }
        return switch (fused) {
            case BR_IF_I32_LT_S -> BR_IF_LL_LT_S;
            case BR_IF_I32_GE_S -> BR_IF_LL_GE_S;
            case BR_IF_I32_LT_U -> BR_IF_LL_LT_U;
            case BR_IF_I32_GE_U -> BR_IF_LL_GE_U;
            case BR_IF_I32_EQ -> BR_IF_LL_EQ;
            case BR_IF_I32_NE -> BR_IF_LL_NE;
            default -> -1;
        };
    }

    private void replaceLastOr(int fused, int plain) {
        int ll = overLocals(fused);
        if (ll >= 0) {
            int a = prevImmediate(0);
            int b = prevImmediate(1);
            dropLast();
            dropLast();
            op(ll);
            emit(a);
            emit(b);
        } else if (fused >= 0) {
            dropLast();
            op(fused);
        } else {
            op(plain);
        }
    }

    int[] toArray() {
        return Arrays.copyOf(code, len);
    }
}
